package org.sshdoctor.sshd;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The effective value of one keyword for a connection, and the lines that set it.
 *
 * @param keyword canonical lower-case keyword
 * @param lines the lines that make up the value, in order (one for most keywords, several for
 *     AllowUsers, Subsystem, HostKey…); empty when the value is sshd's default
 * @param defaultValue sshd's default, used when no line set it; may be empty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Setting(String keyword, List<Directive> lines, List<String> defaultValue) {
    public Setting {
        lines = List.copyOf(lines);
        defaultValue = List.copyOf(defaultValue);
    }

    /** True when no line set it and sshd uses its default. */
    public boolean isDefault() {
        return lines.isEmpty();
    }

    /** Every argument of every line, or the default. */
    public List<String> values() {
        return isDefault() ? defaultValue : lines.stream().flatMap(d -> d.args().stream()).toList();
    }

    /** The first argument, or the first default value; empty when there is neither. */
    public Optional<String> first() {
        List<String> values = values();
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The text after the keyword on the winning line (ForceCommand keeps its spaces), or the default. */
    public Optional<String> raw() {
        return isDefault() ? first() : Optional.of(lines.get(0).raw());
    }

    /** True when set to something other than {@code none} (ChrootDirectory, ForceCommand, RevokedKeys…). */
    public boolean isSetToSomething() {
        return first().filter(v -> !v.equalsIgnoreCase("none")).isPresent();
    }

    /** Where the value came from: "file:line" (the first line), or "default". */
    public String source() {
        return isDefault() ? "default" : lines.get(0).origin().toString();
    }
}
