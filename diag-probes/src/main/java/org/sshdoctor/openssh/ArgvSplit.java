package org.sshdoctor.openssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * OpenSSH's {@code argv_split(s, &argc, &argv, terminate_on_comment=1)} ({@code misc.c}), which
 * both ssh ({@code readconf.c}) and sshd ({@code servconf.c}) use to split the arguments of a
 * config line: words are separated by spaces and tabs, single or double quotes group, a backslash
 * escapes a quote, a backslash and (outside quotes) a space, other backslashes stay, and {@code #}
 * at the start of a word ends the line.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ArgvSplit {
    private ArgvSplit() {}

    /** The words of {@code s}, quotes removed; empty when a quote is not closed ("invalid quotes"). */
    public static Optional<List<String>> split(String s) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : 0;
                if (c == '\\' && (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' '))) {
                    i++;
                    arg.append(next);
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    arg.append(c); // includes a backslash before anything else, as in misc.c
                }
            }
            if (quote != 0) {
                return Optional.empty();
            }
            args.add(arg.toString());
        }
        return Optional.of(List.copyOf(args));
    }
}
