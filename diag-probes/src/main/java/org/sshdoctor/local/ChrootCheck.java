package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.openssh.PercentExpand;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;

/**
 * Checks a ChrootDirectory exactly as sshd does at login ({@code session.c do_setusercontext} and
 * {@code safely_chroot}): tilde and {@code %h %u %U %%} expansion, an absolute path, then every
 * component from {@code /} down owned by uid 0, not group- or other-writable, and a directory. Then
 * what the SFTP session needs inside the jail. Reads the file system; writes nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ChrootCheck {
    private final Accounts accounts;

    public ChrootCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Checks one chroot for one user; the findings are never empty (an ok finding when all passes). */
    public ChrootResult check(ChrootRequest request) {
        Optional<String> expanded;
        try {
            expanded = Optional.of(expand(request));
        } catch (IllegalArgumentException e) {
            return new ChrootResult(request, Optional.empty(), List.of(badToken(request, e.getMessage())));
        }
        String path = expanded.get();
        List<Finding> findings = new ArrayList<>(ChrootWalk.walk(path, request, accounts));
        if (findings.isEmpty()) {
            findings.add(Finding.of(ChrootFindings.OK, Severity.OK)
                    .title("Chroot directory " + path + " passes sshd's ownership and mode checks")
                    .detail("Every component from / down to " + path + " is a directory owned by root and not "
                            + "writable by group or others.")
                    .evidence("chrootDirectory", request.configured()).evidence("expanded", path)
                    .evidence("setAt", request.source()).build());
            findings.addAll(SftpInJail.check(path, request));
        }
        return new ChrootResult(request, expanded, findings);
    }

    /** {@code tilde_expand_filename} then {@code percent_expand(h, u, U)}, as sshd does at login. */
    String expand(ChrootRequest request) {
        String value = request.configured();
        Optional<Account> account = request.account();
        if (value.startsWith("~")) {
            int slash = value.indexOf('/');
            String name = slash < 0 ? value.substring(1) : value.substring(1, slash);
            String rest = slash < 0 ? "" : value.substring(slash);
            Account owner = name.isEmpty()
                    ? account.orElseThrow(() -> new MissingUserException("the chroot path " + request.configured()
                            + " starts with ~: give --user NAME"))
                    : accounts.byName(name).orElseThrow(() -> new IllegalArgumentException(
                            "tilde_expand_filename: No such user " + name));
            value = owner.home() + rest;
        }
        if (account.isEmpty()) {
            if (value.indexOf('%') >= 0) {
                PercentExpand.expand(value, Map.of('h', "", 'u', "", 'U', "")); // a bad token is reported first
                throw new MissingUserException("the chroot path " + request.configured()
                        + " contains %-tokens: give --user NAME");
            }
        } else {
            Account a = account.get();
            value = PercentExpand.expand(value,
                    Map.of('h', a.home().toString(), 'u', a.name(), 'U', Long.toString(a.uid())));
        }
        return value;
    }

    private static Finding badToken(ChrootRequest request, String message) {
        boolean token = message.startsWith("vdollar");
        Finding.Builder finding = Finding.of(ChrootFindings.BAD_TOKEN, Severity.ERROR)
                .title("ChrootDirectory " + request.configured() + " cannot be expanded")
                .detail("sshd expands ~, %h (home), %u (user name), %U (uid) and %% in ChrootDirectory at login; "
                        + message + ". sshd -t does not catch this: the login fails after authentication.")
                .evidence("chrootDirectory", request.configured()).evidence("setAt", request.source())
                .evidence("sshdLog", (token ? "error: " : "fatal: ") + message);
        if (token) {
            finding.evidence("sshdLogThen", "fatal: percent_expand: failed");
        }
        return finding.clientMessage(ChrootFindings.CLIENT_SEES)
                .fix("Use only %h, %u, %U and %% (write %% for a literal %), e.g. ChrootDirectory /srv/sftp/%u")
                .inferred().build();
    }

    /** The path has %-tokens or ~ but no user was given: a usage problem, not a finding. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class MissingUserException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingUserException(String message) {
            super(message);
        }
    }
}
