package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command with bad input: options of the wrong type or range, and files that are missing,
 * directories, unreadable, failing with an I/O error, binary, empty or huge. Each run must exit 2
 * with exactly one line on stderr that names the problem, no stack trace, and with --json a valid
 * JSON error object on stdout. Placeholders in the arguments ({missing}, {dir}, ...) are replaced by
 * files made once per class; {huge} is a sparse 2 GiB file, so it costs no disk and shows that no
 * command reads a huge file before refusing it.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads fail with EIO at offset 0 (nothing is mapped there), even for root. */
    private static final Path IO_ERROR = Path.of("/proc/self/mem");

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Files.createDirectory(dir.resolve("adir"));
        Files.write(dir.resolve("binary"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, (byte) 0xff, (byte) 0xfe, 3, 0, 0x3e});
        Files.write(dir.resolve("empty"), new byte[0]);
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge").toFile(), "rw")) {
            huge.setLength(2L << 30);
        }
        Path unreadable = Files.writeString(dir.resolve("unreadable"), "Port 22\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                // diagnose (the default command)
                row("must be a number of seconds", "host", "--timeout", "ten"),
                row("--timeout must be 0.1..600 seconds", "host", "--timeout", "NaN"),
                row("--timeout must be 0.1..600 seconds", "host", "--timeout", "1e9"),
                row("port must be 1..65535", "host", "-p", "70000"),
                row("-l needs a user name", "host", "-l", " "),
                row("Missing required parameter", "host", "--timeout"),
                row("Unmatched argument", "host1", "host2"),
                row("--known-hosts {missing}: no such file", "host", "--known-hosts", "{missing}"),
                row("--known-hosts {dir}: is a directory", "host", "--known-hosts", "{dir}"),
                row("--known-hosts {unreadable}: permission denied", "host", "--known-hosts", "{unreadable}"),
                row("Input/output error", "host", "--known-hosts", "{ioerror}"),
                row("--known-hosts {binary}: binary data", "host", "--known-hosts", "{binary}"),
                row("--known-hosts {huge}: 2048 MiB is too large", "host", "--known-hosts", "{huge}"),
                row("-F {missing}: no such file", "host", "-F", "{missing}"),
                row("-F {dir}: is a directory", "host", "-F", "{dir}"),
                row("-F {binary}: binary data", "host", "-F", "{binary}"),
                row("-F {huge}: 2048 MiB is too large", "host", "-F", "{huge}"),
                row("-o needs KEY=VALUE", "host", "-o", "Port"),
                row("--client-profile", "host", "--client-profile", "no-such-client"),
                // scan
                row("{missing}: no such file", "scan", "-f", "{missing}"),
                row("{dir}: it is a directory", "scan", "-f", "{dir}"),
                row("{unreadable}: permission denied", "scan", "-f", "{unreadable}"),
                row("Input/output error", "scan", "-f", "{ioerror}"),
                row("{binary}: binary data", "scan", "-f", "{binary}"),
                row("no targets", "scan", "-f", "{empty}"),
                row("{huge}: 2048 MiB is too large", "scan", "-f", "{huge}"),
                row("Invalid value for option '--concurrency'", "scan", "--concurrency", "many", "host"),
                row("--concurrency must be 1..1024", "scan", "--concurrency", "0", "host"),
                row("port must be a number", "scan", "-p", "ssh", "host"),
                row("--timeout must be 0.1..600", "scan", "--timeout", "-1", "host"),
                row("Missing required parameter", "scan", "-f"),
                // kb
                row("no article has the id 'SSH-NO-SUCH-THING'", "kb", "SSH-NO-SUCH-THING"),
                row("not both", "kb", "SSH-TCP-REFUSED", "--search", "refused"),
                // explain
                row("nothing to explain", "explain"),
                row("nothing to explain", "explain", " "),
                // logs
                row("{missing}: no such file", "logs", "{missing}"),
                row("{dir}: it is a directory", "logs", "{dir}"),
                row("{unreadable}: permission denied", "logs", "{unreadable}"),
                row("Input/output error", "logs", "{ioerror}"),
                row("{binary}: binary data", "logs", "{binary}"),
                row("{huge}: binary data", "logs", "{huge}"),
                row("--since needs a date or time", "logs", "--since", "last tuesday", "{empty}"),
                row("--until needs a date or time", "logs", "--until", "2026-13-45", "{empty}"),
                row("Invalid value for option '--year'", "logs", "--year", "MMXXVI", "{empty}"),
                row("--year must be 1..9999", "logs", "--year", "12026", "{empty}"),
                row("--from", "logs", "--from", "192.0.2.0/99", "{empty}"),
                row("--follow needs a FILE", "logs", "--follow"),
                row("Invalid value for option '--follow-for'", "logs", "--follow-for", "soon", "{empty}"),
                row("not both", "logs", "-", "{empty}"),
                // local (client side)
                row("--home {missing} is not a directory", "local", "--home", "{missing}"),
                row("--home {empty} is not a directory", "local", "--home", "{empty}"),
                row("-F {missing}: no such file", "local", "-F", "{missing}", "host"),
                row("-F {dir}: is a directory", "local", "-F", "{dir}", "host"),
                row("-F {unreadable}: permission denied", "local", "-F", "{unreadable}", "host"),
                row("Input/output error", "local", "-F", "{ioerror}", "host"),
                row("-F {binary}: binary data", "local", "-F", "{binary}", "host"),
                row("-F {huge}: 2048 MiB is too large", "local", "-F", "{huge}", "host"),
                row("port must be a number", "local", "-p", "twenty-two", "host"),
                row("-o needs KEY=VALUE", "local", "-o", "Port", "host"),
                row("no local account named", "local", "--user", "no-such-user-x9"),
                row("--check-passphrase {missing}: no such file", "local", "--no-agent", "--check-passphrase", "{missing}"),
                row("--check-passphrase {dir}: is a directory", "local", "--no-agent", "--check-passphrase", "{dir}"),
                row("--check-passphrase {binary}: binary data", "local", "--no-agent", "--check-passphrase", "{binary}"),
                row("--check-passphrase {empty}: empty", "local", "--no-agent", "--check-passphrase", "{empty}"),
                row("--check-passphrase {huge}: 2048 MiB is too large", "local", "--no-agent", "--check-passphrase", "{huge}"),
                row("--sshd-config needs --server", "local", "--sshd-config", "{empty}"),
                row("-F, -o, -l and -p need a TARGET", "local", "-p", "22"),
                row("--server takes only --user", "local", "--server", "host"),
                // local --server
                row("{missing}: no such file", "local", "--server", "--sshd-config", "{missing}"),
                row("{dir}: is a directory", "local", "--server", "--sshd-config", "{dir}"),
                row("{unreadable}: permission denied", "local", "--server", "--sshd-config", "{unreadable}"),
                row("Input/output error", "local", "--server", "--sshd-config", "{ioerror}"),
                row("{binary}: binary data", "local", "--server", "--sshd-config", "{binary}"),
                row("{huge}: 2048 MiB is too large", "local", "--server", "--sshd-config", "{huge}"),
                row("no account named 'no-such-user-x9'", "local", "--server", "--user", "no-such-user-x9"),
                // chroot
                row("nothing to check", "chroot"),
                row("not both", "chroot", "--user", "root", "--all-users"),
                row("leave out PATH", "chroot", "/srv", "--all-users"),
                row("{missing}: no such file", "chroot", "/srv", "--sshd-config", "{missing}"),
                row("{dir}: is a directory", "chroot", "/srv", "--sshd-config", "{dir}"),
                row("{unreadable}: permission denied", "chroot", "/srv", "--sshd-config", "{unreadable}"),
                row("Input/output error", "chroot", "/srv", "--sshd-config", "{ioerror}"),
                row("{binary}: binary data", "chroot", "/srv", "--sshd-config", "{binary}"),
                row("{huge}: 2048 MiB is too large", "chroot", "/srv", "--sshd-config", "{huge}"),
                row("--junit {dir}: is a directory", "chroot", "/srv", "--junit", "{dir}"),
                row("does not exist", "chroot", "/srv", "--junit", "{missing}/report.xml"),
                row("no account named 'no-such-user-x9'", "chroot", "--user", "no-such-user-x9"));
    }

    private static Arguments row(String message, String... args) {
        return Arguments.of(String.join(" ", args), message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void exitsTwoWithOneLineNamingTheProblem(String name, String message, String[] args) {
        List<String> argv = expand(args);
        CliRun run = CliRun.of(argv.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("sshdoctor: ").contains(expand(message)).doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void withJsonStdoutIsOneValidErrorObject(String name, String message, String[] args) throws Exception {
        List<String> argv = expand(args);
        int at = argv.size() > 1 && List.of("scan", "kb", "explain", "logs", "local", "chroot").contains(argv.get(0)) ? 1 : 0;
        argv.add(at, "--json");
        CliRun run = CliRun.of(argv.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("error").path("kind").asText()).isEqualTo("usage");
        assertThat(json.path("error").path("message").asText()).contains(expand(message));
    }

    @Test
    void binaryOnStandardInputIsNotExplained() {
        CliRun run = CliRun.withStdin("\u0000\u0001\u0002ELF\u0000\u0000", "explain");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("sshdoctor: standard input is binary data").hasLineCount(1);
    }

    @Test
    void hugeStandardInputIsRefusedWithoutExplainingIt() {
        CliRun run = CliRun.withStdin("a".repeat(ExplainCommand.MAX_INPUT_BYTES + 1), "explain");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("larger than 32 MiB").hasLineCount(1);
    }

    @Test
    void emptyFilesThatAreValidInputAreAccepted() throws Exception {
        // An empty log (just rotated) and an empty ssh_config are normal, not errors.
        Path empty = dir.resolve("empty");
        assertThat(CliRun.of("logs", empty.toString()).code()).isZero();
        Path home = Files.createTempDirectory(dir, "home");
        CliRun local = CliRun.of("local", "--no-agent", "--no-exec", "--home", home.toString(), "-F", empty.toString(), "host");
        assertThat(local.code()).as(local.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        assertThat(local.err()).doesNotContain("sshdoctor:");
    }

    @Test
    void badIdentityFilesAreFindingsAsInSshNotUsageErrors() throws Exception {
        // ssh -i FILE only warns about a file it cannot use, and so does local: exit 1 with a finding.
        Path home = Files.createTempDirectory(dir, "home");
        for (String file : List.of("{missing}", "{dir}", "{binary}", "{empty}", "{huge}")) {
            CliRun run = CliRun.of("local", "--no-agent", "--no-exec", "--home", home.toString(), "-F", "none",
                    "-i", expand(file), "host");
            assertThat(run.code()).as(file + ": " + run.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
            assertThat(run.err()).as(file).isEmpty();
        }
    }

    private static List<String> expand(String[] args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            out.add(expand(arg));
        }
        return out;
    }

    private static String expand(String text) {
        if (text.contains("{unreadable}")) {
            assumeFalse(Files.isReadable(dir.resolve("unreadable")), "this user (root?) can read a mode 000 file");
        }
        if (text.contains("{ioerror}")) {
            assumeTrue(Files.exists(IO_ERROR), "no /proc/self/mem");
        }
        return text.replace("{missing}", dir.resolve("missing").toString())
                .replace("{dir}", dir.resolve("adir").toString())
                .replace("{unreadable}", dir.resolve("unreadable").toString())
                .replace("{ioerror}", IO_ERROR.toString())
                .replace("{binary}", dir.resolve("binary").toString())
                .replace("{empty}", dir.resolve("empty").toString())
                .replace("{huge}", dir.resolve("huge").toString());
    }
}
