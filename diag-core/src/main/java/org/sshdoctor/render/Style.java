package org.sshdoctor.render;

/** ANSI styling, or none. */
enum Style {
    PLAIN,
    ANSI;

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String blue(String s) {
        return wrap("34", s);
    }

    private String wrap(String code, String s) {
        return this == PLAIN ? s : "\u001b[" + code + "m" + s + "\u001b[0m";
    }
}
