package org.sshdoctor.local;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.sshd.ConnectionSpec;
import org.sshdoctor.sshd.Setting;
import org.sshdoctor.sshd.SshdConfig;

/**
 * Which chroot sshd_config gives each user, as sshd resolves it at login for a connection that
 * names only the user (Match User and Match Group apply; Match Host/Address do not, as in
 * {@code sshd -T -C user=NAME}), and which command will serve SFTP in it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ChrootTargets {
    private final SshdConfig config;
    private final Accounts accounts;

    public ChrootTargets(SshdConfig config, Accounts accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    /**
     * The connection sshd would resolve the config for when this user logs in: the user, their
     * groups, and the first configured Port (sshd -T requires a port when Match LocalPort is used).
     */
    public ConnectionSpec spec(Account account) {
        int port;
        try {
            port = Integer.parseInt(config.setting("Port", ConnectionSpec.forUser(account.name(), List.of()))
                    .first().orElse("22"));
        } catch (NumberFormatException e) {
            port = 22;
        }
        return ConnectionSpec.forUser(account.name(), accounts.groupNames(account)).onPort(port);
    }

    /** The user's chroot, or empty when ChrootDirectory is unset or {@code none} for them. */
    public Optional<ChrootRequest> forUser(Account account) {
        ConnectionSpec spec = spec(account);
        Setting chroot = config.setting("ChrootDirectory", spec);
        if (!chroot.isSetToSomething()) {
            return Optional.empty();
        }
        return Optional.of(new ChrootRequest(chroot.first().orElseThrow(), chroot.source(), Optional.of(account),
                sftpCommand(spec)));
    }

    /** Every account that gets a chroot, in account database order. */
    public List<ChrootRequest> allUsers() {
        return accounts.all().stream().map(this::forUser).flatMap(Optional::stream).toList();
    }

    /** ForceCommand when set (it also replaces subsystems), else the command of {@code Subsystem sftp}. */
    public Optional<String> sftpCommand(ConnectionSpec spec) {
        Setting force = config.setting("ForceCommand", spec);
        if (force.isSetToSomething()) {
            return force.raw().map(String::strip);
        }
        Setting subsystems = config.setting("Subsystem", spec);
        return subsystems.lines().stream().filter(d -> d.args().size() >= 2 && d.args().get(0).equals("sftp"))
                .findFirst().map(d -> String.join(" ", d.args().subList(1, d.args().size())));
    }
}
