package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an {@code ssh -v} transcript (any verbosity, OpenSSH 6.x to 10.x wording) line by line and
 * works out how far the connection got and what happened to each key. One instance per transcript.
 */
final class TranscriptAnalyzer {
    private static final Pattern VERBOSE = Pattern.compile(
            "^(OpenSSH_|Transferred: sent |Bytes per second: |Authenticated to |Warning: Permanently added )");
    private static final Pattern CLIENT_MARKER = Pattern.compile(
            "^(Connecting to .* port \\d+\\.|Reading configuration data|Authenticating to |Local version string"
                    + "|Authentications that can continue|Next authentication method|identity file )");
    private static final Pattern VERSION = Pattern.compile("^(OpenSSH_\\S+?),? .*(SSL|LibreSSL)");
    private static final Pattern CONNECTING = Pattern.compile("^Connecting to (\\S+) \\[([^\\]]*)\\] port (\\d+)\\.");
    private static final Pattern AUTHENTICATING = Pattern.compile("^Authenticating to (\\S+) as '([^']*)'");
    private static final Pattern REMOTE_VERSION = Pattern.compile("^Remote protocol version [\\d.]+, remote software version (.*)$");
    private static final Pattern KEX = Pattern.compile("^kex: algorithm: (\\S+)");
    private static final Pattern HOST_KEY_ALG = Pattern.compile("^kex: host key algorithm: (.+)$");
    private static final Pattern SERVER_HOST_KEY = Pattern.compile("^Server host key: (\\S+) (\\S+)");
    private static final Pattern KNOWN = Pattern.compile("^Host '(.*)' is known and matches the (\\S+) host key");
    private static final Pattern FOUND_KEY = Pattern.compile("^Found key in (.+:\\d+)$");
    private static final Pattern METHODS = Pattern.compile("^Authentications that can continue: (\\S*)");
    private static final Pattern NEXT_METHOD = Pattern.compile("^Next authentication method: (\\S+)");
    private static final Pattern IDENTITY_FILE = Pattern.compile("^identity file (.+) type (-?\\d+)$");
    private static final Pattern KEY_LINE = Pattern.compile("^(?<path>.+?) (?<type>[A-Z][A-Z0-9-]*) (?<fp>(?:SHA256|MD5):\\S+)(?<flags>.*)$");
    private static final Pattern KEY_LINE_OLD = Pattern.compile("^(?<type>[A-Z][A-Z0-9-]*) (?<fp>(?:SHA256|MD5):\\S+) (?<path>.+)$");
    private static final Pattern WILL_ATTEMPT = Pattern.compile("^Will attempt key: (.*)$");
    private static final Pattern OFFERING = Pattern.compile("^Offering (?:(?<oldtype>[A-Z0-9-]+) )?public key: (?<rest>.*)$");
    private static final Pattern ACCEPTS = Pattern.compile("^Server accepts key: (.*)$");
    private static final Pattern TRYING_PRIVATE = Pattern.compile("^Trying private key: (.*)$");
    private static final Pattern SKIPPING = Pattern.compile("^Skipping (\\S+) key (.+?) - (.*)$");
    private static final Pattern SUCCEEDED = Pattern.compile("^Authentication succeeded \\(([^)]*)\\)");
    private static final Pattern AUTHENTICATED = Pattern.compile("^Authenticated to (.+?) \\(.*?\\)(?: using \"([^\"]+)\")?");
    private static final Pattern NOT_ACCESSIBLE = Pattern.compile("Identity file (.+) not accessible: (.*?)\\.?$");
    private static final Pattern SENDING_COMMAND = Pattern.compile("^Sending command: (.*)$");
    private static final Pattern SENDING_SUBSYSTEM = Pattern.compile("^Sending subsystem: (.*)$");
    private static final Pattern FATAL = Pattern.compile("^(ssh: |Unable to negotiate|.*Permission denied \\(|Connection (closed|reset|timed out)"
            + "|(kex|ssh)_exchange_identification|Received disconnect|Too many authentication|Bad packet length|Corrupted MAC)");
    private static final Pattern EXIT_STATUS = Pattern.compile("^Exit status (-?\\d+)");

    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, Transcript.KeyAttempt> keys = new LinkedHashMap<>();
    private final Map<String, Integer> identityTypes = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private Phase reached = Phase.RESOLVE;
    private String lastOffered;
    private int offered;
    private boolean authenticated;
    private boolean noMoreMethods;
    private boolean tooMany;
    private boolean subsystemFailed;
    private boolean hostKeyFailed;
    private boolean noMutualSignature;
    private boolean fatal;

