package org.sshdoctor.ssh;

import org.apiguardian.api.API;

/**
 * The negotiated name-lists of a KEXINIT (RFC 4253 §7.1) without the two language lists, which never
 * make a handshake fail. Ciphers, MACs and compression are negotiated per direction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum KexList {
    KEX(AlgorithmKind.KEX, ""),
    HOST_KEY(AlgorithmKind.HOST_KEY, ""),
    CIPHER_S2C(AlgorithmKind.CIPHER, "server to client"),
    MAC_S2C(AlgorithmKind.MAC, "server to client"),
    COMPRESSION_S2C(AlgorithmKind.COMPRESSION, "server to client"),
    CIPHER_C2S(AlgorithmKind.CIPHER, "client to server"),
    MAC_C2S(AlgorithmKind.MAC, "client to server"),
    COMPRESSION_C2S(AlgorithmKind.COMPRESSION, "client to server");
    // Declared in the order an OpenSSH client checks them (kex.c:kex_choose_conf: kex, host key, then
    // for each direction, incoming first, cipher, MAC, compression), so the first failing one is the
    // one ssh reports.

    private final AlgorithmKind kind;
    private final String direction;

    KexList(AlgorithmKind kind, String direction) {
        this.kind = kind;
        this.direction = direction;
    }

    public AlgorithmKind kind() {
        return kind;
    }

    /** {@code client to server}, {@code server to client}, or empty for kex and host key. */
    public String direction() {
        return direction;
    }
}
