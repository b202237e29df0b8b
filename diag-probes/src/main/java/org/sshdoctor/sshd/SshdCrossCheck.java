package org.sshdoctor.sshd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Compares sshdoctor's resolution of sshd_config with {@code sshd -T -C … -f FILE}, the authority.
 * A difference is sshdoctor's bug and becomes a warning naming the keyword, both values and the
 * line sshdoctor used; when sshd cannot be asked, one info finding says why.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshdCrossCheck {
    /** The keywords sshdoctor's checks depend on, compared on every run. */
    public static final List<String> KEYWORDS = List.of("strictmodes", "usepam", "authorizedkeysfile",
            "chrootdirectory", "forcecommand", "allowusers", "denyusers", "allowgroups", "denygroups", "revokedkeys",
            "pubkeyauthentication", "passwordauthentication", "permitrootlogin", "maxauthtries", "subsystem",
            "trustedusercakeys", "authorizedprincipalsfile", "loglevel");

    private final Path sshd;

    public SshdCrossCheck(Path sshd) {
        this.sshd = sshd;
    }

    /** Uses /usr/sbin/sshd. */
    public static SshdCrossCheck system() {
        return new SshdCrossCheck(Path.of("/usr/sbin/sshd"));
    }

    /** The findings of comparing every {@link #KEYWORDS} value for the connection; empty when all agree. */
    public List<Finding> compare(SshdConfig config, ConnectionSpec spec) {
        if (!Files.isExecutable(sshd)) {
            return List.of(unavailable(sshd + " is not installed here"));
        }
        List<String> command = new ArrayList<>(List.of(sshd.toString(), "-T", "-f", config.file().toString()));
        if (!spec.testSpec().isEmpty()) {
            command.addAll(List.of("-C", spec.testSpec()));
        }
        String output;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return List.of(unavailable("sshd -T failed: " + output.strip().lines().reduce((a, b) -> b).orElse("")));
            }
        } catch (IOException e) {
            return List.of(unavailable("cannot run " + sshd + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(unavailable("interrupted"));
        }
        Map<String, List<String>> authority = parse(output);
        List<Finding> findings = new ArrayList<>();
        for (String keyword : KEYWORDS) {
            Setting ours = config.setting(keyword, spec);
            List<String> mine = normalise(keyword, render(ours));
            List<String> theirs = normalise(keyword, authority.getOrDefault(keyword, List.of()));
            if (!mine.equals(theirs)) {
                findings.add(Finding.of(SshdFindings.CROSSCHECK_MISMATCH, Severity.WARNING)
                        .title("sshdoctor reads " + keyword + " differently from sshd -T")
                        .detail("For " + (spec.testSpec().isEmpty() ? "no connection" : spec.testSpec())
                                + ", sshd -T says " + keyword + " is " + String.join(" | ", theirs)
                                + "; sshdoctor resolved " + String.join(" | ", mine) + " (from " + ours.source()
                                + "). sshd is right: findings about " + keyword + " may be wrong.")
                        .evidence("keyword", keyword).evidence("sshd", String.join(" | ", theirs))
                        .evidence("sshdoctor", String.join(" | ", mine)).evidence("setAt", ours.source())
                        .evidence("command", String.join(" ", command))
                        .fix("Trust sshd -T; please report this difference with the config lines involved")
                        .build());
            }
        }
        return findings;
    }

    /** Our value in sshd -T's shape: one entry per printed line. */
    private static List<String> render(Setting setting) {
        return switch (setting.keyword()) {
            case "allowusers", "denyusers", "allowgroups", "denygroups" -> setting.values();
            case "subsystem" -> setting.lines().stream().map(d -> String.join(" ", d.args())).toList();
            case "forcecommand" -> List.of(setting.raw().map(String::strip).orElse("none"));
            default -> setting.values().isEmpty() ? List.of() : List.of(String.join(" ", setting.values()));
        };
    }

    private static List<String> normalise(String keyword, List<String> values) {
        return values.stream().map(v -> {
            String s = v.strip().replaceAll("[ \t]+", " ");
            if (keyword.equals("permitrootlogin") && s.equalsIgnoreCase("prohibit-password")) {
                s = "without-password";
            }
            boolean caseless = !s.contains("/") && !keyword.endsWith("users") && !keyword.endsWith("groups")
                    && !keyword.equals("forcecommand") && !keyword.equals("subsystem");
            return caseless ? s.toLowerCase(Locale.ROOT) : s;
        }).toList();
    }

    static Map<String, List<String>> parse(String output) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
            }
        }
        return values;
    }

    private static Finding unavailable(String reason) {
        return Finding.of(SshdFindings.CROSSCHECK_UNAVAILABLE, Severity.INFO)
                .title("sshd -T could not confirm the resolved settings")
                .detail(reason + ". The values shown come from sshdoctor's own reading of sshd_config.")
                .fix("Run sshdoctor as root on the server, where sshd is installed").build();
    }
}
