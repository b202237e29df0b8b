package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values derived from captured ones, so explanations can say what a number or a list means:
 * {@code packetLength} (sftp's "message too long") becomes the {@code text} it spells and its
 * {@code likelySource}; an {@code offer} of algorithms gets {@code legacy} notes saying which are
 * obsolete and since when; a file {@code mode} gets {@code modeProblem}.
 */
final class DerivedCaptures {
    private static final Pattern PSEUDO = Pattern.compile("ext-info-[cs]|kex-strict-[cs]-v00@openssh\\.com");
    private static final Map<String, String> LEGACY = legacy();

    private DerivedCaptures() {}

    static Map<String, String> enrich(Map<String, String> captures) {
        Map<String, String> out = new LinkedHashMap<>(captures);
        Optional.ofNullable(captures.get("packetLength")).ifPresent(n -> {
            try {
                String text = StrayOutput.decode(Long.parseLong(n));
                out.put("text", text);
                out.put("likelySource", StrayOutput.likelySource(text).orElse("text printed by a remote startup file"));
            } catch (NumberFormatException e) {
                // not a number: nothing to decode
            }
        });
        Optional.ofNullable(captures.get("offer")).ifPresent(offer -> {
            List<String> real = Arrays.stream(offer.split(",")).map(String::strip)
                    .filter(a -> !a.isEmpty() && !PSEUDO.matcher(a).matches()).toList();
            out.put("offer", String.join(",", real));
            List<String> notes = new ArrayList<>();
            for (String algorithm : real) {
                String note = LEGACY.get(algorithm);
                if (note != null) {
                    notes.add(algorithm + ": " + note);
                }
            }
            out.put("legacy", notes.isEmpty() ? "none of them is obsolete" : String.join("; ", notes));
        });
        Optional.ofNullable(captures.get("mode")).ifPresent(mode -> {
            try {
                int bits = Integer.parseInt(mode, 8);
                List<String> who = new ArrayList<>();
                if ((bits & 070) != 0) {
                    who.add("the group");
                }
                if ((bits & 007) != 0) {
                    who.add("everyone else");
                }
                if (!who.isEmpty()) {
                    out.put("modeProblem", String.join(" and ", who) + " can access it");
                }
            } catch (NumberFormatException e) {
                // not octal: leave it
            }
        });
        return out;
    }

    private static Map<String, String> legacy() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ssh-rsa", "RSA with SHA-1 signatures, off by default since OpenSSH 8.8");
        m.put("ssh-dss", "DSA, off by default since OpenSSH 7.0, removed in 10.0");
        m.put("ssh-rsa-cert-v01@openssh.com", "RSA/SHA-1 certificates, off by default since OpenSSH 8.8");
        m.put("ssh-dss-cert-v01@openssh.com", "DSA certificates, off since OpenSSH 7.0");
        m.put("diffie-hellman-group1-sha1", "1024-bit group with SHA-1, off by default since OpenSSH 7.0");
        m.put("diffie-hellman-group14-sha1", "SHA-1, off by default since OpenSSH 8.2");
        m.put("diffie-hellman-group-exchange-sha1", "SHA-1, off by default in the client since OpenSSH 8.0");
        m.put("3des-cbc", "CBC mode, off by default since OpenSSH 7.4");
        m.put("aes128-cbc", "CBC mode, not offered by default since OpenSSH 7.6");
        m.put("aes192-cbc", "CBC mode, not offered by default since OpenSSH 7.6");
        m.put("aes256-cbc", "CBC mode, not offered by default since OpenSSH 7.6");
        m.put("rijndael-cbc@lysator.liu.se", "removed in OpenSSH 8.5");
        m.put("blowfish-cbc", "removed in OpenSSH 7.6");
        m.put("cast128-cbc", "removed in OpenSSH 7.6");
        m.put("arcfour", "RC4, removed in OpenSSH 7.6");
        m.put("arcfour128", "RC4, removed in OpenSSH 7.6");
        m.put("arcfour256", "RC4, removed in OpenSSH 7.6");
        m.put("hmac-md5", "MD5, off by default since OpenSSH 7.2");
        m.put("hmac-md5-96", "MD5, off by default since OpenSSH 7.2");
        m.put("hmac-sha1-96", "truncated SHA-1, off by default since OpenSSH 7.2");
        m.put("hmac-ripemd160", "removed in OpenSSH 7.6");
        m.put("hmac-ripemd160@openssh.com", "removed in OpenSSH 7.6");
        m.put("zlib", "compression before authentication, off by default since OpenSSH 7.4");
        return Map.copyOf(m);
    }
}
