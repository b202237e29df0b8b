package org.sshdoctor.logs;

import static org.sshdoctor.render.TerminalText.block;
import static org.sshdoctor.render.TerminalText.line;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Renders a {@link LogSummary} for people: the counts first, then the problems needing action with the
 * article to read, then top sources and users, logins, credential stories, SFTP transcripts and the
 * lines not recognised. Everything taken from the log is sanitised before printing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogSummaryText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final boolean colour;
    private final boolean verbose;

    /**
     * @param colour ANSI colours for severities
     * @param verbose show every login, session and file kept, not only the latest few
     */
    public LogSummaryText(boolean colour, boolean verbose) {
        this.colour = colour;
        this.verbose = verbose;
    }

    public String render(String title, LogSummary s) {
        StringBuilder out = new StringBuilder();
        LogSummary.Counts c = s.counts();
        out.append(bold("sshdoctor logs")).append("  ").append(line(title)).append('\n');
        out.append("  ").append(n(c.lines())).append(" lines");
        if (s.first().isPresent()) {
            out.append(", ").append(time(s.first())).append(" to ").append(time(s.last()));
        }
        out.append("\n  ").append(n(c.recognised())).append(" SSH lines recognised, ").append(n(c.otherPrograms()))
                .append(" from other programs, ").append(n(c.unrecognised())).append(" not recognised\n");
        long failed = c.of("failed") > 0 ? c.of("failed") : c.of("pam-failure"); // PAM echoes sshd's own failure lines
        out.append("  ").append(n(s.loginCount())).append(" login").append(plural(s.loginCount())).append(" accepted, ")
                .append(n(failed)).append(" failed attempt").append(plural(failed)).append(", ")
                .append(n(c.of("invalid-user"))).append(" invalid user").append(plural(c.of("invalid-user"))).append(", ")
                .append(n(s.sourceCount())).append(" client address").append(s.sourceCount() == 1 ? "" : "es").append('\n');
        findings(out, s.findings());
        sources(out, s.topSources());
        users(out, s.topUsers());
        logins(out, s.logins());
        stories(out, s.credentialStories());
        sftp(out, s);
        unrecognised(out, s);
        return out.toString();
    }

    private void findings(StringBuilder out, List<Finding> findings) {
        List<Finding> action = findings.stream().filter(f -> f.severity().needsAction()).toList();
        List<Finding> notes = findings.stream().filter(f -> !f.severity().needsAction()).toList();
        out.append('\n').append(bold("Problems needing action")).append('\n');
        if (action.isEmpty()) {
            out.append("  none\n");
        }
        for (Finding f : action) {
            finding(out, f, true);
        }
        if (!notes.isEmpty()) {
            out.append('\n').append(bold("Also noted")).append('\n');
            notes.forEach(f -> finding(out, f, verbose));
        }
    }

    private void finding(StringBuilder out, Finding f, boolean full) {
        out.append("  ").append(severity(f.severity())).append(' ').append(f.id()).append("  ").append(line(f.title())).append('\n');
        if (full && !f.detail().isEmpty()) {
            indent(out, "", block(f.detail()));
        }
        if (full && !f.fix().isEmpty()) {
            indent(out, "fix: ", block(f.fix()));
        }
        if (full) {
            indent(out, "see: ", "sshdoctor kb " + f.id());
        }
    }

    private void sources(StringBuilder out, List<SourceSummary> sources) {
        if (sources.isEmpty()) {
            return;
        }
        out.append('\n').append(bold("Top sources")).append(" ".repeat(28)).append(String.format(Locale.ROOT, "%8s%8s%9s%8s%8s  %s%n",
                "attempts", "users", "invalid", "probes", "logins", "last seen"));
        for (SourceSummary s : sources) {
            out.append(String.format(Locale.ROOT, "  %-37s%8d%8s%9d%8d%8d  %s%n", line(s.address()), s.attempts(),
                    s.distinctUsers() > 10 ? ">10" : String.valueOf(s.distinctUsers()), s.invalidUsers(), s.probes(),
                    s.accepted(), time(s.last())));
        }
    }

    private void users(StringBuilder out, List<UserSummary> users) {
        if (users.isEmpty()) {
            return;
        }
        out.append('\n').append(bold("Top users")).append(" ".repeat(28)).append(String.format(Locale.ROOT, "%8s%9s%8s%n", "failures", "sources", "logins"));
        for (UserSummary u : users) {
            out.append(String.format(Locale.ROOT, "  %-35s%8d%9d%8d%s%n", line(u.user()), u.failures(), u.sources(), u.accepted(),
                    u.invalid() ? "  (no such account)" : ""));
        }
    }

    private void logins(StringBuilder out, List<Login> logins) {
        if (logins.isEmpty()) {
            return;
        }
        out.append('\n').append(bold("Accepted logins")).append(shown(logins.size(), 20)).append('\n');
        for (Login l : tail(logins, 20)) {
            out.append("  ").append(time(l.time())).append("  ").append(line(l.user())).append("  ").append(line(l.method()));
            l.key().ifPresent(k -> out.append(' ').append(line(k.describe())));
            out.append("  from ").append(line(l.address()));
            if (l.duration().isPresent()) {
                out.append("  (session ").append(LogFindingRules.span(l.duration().get()))
                        .append(l.ending().isEmpty() ? "" : ", " + line(l.ending())).append(')');
            } else if (l.ending().isEmpty()) {
                out.append("  (end not in log)");
            }
            out.append('\n');
        }
    }

    private void stories(StringBuilder out, List<CredentialStory> stories) {
        if (stories.isEmpty()) {
            return;
        }
        out.append('\n').append(bold("Revoked keys and refused certificates")).append('\n');
        for (CredentialStory story : tail(stories, 20)) {
            out.append("  ").append(time(story.time())).append("  pid ").append(story.pid()).append("  ")
                    .append(line(story.describe())).append('\n');
        }
    }

    private void sftp(StringBuilder out, LogSummary s) {
        if (s.sftpSessions().isEmpty()) {
            return;
        }
        out.append('\n').append(bold("SFTP sessions")).append(shown(s.sftpSessions().size(), 10)).append('\n');
        for (SftpTranscript t : tail(s.sftpSessions(), 10)) {
            out.append("  ").append(time(t.opened())).append("  ").append(line(t.user()))
                    .append(t.address().map(a -> " from " + line(a)).orElse("")).append(" (pid ").append(t.pid());
            if (t.opened().isPresent() && t.closed().isPresent()) {
                out.append(", ").append(LogFindingRules.span(java.time.Duration.between(t.opened().get(), t.closed().get())));
            } else if (t.closed().isEmpty()) {
                out.append(", still open at end of log");
            }
            out.append("): ").append(t.filesRead()).append(" read (").append(n(t.bytesRead())).append(" bytes), ")
                    .append(t.filesWritten()).append(" written (").append(n(t.bytesWritten())).append(" bytes), ")
                    .append(t.directoriesListed()).append(" director").append(t.directoriesListed() == 1 ? "y" : "ies").append(" listed\n");
            for (SftpTranscript.FileTransfer f : verbose ? t.files() : tail(t.files(), 10)) {
                out.append("      ").append(f.bytesWritten() > 0 ? "wrote " : "read  ").append(line(f.path())).append("  ")
                        .append(n(f.bytesWritten() > 0 ? f.bytesWritten() : f.bytesRead())).append(" bytes\n");
            }
            for (String change : verbose ? t.changes() : tail(t.changes(), 5)) {
                out.append("      ").append(line(change)).append('\n');
            }
            for (String error : t.errors()) {
                out.append("      status: ").append(line(error)).append('\n');
            }
        }
        out.append("  totals:");
        for (SftpTotals t : s.sftpTotals()) {
            out.append(String.format(Locale.ROOT, "%n    %-16s %d login%s, %d file%s read (%s bytes), %d written (%s bytes)",
                    line(t.user()), t.logins(), plural(t.logins()), t.filesRead(), plural(t.filesRead()), n(t.bytesRead()),
                    t.filesWritten(), n(t.bytesWritten())));
        }
        out.append('\n');
    }

    private void unrecognised(StringBuilder out, LogSummary s) {
        if (s.unrecognisedSamples().isEmpty()) {
            return;
        }
        out.append('\n').append(bold("Lines not recognised")).append(shown((int) Math.min(Integer.MAX_VALUE, s.counts().unrecognised()),
                s.unrecognisedSamples().size())).append('\n');
        for (LogLine l : s.unrecognisedSamples()) {
            out.append("  ").append(line(l.source())).append(':').append(l.number()).append("  ").append(line(l.raw())).append('\n');
        }
    }

    private <T> List<T> tail(List<T> list, int count) {
        return verbose || list.size() <= count ? list : list.subList(list.size() - count, list.size());
    }

    private String shown(int size, int count) {
        return !verbose && size > count ? " (last " + count + " of " + size + "; -v shows all)" : "";
    }

    private static void indent(StringBuilder out, String label, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append("      ").append(i == 0 ? label : " ".repeat(label.length())).append(lines[i]).append('\n');
        }
    }

    private String severity(Severity severity) {
        String label = String.format(Locale.ROOT, "%-7s", severity.label());
        if (!colour) {
            return label;
        }
        String code = switch (severity) {
            case ERROR -> "31";
            case WARNING -> "33";
            case INFO -> "34";
            case OK -> "32";
        };
        return "\u001b[" + code + "m" + label + "\u001b[0m";
    }

    private String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    static String time(Optional<LocalDateTime> time) {
        return time.map(TIME::format).orElse("(no time)          ");
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
