package org.sshdoctor.model;

import java.util.Objects;

/** Argument checks for the public value types: each names the argument and what arrived. */
final class Checks {
    private Checks() {}

    static String checkNotBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
