package org.sshdoctor.sshd;

import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** Ids of the findings about sshd_config itself. Each has a knowledge-base article (kb/sshd-config.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshdFindings {
    public static final String CONFIG_INVALID = "SSH-SSHDCONFIG-INVALID";
    public static final String CONFIG_IGNORED_LINE = "SSH-SSHDCONFIG-IGNORED-LINE";
    public static final String CROSSCHECK_MISMATCH = "SSH-SSHDCONFIG-CROSSCHECK-MISMATCH";
    public static final String CROSSCHECK_UNAVAILABLE = "SSH-SSHDCONFIG-CROSSCHECK-UNAVAILABLE";

    public static final List<String> ALL = List.of(CONFIG_INVALID, CONFIG_IGNORED_LINE, CROSSCHECK_MISMATCH,
            CROSSCHECK_UNAVAILABLE);

    private SshdFindings() {}

    /** One finding per problem line: errors where sshd refuses the file, info where it ignores a line. */
    public static List<Finding> of(SshdConfig config) {
        return config.problems().stream().map(p -> Finding.of(p.fatal() ? CONFIG_INVALID : CONFIG_IGNORED_LINE,
                        p.fatal() ? Severity.ERROR : Severity.INFO)
                .title(p.fatal() ? "sshd refuses " + p.origin() : "sshd ignores " + p.origin())
                .detail(p.fatal() ? "sshd would not start or reload with this configuration (sshd -t fails)."
                        : "The keyword is obsolete or not compiled into this sshd; sshd logs it and goes on.")
                .evidence("file", p.origin().file()).evidence("line", p.origin().line())
                .evidence("sshdLog", p.message())
                .fix(p.fatal() ? "Correct or remove the line, then run sshd -t before reloading" : "Remove the line")
                .build()).toList();
    }
}
