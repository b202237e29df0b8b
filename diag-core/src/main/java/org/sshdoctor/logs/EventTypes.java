package org.sshdoctor.logs;

/** The kebab-case type name of each event class ({@code KeyRevoked} → {@code key-revoked}), computed once per class. */
final class EventTypes {
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getSimpleName();
            StringBuilder out = new StringBuilder(name.length() + 4);
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (Character.isUpperCase(c) && i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            }
            return out.toString();
        }
    };

    private EventTypes() {}

    static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
