package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Collections;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;

/**
 * What {@code sshdoctor logs} found in a log.
 *
 * @param counts lines and events by type
 * @param first the earliest time in the log
 * @param last the latest time in the log
 * @param topSources the ten addresses with the most hostile events
 * @param sourceCount how many different addresses appear (up to the tracker's cap)
 * @param topUsers the ten account names with the most failures
 * @param logins successful logins (the most recent 500 finished, plus the ones still open)
 * @param loginCount all successful logins
 * @param sftpSessions SFTP sessions (the most recent 200 finished, plus the ones still open)
 * @param sftpTotals SFTP totals per account
 * @param sftpOverall SFTP totals over all accounts (account {@code *})
 * @param credentialStories revoked keys and refused certificates with the account a later line names
 * @param unrecognisedSamples the first 20 SSH lines no rule knows
 * @param findings problems and notable facts, most severe first
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LogSummary(Counts counts, Optional<LocalDateTime> first, Optional<LocalDateTime> last,
        List<SourceSummary> topSources, int sourceCount, List<UserSummary> topUsers, List<Login> logins, long loginCount,
        List<SftpTranscript> sftpSessions, List<SftpTotals> sftpTotals, SftpTotals sftpOverall,
        List<CredentialStory> credentialStories, List<LogLine> unrecognisedSamples, List<Finding> findings) {

    public LogSummary {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        topSources = List.copyOf(topSources);
        topUsers = List.copyOf(topUsers);
        logins = List.copyOf(logins);
        sftpSessions = List.copyOf(sftpSessions);
        sftpTotals = List.copyOf(sftpTotals);
        Objects.requireNonNull(sftpOverall, "sftpOverall");
        credentialStories = List.copyOf(credentialStories);
        unrecognisedSamples = List.copyOf(unrecognisedSamples);
        findings = List.copyOf(findings);
    }

    /** True when a finding is at warning or error level (the CLI then exits with 1). */
    public boolean needsAction() {
        return findings.stream().anyMatch(f -> f.severity().needsAction());
    }

    /**
     * Line counts.
     *
     * @param lines lines read (blank lines excluded)
     * @param recognised SSH lines a rule understood (debug output included)
     * @param unrecognised SSH lines no rule understood
     * @param otherPrograms lines of other programs (CRON, sudo ...)
     * @param debug sshd debug lines
     * @param byType events by type, sorted by type name
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Counts(long lines, long recognised, long unrecognised, long otherPrograms, long debug,
            Map<String, Long> byType) {
        public Counts {
            byType = Collections.unmodifiableMap(new TreeMap<>(byType));
        }

        /** Events of one type ({@code failed}, {@code accepted} ...). */
        public long of(String type) {
            return byType.getOrDefault(type, 0L);
        }
    }
}
