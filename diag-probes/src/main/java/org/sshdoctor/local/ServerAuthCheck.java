package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.openssh.Patterns;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.sshd.ConnectionSpec;
import org.sshdoctor.sshd.Setting;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.sshd.SshdFindings;

/**
 * {@code sshdoctor local --server}: why sshd refuses a user's keys. Runs on the server (as root to
 * see everything), reads sshd_config, the account databases and the user's files; writes nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServerAuthCheck {
    private final Accounts accounts;
    private final SshdBuild build;

    public ServerAuthCheck(Accounts accounts, SshdBuild build) {
        this.accounts = accounts;
        this.build = build;
    }

    public ServerAuthResult check(SshdConfig config, Account account) {
        ConnectionSpec spec = new ChrootTargets(config, accounts).spec(account);
        List<Finding> findings = new ArrayList<>(SshdFindings.of(config));
        findings.addAll(new AccountChecks(accounts).check(account, config, spec));
        boolean strict = config.setting("StrictModes", spec).first().orElse("yes").equalsIgnoreCase("yes");
        if (!strict) {
            findings.add(Finding.of(ServerAuthFindings.STRICTMODES_OFF, Severity.INFO)
                    .title("StrictModes is off: sshd does not check owners and modes of authorized_keys")
                    .detail("Set at " + config.setting("StrictModes", spec).source() + ".")
                    .fix("StrictModes yes (the default) protects users from keys planted by others").build());
        }
        Setting keyFiles = config.setting("AuthorizedKeysFile", spec);
        List<String> paths = new ArrayList<>();
        List<AuthorizedKey> keys = new ArrayList<>();
        int strictFailures = 0;
        int present = 0;
        StrictModesCheck strictModes = new StrictModesCheck(accounts, build);
        UserAccess access = new UserAccess(account, accounts);
        for (AuthorizedKeysFiles.Entry entry : AuthorizedKeysFiles.expand(keyFiles.values(), account)) {
            Path file = entry.path();
            paths.add(file + " (" + entry.configured() + ", " + keyFiles.source() + ")");
            if (!entry.error().isEmpty() || !Files.exists(file)) {
                continue;
            }
            present++;
            Path denied = access.firstDenied(file);
            if (denied != null) {
                findings.add(Finding.of(ServerAuthFindings.AUTHKEYS_UNREADABLE, Severity.ERROR)
                        .title(account.name() + " cannot read " + file + " (blocked at " + denied + ")")
                        .detail("sshd opens authorized_keys with the user's own uid, so the user needs search "
                                + "permission on every directory and read permission on the file.")
                        .evidence("sshdLog", "Could not open user '" + account.name() + "' authorized keys '" + file
                                + "': Permission denied")
                        .clientMessage("Permission denied (publickey).")
                        .fix("chown " + account.name() + " " + Shell.quote(file) + " && chmod 600 "
                                + Shell.quote(file)).build());
                continue;
            }
            if (!Files.isRegularFile(file)) {
                findings.add(Finding.of(ServerAuthFindings.AUTHKEYS_NOT_REGULAR, Severity.ERROR)
                        .title(file + " is not a regular file")
                        .evidence("sshdLog", "User '" + account.name() + "' authorized keys '" + file
                                + "' is not a regular file")
                        .fix("Replace it with a file holding one public key per line").build());
                continue;
            }
            if (strict) {
                List<Finding> walk = strictModes.check(account, file);
                strictFailures += (int) walk.stream().filter(f -> f.severity() == Severity.ERROR).count();
                findings.addAll(walk);
            }
            try {
                AuthorizedKeysLint lint = new AuthorizedKeysLint(file.toString(), acceptedAlgorithms(config, spec),
                        config.setting("UseDNS", spec).first().orElse("no").equalsIgnoreCase("yes"));
                lint.lint(Files.readString(file, StandardCharsets.UTF_8));
                findings.addAll(lint.findings());
                keys.addAll(lint.keys());
            } catch (IOException e) {
                // unreadable even for root (a FIFO, a dead NFS mount): the open check above covers the user's view
            }
        }
        if (present == 0) {
            findings.add(Finding.of(ServerAuthFindings.AUTHKEYS_NONE, Severity.WARNING)
                    .title("No authorized_keys file exists for " + account.name())
                    .detail("sshd looks in " + String.join(", ", paths) + "; none exists, so no key can log in "
                            + "(unless AuthorizedKeysCommand or TrustedUserCAKeys provide keys).")
                    .clientMessage("Permission denied (publickey).")
                    .fix("ssh-copy-id " + account.name() + "@SERVER from the client, or install -m 600 -o "
                            + account.name() + " the key into " + account.home() + "/.ssh/authorized_keys").build());
        } else if (keys.isEmpty()) {
            findings.add(Finding.of(ServerAuthFindings.AUTHKEYS_NONE, Severity.WARNING)
                    .title("No usable key in the authorized_keys files of " + account.name())
                    .detail("The files exist but sshd can read no key from them (see the findings above).")
                    .clientMessage("Permission denied (publickey).")
                    .fix("Add the user's public key, one per line: ssh-copy-id " + account.name() + "@SERVER").build());
        }
        if (present > 0 && strict && strictFailures == 0) {
            findings.add(Finding.of(ServerAuthFindings.STRICTMODES_OK, Severity.OK)
                    .title("StrictModes accepts the authorized_keys files of " + account.name())
                    .detail(build.ruleDescription()).build());
        }
        Setting revoked = config.setting("RevokedKeys", spec);
        findings.addAll(RevokedKeysCheck.check(revoked.first().orElse("none"), revoked.source(), keys));
        findings.addAll(HostKeyCheck.check(config.setting("HostKey", spec)));
        return new ServerAuthResult(account, build.ruleDescription(), paths, findings);
    }

    /** PubkeyAcceptedAlgorithms with +append, -remove and ^prepend applied to the default list. */
    static List<String> acceptedAlgorithms(SshdConfig config, ConnectionSpec spec) {
        Setting setting = config.setting("PubkeyAcceptedAlgorithms", spec);
        List<String> defaults = Arrays.asList(String.join(",", setting.defaultValue()).split(","));
        String value = setting.first().orElse(String.join(",", defaults));
        if (setting.isDefault()) {
            return defaults;
        }
        List<String> listed = Arrays.asList(value.substring(value.matches("^[+^-].*") ? 1 : 0).split(","));
        List<String> result = new ArrayList<>();
        switch (value.charAt(0)) {
            case '+' -> {
                result.addAll(defaults);
                result.addAll(listed);
            }
            case '^' -> {
                result.addAll(listed);
                result.addAll(defaults);
            }
            case '-' -> defaults.stream().filter(a -> listed.stream().noneMatch(p -> Patterns.matchPattern(a, p)))
                    .forEach(result::add);
            default -> result.addAll(listed);
        }
        return result;
    }
}
