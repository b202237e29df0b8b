package org.sshdoctor.ssh;

import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Says which login methods the server offers to this user, from its answer to the {@code none} request
 * the kex probe sent ("authentications that can continue"): the basis of every "Permission denied (…)"
 * explanation. Per user, because sshd's Match blocks can differ; OpenSSH answers the same list for users
 * that do not exist, so this never tells whether an account exists.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuthMethodsProbe implements Probe {
    /** Methods an ordinary OpenSSH client can use without Kerberos or host-based setup. */
    private static final List<String> USABLE = List.of("publickey", "password", "keyboard-interactive");

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(HandshakeFacts.AUTH_METHODS);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        AuthMethods auth = context.fact(HandshakeFacts.AUTH_METHODS);
        Target target = context.target();
        ProbeResult.Builder result = ProbeResult.builder();
        if (auth.noneAccepted()) {
            return result.finding(Finding.of(HandshakeFindings.AUTH_NONE_ACCEPTED, Severity.WARNING)
                    .title("The server lets " + auth.user() + " in without any authentication")
                    .detail("It accepted the 'none' method: anyone who can reach the port logs in as " + auth.user()
                            + ". That is right only for deliberately open services (public git or BBS servers).")
                    .evidence("user", auth.user())
                    .fix("Unless intended: in sshd_config set 'PermitEmptyPasswords no' and remove any"
                            + " 'AuthenticationMethods none'; for Dropbear, drop -B (allow blank passwords).")
                    .build()).ok("no authentication required");
        }
        String methods = String.join(",", auth.methods());
        String permissionDenied = auth.user() + "@" + target.hostName() + ": Permission denied (" + methods + ").";
        boolean password = auth.methods().contains("password") || auth.methods().contains("keyboard-interactive");
        if (auth.methods().stream().noneMatch(USABLE::contains)) {
            return result.finding(Finding.of(HandshakeFindings.AUTH_NO_USABLE_METHOD, Severity.ERROR)
                    .title("The server offers " + auth.user() + " no method an ordinary client can use: "
                            + (methods.isEmpty() ? "none at all" : methods))
                    .detail("Neither publickey nor password nor keyboard-interactive is offered. Either the server needs"
                            + " Kerberos (gssapi-with-mic) or host-based authentication, or its AuthenticationMethods"
                            + " setting leaves nothing usable.")
                    .evidence("methods", methods.isEmpty() ? "(none)" : methods)
                    .clientMessage(permissionDenied)
                    .fix("On the server, check 'sshd -T -C user=" + auth.user() + " | grep -Ei"
                            + " \"^(authenticationmethods|pubkeyauthentication|passwordauthentication|kbdinteractiveauthentication)\"'.")
                    .build()).failed("no usable authentication method offered");
        }
        Finding.Builder finding = Finding.of(HandshakeFindings.AUTH_METHODS, password ? Severity.OK : Severity.INFO)
                .title(password ? "The server offers " + auth.user() + ": " + String.join(", ", auth.methods())
                        : "Password login is off for " + auth.user() + ": the server accepts only " + String.join(", ", auth.methods()))
                .detail("The server's answer to a 'none' request for " + auth.user() + " (its \"authentications that"
                        + " can continue\"). " + (password ? "" : "A password will not be asked for; unless one of"
                        + " your keys is in the user's authorized_keys, ssh ends with the message below."))
                .evidence("user", auth.user())
                .evidence("methods", methods);
        if (!password) {
            finding.clientMessage(permissionDenied)
                    .fix("Log in with a key: have your public key (~/.ssh/id_ed25519.pub) added to ~" + auth.user()
                            + "/.ssh/authorized_keys on the server by someone who can log in (ssh-copy-id cannot do it"
                            + " without password login), then 'ssh -i ~/.ssh/id_ed25519 " + auth.user() + "@"
                            + target.hostName() + "'.");
        }
        return result.finding(finding.build()).ok("methods for " + auth.user() + ": " + methods);
    }
}
