package org.sshdoctor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.openssh.Patterns;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.sshd.ConnectionSpec;
import org.sshdoctor.sshd.Setting;
import org.sshdoctor.sshd.SshdConfig;

/**
 * {@code auth.c allowed_user}: checks that refuse a user before any key is looked at, in sshd's
 * order: a locked account (UsePAM no), a missing or non-executable shell (unless chrooted),
 * DenyUsers, AllowUsers, DenyGroups, AllowGroups. sshd then treats the user as invalid.
 */
final class AccountChecks {
    private final Accounts accounts;

    AccountChecks(Accounts accounts) {
        this.accounts = accounts;
    }

    List<Finding> check(Account account, SshdConfig config, ConnectionSpec spec) {
        List<Finding> findings = new ArrayList<>();
        boolean usePam = config.setting("UsePAM", spec).first().orElse("no").equalsIgnoreCase("yes");
        Optional<String> password = accounts.shadowPassword(account.name());
        if (!usePam && password.filter(p -> p.startsWith("!")).isPresent()) {
            findings.add(refusal(account, "account is locked", "The account is locked",
                    "Its shadow password starts with '!' and UsePAM is no: sshd then refuses every method, public "
                            + "keys included.",
                    "usermod -p '*' " + account.name() + "   (no password, not locked: key logins work)"));
        }
        if (!config.setting("ChrootDirectory", spec).isSetToSomething()) {
            String shell = account.shell().isEmpty() ? "/bin/sh" : account.shell();
            Path path = Path.of(shell);
            if (!Files.exists(path)) {
                findings.add(shellRefusal(account, shell, "does not exist"));
            } else if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                findings.add(shellRefusal(account, shell, "is not executable"));
            }
        }
        String from = " from " + spec.address().orElse("<client>");
        List<String> deny = config.setting("DenyUsers", spec).values();
        deny.stream().filter(p -> userMatches(account, p, spec)).findFirst().ifPresent(p -> findings.add(refusal(account,
                "listed in DenyUsers", "DenyUsers matches " + account.name() + " (pattern " + p + ")",
                "Set at " + config.setting("DenyUsers", spec).source() + ".", "Remove " + p + " from DenyUsers", from)));
        Setting allow = config.setting("AllowUsers", spec);
        if (!allow.values().isEmpty() && allow.values().stream().noneMatch(p -> userMatches(account, p, spec))) {
            findings.add(refusal(account, "not listed in AllowUsers", account.name() + " is not in AllowUsers",
                    "AllowUsers (" + allow.source() + ") lists " + String.join(" ", allow.values())
                            + "; patterns with @host only match from those hosts.",
                    "Add " + account.name() + " to AllowUsers at " + allow.source(), from));
        }
        List<String> groups = accounts.groupNames(account);
        Setting denyGroups = config.setting("DenyGroups", spec);
        if (groups.stream().anyMatch(g -> denyGroups.values().stream().anyMatch(p -> Patterns.matchPattern(g, p)))) {
            findings.add(refusal(account, "a group is listed in DenyGroups", "A group of " + account.name()
                    + " is in DenyGroups", "Groups " + groups + "; DenyGroups " + denyGroups.values() + " ("
                    + denyGroups.source() + ").", "Remove the group from DenyGroups, or the user from the group", from));
        }
        Setting allowGroups = config.setting("AllowGroups", spec);
        if (!allowGroups.values().isEmpty()
                && groups.stream().noneMatch(g -> allowGroups.values().stream().anyMatch(p -> Patterns.matchPattern(g, p)))) {
            findings.add(refusal(account, "none of user's groups are listed in AllowGroups", "No group of "
                    + account.name() + " is in AllowGroups", "Groups " + groups + "; AllowGroups " + allowGroups.values()
                    + " (" + allowGroups.source() + ").", "usermod -aG " + allowGroups.values().get(0) + " "
                    + account.name(), from));
        }
        return findings;
    }

    private static boolean userMatches(Account account, String pattern, ConnectionSpec spec) {
        int at = pattern.indexOf('@');
        if (at >= 0 && (spec.host().isEmpty() || spec.address().isEmpty())) {
            return Patterns.matchPattern(account.name(), pattern.substring(0, at)); // host part unknown: assume it can match
        }
        return Patterns.matchUser(account.name(), spec.host(), spec.address(), pattern);
    }

    private Finding shellRefusal(Account account, String shell, String problem) {
        return refusal(account, "shell " + shell + " " + problem, "The login shell " + shell + " " + problem,
                "sshd refuses users whose shell is missing or not executable (unless ChrootDirectory applies).",
                "usermod -s /bin/bash " + account.name() + "   (or /usr/sbin/nologin with ForceCommand internal-sftp)");
    }

    private static Finding refusal(Account account, String reason, String title, String detail, String fix) {
        return refusal(account, reason, title, detail, fix, "");
    }

    private static Finding refusal(Account account, String reason, String title, String detail, String fix, String from) {
        String id = reason.startsWith("account") ? ServerAuthFindings.ACCOUNT_LOCKED
                : reason.startsWith("shell") ? ServerAuthFindings.ACCOUNT_NO_SHELL : ServerAuthFindings.ACCOUNT_NOT_ALLOWED;
        return Finding.of(id, Severity.ERROR).title(title)
                .detail(detail + " sshd then handles the login as an invalid user: every key and password fails.")
                .evidence("user", account.name())
                .evidence("sshdLog", "User " + account.name() + from + " not allowed because " + reason)
                .clientMessage("Permission denied (publickey).")
                .fix(fix).build();
    }
}
