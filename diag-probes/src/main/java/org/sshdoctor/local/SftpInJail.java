package org.sshdoctor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.openssh.PercentExpand;
import org.sshdoctor.os.Account;

/**
 * What an SFTP session needs inside a jail that passed sshd's checks: an external sftp-server must
 * exist inside the jail (internal-sftp needs nothing); the {@code -d} start directory must exist in
 * it, or the session silently starts at {@code /}; with {@code -l}, logs reach syslog only through a
 * {@code /dev/log} socket inside the jail.
 */
final class SftpInJail {
    private SftpInJail() {}

    static List<Finding> check(String jail, ChrootRequest request) {
        List<Finding> findings = new ArrayList<>();
        if (request.sftpCommand().isEmpty() || request.sftpCommand().get().isBlank()) {
            return findings;
        }
        String command = request.sftpCommand().get().strip();
        List<String> words = Arrays.asList(command.split("[ \t]+"));
        if (!words.get(0).equals("internal-sftp")) {
            Path inJail = inside(jail, words.get(0));
            if (!Files.exists(inJail)) {
                findings.add(Finding.of(ChrootFindings.SFTP_SERVER_NOT_IN_JAIL, Severity.ERROR)
                        .evidence("expanded", jail).evidence("setAt", request.source())
                        .clientMessage("Connection closed")
                        .title(words.get(0) + " does not exist inside the jail " + jail)
                        .detail("After chroot, sshd runs \"" + command + "\" through the user's shell inside " + jail
                                + "; " + inJail + " is missing (and the shell and libraries would be needed too), "
                                + "so SFTP sessions end right after login.")
                        .evidence("command", command)
                        .fix("Serve SFTP from inside sshd, which needs nothing in the jail:\n"
                                + "  Subsystem sftp internal-sftp      (or, in the Match block: ForceCommand internal-sftp)")
                        .build());
            }
            return findings;
        }
        Map<Character, String> options = options(words.subList(1, words.size()));
        Optional<String> startDirectory = Optional.ofNullable(options.get('d')).flatMap(d -> expandStart(d, request));
        startDirectory.ifPresent(dir -> {
            Path target = dir.startsWith("/") ? inside(jail, dir) : workingDirectory(jail, request).resolve(dir);
            if (!Files.isDirectory(target)) {
                findings.add(Finding.of(ChrootFindings.START_DIR_MISSING, Severity.WARNING)
                        .title("The internal-sftp start directory " + dir + " does not exist inside the jail")
                        .detail("internal-sftp -d " + options.get('d') + " changes to " + dir + " inside " + jail
                                + " (that is " + target + " outside). It is missing, so the session starts in the "
                                + "jail's top directory, where the user usually cannot write.")
                        .evidence("command", command).evidence("expected", target.toString())
                        .evidence("sshdLog", "error: chdir to \"" + dir + "\" failed: No such file or directory")
                        .fix("install -d -o " + request.account().map(Account::name).orElse("USER") + " -m 755 "
                                + Shell.quote(target))
                        .build());
            }
        });
        Path devLog = inside(jail, "/dev/log");
        if (!Files.exists(devLog)) {
            boolean logging = options.containsKey('l');
            findings.add(Finding.of(ChrootFindings.NO_DEV_LOG, logging ? Severity.WARNING : Severity.INFO)
                    .title(logging ? "internal-sftp logging (-l " + options.get('l') + ") is lost: no " + devLog
                            : "No " + devLog + ": internal-sftp could not log if -l were added")
                    .detail("After chroot, internal-sftp sends its log to /dev/log inside the jail. " + devLog
                            + " does not exist, so " + (logging ? "its file transfer log is silently dropped."
                            : "adding -l INFO later would log nothing."))
                    .evidence("command", command).evidence("devLog", devLog.toString())
                    .fix("Let syslog listen inside the jail, e.g. for rsyslog: echo 'input(type=\"imuxsock\" "
                            + "Socket=\"" + devLog + "\" CreatePath=\"on\")' > /etc/rsyslog.d/sftp-jail.conf && "
                            + "mkdir -p " + Shell.quote(jail + "/dev") + " && systemctl restart rsyslog")
                    .build());
        }
        return findings;
    }

    /** sftp-server's getopt options ({@code -d dir}, {@code -l level}, {@code -ddir} …); flags map to "". */
    static Map<Character, String> options(List<String> args) {
        Map<Character, String> options = new java.util.HashMap<>();
        String withArgument = "dflPpQu";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.length() < 2) {
                break;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                if (withArgument.indexOf(c) >= 0) {
                    String value = j + 1 < a.length() ? a.substring(j + 1) : (i + 1 < args.size() ? args.get(++i) : "");
                    options.put(c, value);
                    break;
                }
                options.put(c, "");
            }
        }
        return options;
    }

    private static Optional<String> expandStart(String dir, ChrootRequest request) {
        if (request.account().isEmpty()) {
            return dir.indexOf('%') >= 0 ? Optional.empty() : Optional.of(dir);
        }
        Account a = request.account().get();
        try {
            return Optional.of(PercentExpand.expand(dir, Map.of('d', a.home().toString(), 'u', a.name())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Where the session starts before -d: the home directory inside the jail when it exists, else /. */
    private static Path workingDirectory(String jail, ChrootRequest request) {
        return request.account().map(a -> inside(jail, a.home().toString())).filter(Files::isDirectory)
                .orElse(Path.of(jail));
    }

    static Path inside(String jail, String path) {
        return Path.of(jail, path.startsWith("/") ? path.substring(1) : path);
    }
}
