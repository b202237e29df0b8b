package org.sshdoctor.logs;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Turns a {@link LogLine} into exactly one {@link LogEvent}. Lines of other programs become {@link
 * LogEvent.OtherProgram}; SSH lines no rule knows become {@link LogEvent.Unrecognised} (or {@link
 * LogEvent.Debug} for debug output). Thread-safe: the rules are built once and only read.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MessageClassifier {
    private static final String PREAUTH = " [preauth]";
    private static final String[] LEVELS = {"error: ", "fatal: ", "warning: ", "info: ", "verbose: "};

    private static final java.util.regex.Pattern KERNEL = java.util.regex.Pattern.compile("^kernel: ?\\[[ \\d.]*\\]:? ?");

    private final Rules rules;
    private final boolean fast;

    private MessageClassifier(Rules rules, boolean fast) {
        this.rules = rules;
        this.fast = fast;
    }

    /** The same rules without the hand-written fast paths: tests compare the two. */
    static MessageClassifier regexOnly() {
        return new MessageClassifier(Holder.STANDARD.rules, false);
    }

    /** The classifier with every built-in rule (sshd, sshd-session, sftp, Dropbear). */
    public static MessageClassifier standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final MessageClassifier STANDARD = build();

        private static MessageClassifier build() {
            Rules rules = new Rules();
            AuthRules.register(rules);
            ConnectionRules.register(rules);
            SessionRules.register(rules);
            DropbearRules.register(rules);
            return new MessageClassifier(rules, true);
        }
    }

    /** Classifies one line; never throws for any input. */
    public LogEvent classify(LogLine line) {
        if (!line.bare() && !line.fromSshProgram()) {
            return new LogEvent.OtherProgram(line);
        }
        String message = line.message().strip();
        if (message.indexOf('\u00A0') >= 0) { // pasted logs (wikis, mail) carry no-break spaces
            message = message.replace("\u00A0 ", " ").replace('\u00A0', ' ');
        }
        boolean preauth = false;
        if (message.endsWith(PREAUTH)) {
            preauth = true;
            message = message.substring(0, message.length() - PREAUTH.length()).stripTrailing();
        }
        if (message.startsWith("kernel:")) { // journald's "kernel:[  970.699396]:" prefix before the message
            message = KERNEL.matcher(message).replaceFirst("");
        }
        int debugLevel = 0;
        if (message.startsWith("debug") && message.length() > 8 && message.charAt(6) == ':'
                && Character.isDigit(message.charAt(5))) {
            debugLevel = message.charAt(5) - '0';
            message = message.substring(7).stripLeading();
        } else if ("efwiv".indexOf(message.isEmpty() ? ' ' : message.charAt(0)) >= 0) { // the first letters of LEVELS
            for (String level : LEVELS) {
                if (message.startsWith(level)) {
                    message = message.substring(level.length()).stripLeading();
                    break;
                }
            }
        }
        Rules.Context context = new Rules.Context(line, preauth);
        if (fast) {
            LogEvent quick = FastRules.match(context, message);
            if (quick != null) {
                return quick;
            }
        }
        Optional<LogEvent> event = rules.match(context, message);
        if (event.isPresent()) {
            return event.get();
        }
        return debugLevel > 0 ? new LogEvent.Debug(line, debugLevel) : new LogEvent.Unrecognised(line);
    }
}
