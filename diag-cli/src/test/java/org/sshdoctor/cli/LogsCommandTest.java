package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CLEAN = """
            Mar 14 19:52:04 server sshd[5197]: Accepted publickey for fred from 192.0.2.60 port 59915 ssh2: RSA SHA256:5xyQ+PG1Z3CIiShclJ2iNya5TOdKDgE/HrOXr21IdOo
            Mar 14 19:52:04 server sshd[5197]: pam_unix(sshd:session): session opened for user fred(uid=1000) by (uid=0)
            Mar 14 19:55:04 server sshd[5197]: Disconnected from user fred 192.0.2.60 port 59915
            Mar 14 19:56:00 server CRON[42]: pam_unix(cron:session): session opened for user root by (uid=0)
            """;

    private static final String PROBLEMS = """
            Mar 14 20:44:01 server sshd[14352]: error: Authentication key RSA SHA256:jXEPmu4thnubqPUDcKDs31MOVLQJH6FfF1XSGT748jQ revoked by file /etc/ssh/ssh_revoked_keys
            Mar 14 20:44:04 server sshd[14352]: Connection closed by authenticating user fred 192.0.2.237 port 55051 [preauth]
            Aug  4 23:52:38 server sshd[7075]: fatal: bad ownership or modes for chroot directory component "/home/fred/"
            Aug  4 23:53:00 server sshd[7076]: something sshdoctor has never seen
            """;

    @Test
    void cleanLogExitsZeroAndSummarisesFirst(@TempDir Path dir) throws IOException {
        Path log = write(dir, "auth.log", CLEAN);
        CliRun run = CliRun.of("logs", log.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 lines", "1 login accepted", "Problems needing action\n  none",
                "fred  publickey RSA SHA256:5xyQ", "(session 3 min, disconnected)", "1 from other programs");
        assertThat(run.out().indexOf("Problems needing action")).isLessThan(run.out().indexOf("Accepted logins"));
    }

    @Test
    void problemsExitOneWithTheArticleToRead(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("logs", write(dir, "auth.log", PROBLEMS).toString());
        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("error   SSH-LOG-CHROOT-OWNERSHIP", "see: sshdoctor kb SSH-LOG-CHROOT-OWNERSHIP",
                "warning SSH-LOG-REVOKED-KEY-USED", "by fred", "1 not recognised", "something sshdoctor has never seen");
    }

    @Test
    void jsonSummaryIsValidJson(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("logs", "--json", write(dir, "auth.log", PROBLEMS).toString());
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.path("needsAction").asBoolean()).isTrue();
        assertThat(root.path("counts").path("unrecognised").asInt()).isEqualTo(1);
        assertThat(root.path("findings").findValuesAsText("id")).contains("SSH-LOG-CHROOT-OWNERSHIP", "SSH-LOG-REVOKED-KEY-USED");
        assertThat(root.path("credentialStories").get(0).path("user").asText()).isEqualTo("fred");
    }

    @Test
    void eventsAreOneJsonObjectPerLine(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("logs", "--events", write(dir, "auth.log", CLEAN + PROBLEMS).toString());
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(8);
        JsonNode accepted = JSON.readTree(lines[0]);
        assertThat(accepted.path("type").asText()).isEqualTo("accepted");
        assertThat(accepted.path("user").asText()).isEqualTo("fred");
        assertThat(accepted.path("key").path("fingerprint").asText()).startsWith("SHA256:5xyQ");
        assertThat(accepted.path("pid").asInt()).isEqualTo(5197);
        for (String line : lines) {
            assertThat(JSON.readTree(line).path("type").asText()).isNotEmpty();
        }
    }

    @Test
    void readsStandardInputGzipAndFilters(@TempDir Path dir) throws IOException {
        assertThat(CliRun.withStdin(CLEAN, "logs").out()).contains("standard input", "1 login accepted");
        Path gz = dir.resolve("auth.log.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(PROBLEMS.getBytes(StandardCharsets.UTF_8));
        }
        Path live = write(dir, "auth.log", CLEAN);
        CliRun both = CliRun.of("logs", "--json", live.toString(), gz.toString());
        JsonNode root = JSON.readTree(both.out());
        assertThat(root.path("files").get(0).asText()).endsWith("auth.log.2.gz"); // the rotated file is older: read first
        assertThat(root.path("counts").path("lines").asInt()).isEqualTo(8);
        CliRun fred = CliRun.of("logs", "--json", "--user", "fred", "--from", "192.0.2.0/24", live.toString(), gz.toString());
        // fred's login, its pam session line (no address of its own, but its pid's), its end, and the close after the revoked key
        assertThat(JSON.readTree(fred.out()).path("counts").path("lines").asInt()).isEqualTo(4);
        CliRun since = CliRun.of("logs", "--json", "--since", "2026-08-01", "--year", "2026", live.toString(), gz.toString());
        assertThat(JSON.readTree(since.out()).path("counts").path("lines").asInt()).isEqualTo(2);
    }

    @Test
    void timesCanBeDatesOrAges() {
        java.time.LocalDateTime now = java.time.LocalDateTime.parse("2026-03-14T19:30:00");
        assertThat(LogsCommand.time("--since", "2h", now)).hasValue(java.time.LocalDateTime.parse("2026-03-14T17:30:00"));
        assertThat(LogsCommand.time("--since", "7d", now)).hasValue(java.time.LocalDateTime.parse("2026-03-07T19:30:00"));
        assertThat(LogsCommand.time("--since", "yesterday", now)).hasValue(java.time.LocalDateTime.parse("2026-03-13T00:00:00"));
        assertThat(LogsCommand.time("--until", "2026-03-14 19:00", now)).hasValue(java.time.LocalDateTime.parse("2026-03-14T19:00:00"));
    }

    @Test
    void unreadableInputExitsTwoWithOneLine(@TempDir Path dir) {
        CliRun missing = CliRun.of("logs", dir.resolve("nope.log").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip()).contains("cannot read", "nope.log", "no such file").doesNotContain("\n");
        CliRun directory = CliRun.of("logs", dir.toString());
        assertThat(directory.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.err()).contains("is a directory");
        CliRun badTime = CliRun.of("logs", "--since", "yesterday-ish", dir.toString());
        assertThat(badTime.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTime.err()).contains("--since");
        CliRun badNet = CliRun.of("logs", "--json", "--from", "10.0.0.0/40");
        assertThat(badNet.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badNet.out()).contains("\"error\"");
    }

    @Test
    void followPrintsLinesAppendedLater(@TempDir Path dir) throws Exception {
        Path log = write(dir, "auth.log", CLEAN);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                new java.io.ByteArrayInputStream(new byte[0]), Map.of(), false);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(700);
                Files.writeString(log, "Mar 14 21:00:00 server sshd[9]: Failed password for root from 203.0.113.9 port 4 ssh2\n",
                        StandardOpenOption.APPEND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        int code = Cli.run(environment, "logs", "--follow", "--follow-for", "3000", log.toString());
        writer.join();
        assertThat(code).isZero();
        assertThat(err.toString()).contains("following");
        assertThat(out.toString()).contains("failed  failed password for root from 203.0.113.9 port 4");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
