package org.sshdoctor.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One value of the effective configuration, with where it came from.
 *
 * @param keyword the canonical keyword, lower case as {@code ssh -G} prints it ({@code identityfile})
 * @param args the arguments as written, after quote removal; tokens are not expanded
 * @param origin the file and line (or command line, or default) that set it
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigEntry(String keyword, List<String> args, ConfigOrigin origin) {
    public ConfigEntry {
        requireNonNull(keyword, "keyword");
        args = List.copyOf(args);
        requireNonNull(origin, "origin");
    }

    public static ConfigEntry of(String keyword, String value, ConfigOrigin origin) {
        return new ConfigEntry(keyword, List.of(value), origin);
    }

    /** The arguments joined by single spaces. */
    public String value() {
        return String.join(" ", args);
    }
}
