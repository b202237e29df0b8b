package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what a transcript showed into conclusions a user can act on ("your key was never offered:
 * ..."), most important first. Pure: everything it needs is passed in.
 */
record TranscriptNotes(TranscriptAnalyzer.Phase reached, Map<String, String> facts, List<Transcript.KeyAttempt> keys,
        List<String> missing, int refused, boolean authenticated, boolean tooMany, boolean subsystemFailed,
        boolean noMutualSignature) {

    List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(progress());
        hostKey(notes);
        if (reached.ordinal() >= TranscriptAnalyzer.Phase.AUTH.ordinal() && !authenticated) {
            authentication(notes);
        }
        if (authenticated && subsystemFailed) {
            notes.add("Authentication worked; the server then refused the subsystem '"
                    + facts.getOrDefault("subsystem", "sftp") + "': sshd_config has no matching Subsystem line.");
        }
        return notes;
    }

    private String progress() {
        String where = switch (reached) {
            case RESOLVE -> "ssh stopped before connecting (name resolution or configuration)";
            case CONNECT -> "ssh never completed the TCP connection to "
                    + facts.getOrDefault("address", facts.getOrDefault("host", "the server")) + " port "
                    + facts.getOrDefault("port", "22");
            case BANNER -> "the TCP connection was made, but the SSH greeting or key exchange did not complete";
            case KEX -> "the key exchange started but did not finish";
            case HOSTKEY -> "the key exchange finished; it stopped at the host key check";
            case AUTH -> authenticated ? "authentication succeeded" : "it failed during authentication";
            case SESSION -> "authentication succeeded and a session was opened";
            case SUBSYSTEM -> "authentication succeeded and the subsystem " + facts.getOrDefault("subsystem", "")
                    + " was requested";
        };
        String server = facts.containsKey("server") ? " (server: " + facts.get("server") + ")" : "";
        return "Last phase reached: " + reached.label() + ": " + where + server + ".";
    }

    private void hostKey(List<String> notes) {
        if ("(no match)".equals(facts.get("hostKeyAlgorithm"))) {
            notes.add("Client and server have no host key algorithm in common; the 'Their offer' line lists the server's.");
        }
        String status = facts.getOrDefault("hostKeyStatus", "");
        if (status.equals("changed")) {
            notes.add("The server's host key (" + facts.getOrDefault("hostKey", "?")
                    + ") differs from the one in known_hosts: ssh refused to go on.");
        } else if (status.equals("unknown") || status.equals("rejected")) {
            notes.add("The server's host key (" + facts.getOrDefault("hostKey", "?")
                    + ") is not in known_hosts and ssh could not ask (BatchMode or StrictHostKeyChecking=yes).");
        }
    }

    private void authentication(List<String> notes) {
        List<String> methods = Arrays.asList(facts.getOrDefault("methods", "").split(","));
        List<Transcript.KeyAttempt> refusedKeys = with("refused");
        List<Transcript.KeyAttempt> missingKeys = with("missing");
        List<Transcript.KeyAttempt> accepted = with("accepted");
        List<Transcript.KeyAttempt> skipped = with("skipped");
        for (String path : missing) {
            notes.add("Your key " + path + " was never offered: the IdentityFile (or -i) points to a file that does "
                    + "not exist, so ssh fell back to its default identities. Fix the path (ssh -G HOST | grep -i identityfile).");
        }
        if (!accepted.isEmpty()) {
            notes.add("The server accepts " + TranscriptAnalyzer.paths(accepted) + " but the client never proved it holds "
                    + "the private key: a wrong passphrase (BatchMode cannot ask), an agent that refused to sign, or a "
                    + ".pub file that does not belong to the private key.");
        }
        if (tooMany) {
            notes.add("ssh offered " + refused + " key(s) before the server's MaxAuthTries limit cut it off"
                    + (with("not tried").isEmpty() ? "" : "; never tried: " + TranscriptAnalyzer.paths(with("not tried")))
                    + ". Use IdentitiesOnly=yes with the right IdentityFile for this host.");
        } else if (!refusedKeys.isEmpty()) {
            notes.add("The server refused " + refusedKeys.size() + " key(s): " + describe(refusedKeys)
                    + ". None of them is in the user's authorized_keys on the server, sshd ignores that "
                    + "file (StrictModes, AuthorizedKeysFile), or sshd refuses the account itself (AllowUsers, a locked "
                    + "account): the server's log says which.");
        }
        boolean anySent = !refusedKeys.isEmpty() || !accepted.isEmpty();
        if (!anySent && !tooMany && methods.contains("publickey") && missing.isEmpty()) {
            notes.add("No key was sent to the server: "
                    + (missingKeys.isEmpty() ? "ssh had no usable identity"
                            : "none of the identity files ssh looked for exists (" + TranscriptAnalyzer.paths(missingKeys) + ")")
                    + " and the agent offered none. Create a key (ssh-keygen -t ed25519) or point IdentityFile at yours.");
        }
        if (!skipped.isEmpty() || noMutualSignature) {
            notes.add("Some keys were skipped because their signature algorithm is not acceptable"
                    + (skipped.isEmpty() ? "" : " (" + TranscriptAnalyzer.paths(skipped) + ")")
                    + ": typically DSA or ssh-rsa (SHA-1) keys with OpenSSH 8.8 or later.");
        }
        if (!methods.contains("publickey") && facts.containsKey("methods")) {
            notes.add("The server does not (or no longer) accept public keys for this user; it allows only: "
                    + facts.get("methods") + ".");
        }
    }

    private List<Transcript.KeyAttempt> with(String result) {
        return keys.stream().filter(k -> k.result().equals(result)).toList();
    }

    private static String describe(List<Transcript.KeyAttempt> keys) {
        return keys.stream().map(k -> k.path() + (k.fingerprint().isEmpty() ? "" : " (" + k.type() + " " + k.fingerprint() + ")"))
                .collect(Collectors.joining(", "));
    }
}