    /** The analysis, or empty when the lines are not an ssh client's debug output. */
    static Optional<Transcript> analyze(List<InputLine> lines) {
        int debug = 0;
        boolean client = false;
        for (InputLine line : lines) {
            String d = debugText(line.text());
            if (d != null) {
                debug++;
                client |= CLIENT_MARKER.matcher(d).find();
            }
        }
        if (debug < 2 || !client) {
            return Optional.empty();
        }
        TranscriptAnalyzer analyzer = new TranscriptAnalyzer();
        lines.forEach(analyzer::read);
        return Optional.of(analyzer.result());
    }

    /**
     * True when the line is ssh's debug or verbose output (the transcript accounts for it, so it is not
     * reported as unmatched).
     */
    static boolean isDebug(InputLine line) {
        return debugText(line.text()) != null || VERBOSE.matcher(line.text()).find();
    }

    private void read(InputLine line) {
        String text = line.text();
        String debug = debugText(text);
        if (debug == null) {
            readPlain(text);
            return;
        }
        String d = debug.strip();
        Matcher m;
        if ((m = on(CONNECTING, "Connecting to ", d)) != null) {
            reach(Phase.CONNECT);
            facts.put("host", m.group(1));
            facts.put("address", m.group(2));
            facts.put("port", m.group(3));
        } else if (d.startsWith("Connection established")) {
            reach(Phase.BANNER);
        } else if ((m = on(IDENTITY_FILE, "identity file ", d)) != null) {
            identityTypes.put(m.group(1), Integer.parseInt(m.group(2)));
        } else if ((m = on(REMOTE_VERSION, "Remote protocol version", d)) != null) {
            reach(Phase.BANNER);
            facts.put("server", m.group(1).strip());
        } else if ((m = on(AUTHENTICATING, "Authenticating to ", d)) != null) {
            facts.put("user", m.group(2));
        } else if (d.startsWith("SSH2_MSG_KEXINIT")) {
            reach(Phase.KEX);
        } else if ((m = on(KEX, "kex: algorithm: ", d)) != null) {
            reach(Phase.KEX);
            facts.put("kex", m.group(1));
        } else if ((m = on(HOST_KEY_ALG, "kex: host key algorithm: ", d)) != null) {
            facts.put("hostKeyAlgorithm", m.group(1).strip());
        } else if ((m = on(SERVER_HOST_KEY, "Server host key: ", d)) != null) {
            reach(Phase.HOSTKEY);
            facts.put("hostKey", m.group(1) + " " + m.group(2));
        } else if ((m = on(KNOWN, "Host '", d)) != null) {
            facts.put("hostKeyStatus", "known");
        } else if ((m = on(FOUND_KEY, "Found key in ", d)) != null) {
            facts.put("knownHosts", m.group(1));
        } else if (d.startsWith("SSH2_MSG_SERVICE_ACCEPT") || d.startsWith("SSH2_MSG_SERVICE_REQUEST")
                || d.startsWith("SSH2_MSG_NEWKEYS received")) {
            reach(d.startsWith("SSH2_MSG_NEWKEYS") ? Phase.HOSTKEY : Phase.AUTH);
        } else if ((m = on(METHODS, "Authentications that can continue: ", d)) != null) {
            reach(Phase.AUTH);
            facts.put("methods", m.group(1));
            refuseLastOffered();
        } else if ((m = on(NEXT_METHOD, "Next authentication method: ", d)) != null) {
            reach(Phase.AUTH);
            settleLast();
            facts.merge("methodsTried", m.group(1), (a, b) -> a + "," + b);
        } else if ((m = on(WILL_ATTEMPT, "Will attempt key: ", d)) != null) {
            key(m.group(1).strip(), "not tried");
        } else if ((m = on(OFFERING, "Offering ", d)) != null) {
            settleLast();
            lastOffered = key(m.group("rest").strip(), "offered", m.group("oldtype"));
        } else if ((m = on(ACCEPTS, "Server accepts key: ", d)) != null) {
            String path = key(m.group(1).strip(), "accepted");
            lastOffered = null;
            facts.put("acceptedKey", path);
        } else if ((m = on(TRYING_PRIVATE, "Trying private key: ", d)) != null) {
            settleLast();
            lastOffered = key(m.group(1).strip(), "tried");
        } else if ((m = on(SKIPPING, "Skipping ", d)) != null) {
            String type = m.group(1).toUpperCase(java.util.Locale.ROOT);
            key(m.group(2).strip(), "skipped");
            keys.computeIfPresent(m.group(2).strip(), (k, v) -> v.withDetails(type, "", ""));
        } else if (d.startsWith("send_pubkey_test: no mutual signature algorithm")) {
            noMutualSignature = true;
            if (lastOffered != null) {
                keys.computeIfPresent(lastOffered, (k, v) -> v.withResult("skipped"));
                lastOffered = null;
            }
        } else if ((m = on(SUCCEEDED, "Authentication succeeded", d)) != null) {
            authenticate(m.group(1));
        } else if (d.startsWith("No more authentication methods to try")) {
            settleLast();
            noMoreMethods = true;
        } else if (d.startsWith("channel 0: new") || d.startsWith("Entering interactive session")
                || d.startsWith("Requesting no-more-sessions")) {
            reach(Phase.SESSION);
        } else if ((m = on(SENDING_COMMAND, "Sending command: ", d)) != null) {
            reach(Phase.SESSION);
            facts.put("command", m.group(1));
        } else if ((m = on(SENDING_SUBSYSTEM, "Sending subsystem: ", d)) != null) {
            reach(Phase.SUBSYSTEM);
            facts.put("subsystem", m.group(1));
        } else if ((m = on(EXIT_STATUS, "Exit status ", d)) != null) {
            facts.put("exitStatus", m.group(1));
        }
    }

