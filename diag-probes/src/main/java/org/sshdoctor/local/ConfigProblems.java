package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.config.ConfigProblem;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** Turns the resolver's problems into findings with ssh's own wording. */
final class ConfigProblems {
    private ConfigProblems() {}

    static List<Finding> findings(ResolvedConfig config, boolean targetGiven) {
        List<Finding> out = new ArrayList<>();
        Map<String, Long> badOptionsPerFile = config.problems().stream().filter(ConfigProblems::isBadOption)
                .collect(Collectors.groupingBy(p -> p.origin().file().map(Object::toString).orElse(""), Collectors.counting()));
        for (ConfigProblem p : config.problems()) {
            String where = p.origin().describe();
            Finding.Builder b = Finding.of(ConfigFindings.idOf(p.kind()), severity(p.kind())).evidence("where", where);
            switch (p.kind()) {
                case UNKNOWN_KEYWORD -> b.title("ssh stops at an unknown option in " + where)
                        .detail("ssh refuses to run with an option it does not know. Misspelt, or newer than this OpenSSH.")
                        .clientMessage(sshWords(p, ": line ", badOptionsPerFile))
                        .fix("Correct the keyword, or put 'IgnoreUnknown KEYWORD' before it if it is meant for a newer ssh.");
                case SYNTAX -> b.title("ssh cannot parse " + where + ": " + p.message())
                        .clientMessage(sshWords(p, " line ", badOptionsPerFile))
                        .fix("Correct that line (see ssh_config(5)); check with: ssh -G HOST");
                case DEPRECATED -> b.title("Option ignored by OpenSSH 9 at " + where)
                        .detail(p.message())
                        .fix("Remove the line.");
                case BAD_PERMISSIONS -> b.title("ssh refuses to run because of the permissions of " + p.origin().file().map(Object::toString).orElse(where))
                        .detail(p.message() + ". ssh checks ~/.ssh/config and every Included file: the owner must be you or root, "
                                + "and only the owner may write it.")
                        .clientMessage(p.message().replaceFirst(" \\(.*\\)$", ""))
                        .fix(p.origin().file().map(f -> "chmod go-w " + Shell.quote(f) + "\nchown $(id -u) " + Shell.quote(f)).orElse(""));
                case UNREADABLE -> b.title(p.message().replaceFirst("\\.$", ""))
                        .clientMessage(p.message());
                case NOT_SIMULATED -> b.title("Not simulated: " + p.message().replaceFirst(":.*", ""))
                        .detail(p.message());
            }
            out.add(b.build());
        }
        return out;
    }

    private static boolean isBadOption(ConfigProblem p) {
        return p.kind() == ConfigProblem.Kind.UNKNOWN_KEYWORD || p.kind() == ConfigProblem.Kind.SYNTAX;
    }

    /**
     * The lines ssh prints for a bad option: "FILE: line N: Bad configuration option: x" or "FILE line N: …"
     * (readconf.c uses both shapes), then, for a file, "FILE: terminating, N bad configuration options"
     * with N counting every bad line of that file. An -o option is named "command-line" at line 0 and
     * ends ssh at once, without the count.
     */
    private static String sshWords(ConfigProblem p, String lineSeparator, Map<String, Long> badOptionsPerFile) {
        ConfigOrigin origin = p.origin();
        if (origin.kind() != ConfigOrigin.Kind.FILE || origin.file().isEmpty()) {
            String name = origin.kind() == ConfigOrigin.Kind.COMMAND_LINE ? "command-line" : origin.describe();
            return name + lineSeparator + "0: " + p.message();
        }
        String file = origin.file().get().toString();
        return file + lineSeparator + origin.line() + ": " + p.message()
                + "\n" + file + ": terminating, " + badOptionsPerFile.getOrDefault(file, 1L) + " bad configuration options";
    }

    private static Severity severity(ConfigProblem.Kind kind) {
        return switch (kind) {
            case UNKNOWN_KEYWORD, SYNTAX, BAD_PERMISSIONS -> Severity.ERROR;
            case UNREADABLE, DEPRECATED -> Severity.WARNING;
            case NOT_SIMULATED -> Severity.INFO;
        };
    }
}
