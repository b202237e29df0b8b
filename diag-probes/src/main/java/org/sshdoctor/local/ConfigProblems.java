package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.config.ConfigProblem;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** Turns the resolver's problems into findings with ssh's own wording. */
final class ConfigProblems {
    private ConfigProblems() {}

    static List<Finding> findings(ResolvedConfig config, boolean targetGiven) {
        List<Finding> out = new ArrayList<>();
        for (ConfigProblem p : config.problems()) {
            String where = p.origin().describe();
            Finding.Builder b = Finding.of(ConfigFindings.idOf(p.kind()), severity(p.kind())).evidence("where", where);
            switch (p.kind()) {
                case UNKNOWN_KEYWORD -> b.title("ssh stops at an unknown option in " + where)
                        .detail("ssh refuses to run with an option it does not know. Misspelt, or newer than this OpenSSH.")
                        .clientMessage(where.replaceFirst(":(\\d+)$", ": line $1") + ": " + p.message() + "\nterminating, 1 bad configuration options")
                        .fix("Correct the keyword, or put 'IgnoreUnknown KEYWORD' before it if it is meant for a newer ssh.");
                case SYNTAX -> b.title("ssh cannot parse " + where + ": " + p.message())
                        .clientMessage(where + ": " + p.message())
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

    private static Severity severity(ConfigProblem.Kind kind) {
        return switch (kind) {
            case UNKNOWN_KEYWORD, SYNTAX, BAD_PERMISSIONS -> Severity.ERROR;
            case UNREADABLE, DEPRECATED -> Severity.WARNING;
            case NOT_SIMULATED -> Severity.INFO;
        };
    }
}