    /** The text after "debugN: " when the line is ssh debug output (possibly behind a prefix), else null. */
    static String debugText(String line) {
        int at = line.indexOf("debug");
        while (at >= 0) {
            if (at + 8 <= line.length() && line.charAt(at + 6) == ':' && line.charAt(at + 7) == ' '
                    && "123".indexOf(line.charAt(at + 5)) >= 0 && (at == 0 || Character.isWhitespace(line.charAt(at - 1)))) {
                return line.substring(at + 8);
            }
            at = line.indexOf("debug", at + 1);
        }
        return null;
    }

    /** The matcher when {@code d} starts with {@code prefix} and the pattern matches, else null. */
    private static Matcher on(Pattern pattern, String prefix, String d) {
        if (!d.startsWith(prefix)) {
            return null;
        }
        Matcher m = pattern.matcher(d);
        return m.find() ? m : null;
    }

    private void readPlain(String text) {
        Matcher m;
        fatal |= FATAL.matcher(text).find();
        if ((m = VERSION.matcher(text)).find()) {
            facts.putIfAbsent("client", m.group(1));
        } else if ((m = AUTHENTICATED.matcher(text)).find()) {
            authenticate(m.group(2) == null ? facts.getOrDefault("authenticatedWith", "") : m.group(2));
        } else if ((m = NOT_ACCESSIBLE.matcher(text)).find()) {
            missing.add(m.group(1).strip());
        } else if (text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
            facts.put("hostKeyStatus", "changed");
        } else if (text.contains("can't be established") || text.contains("host key is known for")) {
            facts.putIfAbsent("hostKeyStatus", "unknown");
        } else if (text.contains("Host key verification failed")) {
            hostKeyFailed = true;
        } else if (text.contains("Too many authentication failures")) {
            tooMany = true;
            refuseLastOffered();
        } else if (text.contains("subsystem request failed")) {
            subsystemFailed = true;
        }
    }

