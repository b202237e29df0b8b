package org.sshdoctor.kb;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.sshdoctor.model.Severity;

/**
 * A knowledge-base article: what a finding or an error message means, why it happens and how to fix
 * it. Stored as YAML under {@code diag-core/src/main/resources/kb/}; {@code sshdoctor kb ID} prints it.
 *
 * @param id stable id, {@code SSH-AREA-PROBLEM} in upper kebab case
 * @param title one line, no final period
 * @param severity the usual severity of the finding
 * @param explanation what it means, in a few sentences
 * @param clientMessages what ssh (or sshd's log) prints for it, with {@code <placeholders>}; may be empty
 * @param causes likely causes, most likely first
 * @param fix the general fix, when causes do not say more
 * @param references man pages and documents, e.g. {@code ssh_config(5) ConnectTimeout}
 * @param aliases former ids that still resolve to this article
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Article(
        String id,
        String title,
        Severity severity,
        String explanation,
        @JsonProperty("clientMessages") List<String> clientMessages,
        List<Cause> causes,
        String fix,
        List<String> references,
        List<String> aliases) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, () -> "title of " + id);
        Objects.requireNonNull(severity, () -> "severity of " + id);
        Objects.requireNonNull(explanation, () -> "explanation of " + id);
        clientMessages = clientMessages == null ? List.of() : List.copyOf(clientMessages);
        causes = causes == null ? List.of() : List.copyOf(causes);
        fix = fix == null ? "" : fix;
        references = references == null ? List.of() : List.copyOf(references);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /**
     * One reason a problem happens.
     *
     * @param cause what is wrong
     * @param likelihood {@code high}, {@code medium} or {@code low}
     * @param check how to confirm it (a command, the log line to look for)
     * @param fix how to repair it
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Cause(String cause, String likelihood, String check, String fix) {
        public Cause {
            Objects.requireNonNull(cause, "cause");
            likelihood = likelihood == null ? "medium" : likelihood;
            check = check == null ? "" : check;
            fix = fix == null ? "" : fix;
        }
    }
}
