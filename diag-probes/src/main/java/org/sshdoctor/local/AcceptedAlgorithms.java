package org.sshdoctor.local;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.sshdoctor.openssh.DefaultAlgorithms;

/**
 * PubkeyAcceptedAlgorithms as ssh 9.2 applies it to identities: the default list, or a configured one
 * with the {@code +}, {@code -} and {@code ^} modifiers and wildcards. An RSA key stays if any of
 * ssh-rsa, rsa-sha2-256 or rsa-sha2-512 is allowed.
 */
final class AcceptedAlgorithms {
    static final List<String> DEFAULTS = DefaultAlgorithms.PUBLIC_KEY;

    private final List<String> allowed;

    AcceptedAlgorithms(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** From the configured value (empty string for the default). */
    static AcceptedAlgorithms of(String configured) {
        if (configured.isEmpty()) {
            return new AcceptedAlgorithms(DEFAULTS);
        }
        List<String> items = Arrays.asList(configured.substring("+-^".indexOf(configured.charAt(0)) >= 0 ? 1 : 0).split(","));
        List<String> result = new ArrayList<>();
        switch (configured.charAt(0)) {
            case '+' -> {
                result.addAll(DEFAULTS);
                result.addAll(items);
            }
            case '^' -> {
                result.addAll(items);
                result.addAll(DEFAULTS);
            }
            case '-' -> DEFAULTS.stream().filter(a -> items.stream().noneMatch(p -> wildcard(a, p))).forEach(result::add);
            default -> result.addAll(items);
        }
        return new AcceptedAlgorithms(result);
    }

    boolean allows(PublicKey key) {
        String type = PublicKeys.type(key);
        List<String> names = new ArrayList<>(List.of(type));
        if (type.equals("ssh-rsa")) {
            names.addAll(List.of("rsa-sha2-256", "rsa-sha2-512"));
        } else if (type.equals("ssh-rsa-cert-v01@openssh.com")) {
            names.addAll(List.of("rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com"));
        }
        return names.stream().anyMatch(n -> allowed.stream().anyMatch(p -> wildcard(n, p)));
    }

    /** RequiredRSASize (default 1024) applied to agent keys. */
    static boolean rsaTooSmall(PublicKey key, int required) {
        PublicKey plain = key instanceof OpenSshCertificate cert ? cert.getCertPubKey() : key;
        return plain instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < required;
    }

    private static boolean wildcard(String s, String pattern) {
        String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return s.matches(regex);
    }
}
