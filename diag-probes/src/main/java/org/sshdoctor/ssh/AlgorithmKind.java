package org.sshdoctor.ssh;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The kinds of algorithm an SSH client and server negotiate, in the order OpenSSH negotiates them, with
 * the ssh_config option that lists them and the words ssh uses when no algorithm is common.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AlgorithmKind {
    KEX("KexAlgorithms", "key exchange method"),
    HOST_KEY("HostKeyAlgorithms", "host key type"),
    CIPHER("Ciphers", "cipher"),
    MAC("MACs", "MAC"),
    COMPRESSION("Compression", "compression method");

    private final String option;
    private final String noun;

    AlgorithmKind(String option, String noun) {
        this.option = option;
        this.noun = noun;
    }

    /** The ssh_config / sshd_config keyword, e.g. {@code HostKeyAlgorithms}. */
    public String option() {
        return option;
    }

    /** What ssh calls it in its error: {@code host key type}. */
    public String noun() {
        return noun;
    }

    /** The reason ssh prints, e.g. {@code no matching host key type found} (sshbuf's ssh_err texts). */
    public String noMatchText() {
        return "no matching " + noun + " found";
    }

    /** Lower-case label for evidence keys and JSON: {@code host-key}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
