package org.sshdoctor.openssh;

import java.util.List;
import org.apiguardian.api.API;

/** OpenSSH's compiled-in algorithm lists ({@code myproposal.h}), as of 9.2. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DefaultAlgorithms {
    private DefaultAlgorithms() {}

    /**
     * {@code KEX_DEFAULT_PK_ALG}: the default of both HostKeyAlgorithms (the host key types ssh asks a server
     * for, in this order) and PubkeyAcceptedAlgorithms (the identities it offers), since OpenSSH 8.5.
     */
    public static final List<String> PUBLIC_KEY = List.of("ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512",
            "rsa-sha2-256");
}