    private void authenticate(String method) {
        reach(Phase.AUTH);
        authenticated = true;
        if (!method.isBlank()) {
            facts.put("authenticatedWith", method);
        }
        if (lastOffered != null || facts.containsKey("acceptedKey")) {
            String path = facts.getOrDefault("acceptedKey", lastOffered);
            keys.computeIfPresent(path, (k, v) -> v.withResult("used"));
        }
        lastOffered = null;
    }

    /** The server answered the last key with a failure: it was sent and refused. */
    private void refuseLastOffered() {
        if (lastOffered != null) {
            keys.computeIfPresent(lastOffered, (k, v) -> {
                if (v.result().equals("offered") || v.result().equals("tried")) {
                    offered++;
                    return v.withResult("refused");
                }
                return v;
            });
            lastOffered = null;
        }
    }

    /**
     * ssh moved on without a server answer to the last key: a "Trying private key" file it could not
     * load (absent, or unreadable) was never sent.
     */
    private void settleLast() {
        if (lastOffered != null) {
            keys.computeIfPresent(lastOffered, (k, v) -> v.result().equals("tried")
                    ? v.withResult(identityTypes.getOrDefault(k, 0) < 0 ? "missing" : "not sent") : v);
            lastOffered = null;
        }
    }

    private String key(String description, String result) {
        return key(description, result, null);
    }

    /** Records a key line in any of OpenSSH's formats; returns the key's path (the map key). */
    private String key(String description, String result, String oldType) {
        String path = description;
        String type = oldType == null ? "" : oldType;
        String fingerprint = "";
        String origin = "";
        Matcher m = KEY_LINE.matcher(description);
        Matcher old = KEY_LINE_OLD.matcher(description);
        if (old.find()) {
            path = old.group("path").strip();
            type = old.group("type");
            fingerprint = old.group("fp");
        } else if (m.find()) {
            path = m.group("path").strip();
            type = m.group("type");
            fingerprint = m.group("fp");
            origin = m.group("flags").strip();
        }
        String finalType = type;
        String finalFingerprint = fingerprint;
        String finalOrigin = origin;
        keys.merge(path, new Transcript.KeyAttempt(path, type, fingerprint, origin.isEmpty() ? "default" : origin, result),
                (before, now) -> before.withDetails(finalType, finalFingerprint, finalOrigin).withResult(result));
        return path;
    }

    private void reach(Phase phase) {
        if (phase.ordinal() > reached.ordinal()) {
            reached = phase;
        }
    }

    private Transcript result() {
        if (tooMany || noMoreMethods) {
            refuseLastOffered();
        }
        settleLast();
        List<String> phases = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (phase.ordinal() <= reached.ordinal()) {
                phases.add(phase.label());
            }
        }
        for (String path : missing) {
            keys.putIfAbsent(path, new Transcript.KeyAttempt(path, "", "", "explicit", "missing"));
        }
        if (hostKeyFailed) {
            facts.putIfAbsent("hostKeyStatus", "rejected");
        }
        String outcome = authenticated && !subsystemFailed ? "authenticated"
                : fatal || noMoreMethods || tooMany || hostKeyFailed || subsystemFailed
                        || "(no match)".equals(facts.get("hostKeyAlgorithm")) ? "failed" : "incomplete";
        List<String> notes = new TranscriptNotes(reached, facts, List.copyOf(keys.values()), missing, offered,
                authenticated, tooMany, subsystemFailed, noMutualSignature).notes();
        return new Transcript(reached.label(), phases, facts, List.copyOf(keys.values()), outcome, notes);
    }

    /** The phases of a connection, in the order ssh goes through them. */
    enum Phase {
        RESOLVE, CONNECT, BANNER, KEX, HOSTKEY, AUTH, SESSION, SUBSYSTEM;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static String paths(List<Transcript.KeyAttempt> keys) {
        return keys.stream().map(Transcript.KeyAttempt::path).collect(Collectors.joining(", "));
    }
}
