package org.sshdoctor.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Severity;

/**
 * A knowledge-base article: what a finding or an error message means, why it happens and how to fix
 * it. Stored as YAML under {@code diag-core/src/main/resources/kb/}; {@code sshdoctor kb ID} prints it,
 * {@code sshdoctor explain} recognises its {@link #patterns()} in pasted text.
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
 * @param source who prints the message: {@code client}, {@code server}, {@code sftp}, {@code debug}
 *     (ssh -v lines, reported only when the input is not a whole transcript) or {@code finding} (an
 *     article only probes emit)
 * @param patterns Java regular expressions with named groups, searched (not anchored) in each input
 *     line; the groups become the match's captures
 * @param examples real lines each pattern set must recognise (tests check they match this article)
 * @param summary one sentence for this occurrence, with {@code {capture}} placeholders; empty means
 *     the title is used
 * @param versionNotes which OpenSSH versions changed the behaviour
 * @param followsFrom ids of articles that, when also matched, explain this one (it is their echo)
 * @param priority how decisive a match is, 0..100; ranks several matches in one input (most
 *     decisive first). Absent: derived from the severity
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
        List<String> aliases,
        String source,
        List<String> patterns,
        List<String> examples,
        String summary,
        List<String> versionNotes,
        List<String> followsFrom,
        Integer priority) {

    @JsonCreator
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
        source = source == null ? (clientMessages.isEmpty() ? "finding" : "client") : source;
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        examples = examples == null ? List.of() : List.copyOf(examples);
        summary = summary == null ? "" : summary.strip();
        versionNotes = versionNotes == null ? List.of() : List.copyOf(versionNotes);
        followsFrom = followsFrom == null ? List.of() : List.copyOf(followsFrom);
        priority = priority == null ? defaultPriority(severity) : priority;
    }

    /** The article as the foundation defined it, without explain data. */
    public Article(String id, String title, Severity severity, String explanation, List<String> clientMessages,
            List<Cause> causes, String fix, List<String> references, List<String> aliases) {
        this(id, title, severity, explanation, clientMessages, causes, fix, references, aliases,
                null, null, null, null, null, null, null);
    }

    private static int defaultPriority(Severity severity) {
        return switch (severity) {
            case ERROR -> 50;
            case WARNING -> 35;
            case INFO -> 15;
            case OK -> 10;
        };
    }

    /**
     * The id's hash: consistent with the record's {@code equals} (equal articles have equal ids), but
     * does not hash every field of the article each time the explainer keys a map by it, nor bootstrap
     * the record's generated {@code hashCode} at run time (about 18 ms of a cold {@code explain}).
     */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The summary template, when the article has one. */
    public Optional<String> summaryTemplate() {
        return summary.isEmpty() ? Optional.empty() : Optional.of(summary);
    }

    /**
     * One reason a problem happens.
     *
     * @param cause what is wrong
     * @param likelihood {@code high}, {@code medium} or {@code low}, before looking at the input
     * @param check how to confirm it (a command, the log line to look for)
     * @param fix how to repair it
     * @param raisedBy regular expressions; each one found anywhere in the explained input makes this
     *     cause more likely (e.g. a preceding log line, or a value in the matched line)
     * @param loweredBy regular expressions; each one found makes this cause less likely
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Cause(String cause, String likelihood, String check, String fix, List<String> raisedBy,
            List<String> loweredBy) {
        @JsonCreator
        public Cause {
            Objects.requireNonNull(cause, "cause");
            likelihood = likelihood == null ? "medium" : likelihood;
            check = check == null ? "" : check;
            fix = fix == null ? "" : fix;
            raisedBy = raisedBy == null ? List.of() : List.copyOf(raisedBy);
            loweredBy = loweredBy == null ? List.of() : List.copyOf(loweredBy);
        }

        /** A cause without likelihood hints. */
        public Cause(String cause, String likelihood, String check, String fix) {
            this(cause, likelihood, check, fix, null, null);
        }
    }
}
