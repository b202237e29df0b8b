package org.sshdoctor.sshd;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sshd_config keywords of OpenSSH 9.2 ({@code servconf.c keywords[]}): which may appear inside
 * a Match block, how repeated lines combine, and the obsolete aliases. Names are lower case, as
 * {@code sshd -T} prints them.
 */
final class SshdKeywords {
    /** How several lines of one keyword combine. */
    enum Combine {
        /** The first line read wins; later lines are ignored. */
        FIRST,
        /** Every line adds its arguments (AllowUsers, AcceptEnv, HostKey, Port …). */
        APPEND,
        /** Obsolete or compiled out: sshd logs it and ignores it. */
        IGNORED
    }

    /** One keyword: its canonical name, whether Match blocks may set it, how lines combine. */
    record Keyword(String name, boolean inMatch, Combine combine) {}

    private static final Set<String> APPENDING = Set.of("allowusers", "denyusers", "allowgroups", "denygroups",
            "acceptenv", "hostkey", "hostcertificate", "port", "listenaddress", "subsystem");

    /** Keywords allowed in Match (SSHCFG_ALL); every other known keyword is global only. */
    private static final Set<String> MATCH_ALLOWED = Set.of("permitrootlogin", "loglevel", "logverbose",
            "hostbasedauthentication", "hostbasedusesnamefrompacketonly", "hostbasedacceptedalgorithms",
            "pubkeyauthentication", "pubkeyacceptedalgorithms", "pubkeyauthoptions", "kerberosauthentication",
            "gssapiauthentication", "passwordauthentication", "kbdinteractiveauthentication", "ignorerhosts",
            "x11forwarding", "x11displayoffset", "x11uselocalhost", "permitemptypasswords", "rekeylimit",
            "allowtcpforwarding", "allowagentforwarding", "allowusers", "denyusers", "allowgroups", "denygroups",
            "gatewayports", "maxauthtries", "maxsessions", "banner", "clientaliveinterval", "clientalivecountmax",
            "authorizedkeysfile", "acceptenv", "setenv", "permittunnel", "permittty", "permituserrc", "match",
            "permitopen", "permitlisten", "forcecommand", "chrootdirectory", "revokedkeys", "trustedusercakeys",
            "authorizedprincipalsfile", "include", "ipqos", "authorizedkeyscommand", "authorizedkeyscommanduser",
            "authorizedprincipalscommand", "authorizedprincipalscommanduser", "authenticationmethods",
            "streamlocalbindmask", "streamlocalbindunlink", "allowstreamlocalforwarding", "disableforwarding",
            "exposeauthinfo", "rdomain", "casignaturealgorithms", "requiredrsasize", "channeltimeout",
            "unusedconnectiontimeout");

    private static final Set<String> GLOBAL_ONLY = Set.of("usepam", "port", "hostkey", "hostkeyagent", "pidfile",
            "modulifile", "logingracetime", "syslogfacility", "hostkeyalgorithms", "kerberosorlocalpasswd",
            "kerberosticketcleanup", "kerberosgetafstoken", "gssapicleanupcredentials", "gssapistrictacceptorcheck",
            "listenaddress", "addressfamily", "printmotd", "printlastlog", "ignoreuserknownhosts", "xauthlocation",
            "strictmodes", "permituserenvironment", "compression", "tcpkeepalive", "ciphers", "macs", "subsystem",
            "maxstartups", "persourcemaxstartups", "persourcenetblocksize", "usedns", "hostcertificate",
            "kexalgorithms", "versionaddendum", "fingerprinthash", "securitykeyprovider");

    private static final Map<String, String> ALIASES = Map.of("hostdsakey", "hostkey",
            "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms",
            "hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms",
            "challengeresponseauthentication", "kbdinteractiveauthentication",
            "skeyauthentication", "kbdinteractiveauthentication", "dsaauthentication", "pubkeyauthentication",
            "keepalive", "tcpkeepalive");

    private static final Set<String> OBSOLETE = Set.of("pamauthenticationviakbdint", "serverkeybits",
            "keyregenerationinterval", "rhostsauthentication", "rhostsrsaauthentication", "rsaauthentication",
            "kerberostgtpassing", "afstokenpassing", "checkmail", "uselogin", "verifyreversemapping",
            "reversemappingcheck", "authorizedkeysfile2", "useprivilegeseparation", "protocol");

    private static final Map<String, Keyword> TABLE = build();

    private SshdKeywords() {}

    private static Map<String, Keyword> build() {
        Map<String, Keyword> table = new HashMap<>();
        for (String name : MATCH_ALLOWED) {
            table.put(name, new Keyword(name, true, APPENDING.contains(name) ? Combine.APPEND : Combine.FIRST));
        }
        for (String name : GLOBAL_ONLY) {
            table.put(name, new Keyword(name, false, APPENDING.contains(name) ? Combine.APPEND : Combine.FIRST));
        }
        for (String name : OBSOLETE) {
            boolean inMatch = name.equals("rhostsrsaauthentication") || name.equals("rsaauthentication")
                    || name.equals("authorizedkeysfile2");
            table.put(name, new Keyword(name, inMatch, Combine.IGNORED));
        }
        ALIASES.forEach((alias, target) -> {
            Keyword real = table.get(target);
            // dsaauthentication is an alias that sshd only allows globally.
            boolean inMatch = real.inMatch() && !alias.equals("dsaauthentication") && !alias.equals("keepalive");
            table.put(alias, new Keyword(real.name(), inMatch, real.combine()));
        });
        return Map.copyOf(table);
    }

    /** The keyword as sshd knows it (case-insensitive), or empty: "Bad configuration option". */
    static Optional<Keyword> lookup(String keyword) {
        return Optional.ofNullable(TABLE.get(keyword.toLowerCase(Locale.ROOT)));
    }
}
