package org.sshdoctor.engine;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A typed key for a value one probe produces and others consume, such as the resolved addresses
 * or the open connection. Identity is the instance: declare each fact once, as a constant.
 *
 * @param <T> the value's type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Fact<T> {
    private final String name;
    private final Class<?> type;

    private Fact(String name, Class<?> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Declares a fact; {@code type} is the raw class of its values, used to check what probes publish. */
    public static <T> Fact<T> of(String name, Class<? super T> type) {
        return new Fact<>(name, type);
    }

    public String name() {
        return name;
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalStateException("fact " + name + " expects " + type.getName()
                    + ", got " + value.getClass().getName());
        }
        return (T) value;
    }

    @Override
    public String toString() {
        return name;
    }
}
