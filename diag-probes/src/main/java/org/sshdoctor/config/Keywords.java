package org.sshdoctor.config;

import java.util.Map;
import java.util.Set;

/**
 * The ssh_config keywords of OpenSSH 9.2 (Debian build, with its GSSAPI patch): which exist, which are
 * aliases, which ssh ignores with a warning, and which accumulate instead of "first value wins".
 */
final class Keywords {
    private Keywords() {}

    static final Set<String> KNOWN = Set.of(
            "host", "match", "include", "ignoreunknown",
            "addkeystoagent", "addressfamily", "batchmode", "bindaddress", "bindinterface",
            "canonicaldomains", "canonicalizefallbacklocal", "canonicalizehostname", "canonicalizemaxdots",
            "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile", "checkhostip",
            "ciphers", "clearallforwardings", "compression", "connectionattempts", "connecttimeout",
            "controlmaster", "controlpath", "controlpersist", "dynamicforward", "enableescapecommandline",
            "enablesshkeysign", "escapechar", "exitonforwardfailure", "fingerprinthash",
            "forkafterauthentication", "forwardagent", "forwardx11", "forwardx11timeout", "forwardx11trusted",
            "gatewayports", "globalknownhostsfile", "gssapiauthentication", "gssapidelegatecredentials",
            "gssapikeyexchange", "gssapitrustdns", "gssapiclientidentity", "gssapiserveridentity",
            "gssapirenewalforcesrekey", "gssapikexalgorithms", "hashknownhosts",
            "hostbasedacceptedalgorithms", "hostbasedauthentication", "hostkeyalgorithms", "hostkeyalias",
            "hostname", "identitiesonly", "identityagent", "identityfile", "ipqos",
            "kbdinteractiveauthentication", "kbdinteractivedevices", "kexalgorithms", "knownhostscommand",
            "localcommand", "localforward", "loglevel", "logverbose", "macs", "nohostauthenticationforlocalhost",
            "numberofpasswordprompts", "passwordauthentication", "permitlocalcommand", "permitremoteopen",
            "pkcs11provider", "port", "preferredauthentications", "proxycommand", "proxyjump", "proxyusefdpass",
            "pubkeyacceptedalgorithms", "pubkeyauthentication", "rekeylimit", "remotecommand", "remoteforward",
            "requesttty", "requiredrsasize", "revokedhostkeys", "securitykeyprovider", "sendenv",
            "serveralivecountmax", "serveraliveinterval", "sessiontype", "setenv", "stdinnull",
            "streamlocalbindmask", "streamlocalbindunlink", "stricthostkeychecking", "syslogfacility",
            "tcpkeepalive", "tunnel", "tunneldevice", "updatehostkeys", "user", "userknownhostsfile",
            "verifyhostkeydns", "visualhostkey", "xauthlocation");

    /** Old names ssh still accepts, mapped to the keyword {@code ssh -G} prints. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("identityfile2", "identityfile"),
            Map.entry("dsaauthentication", "pubkeyauthentication"),
            Map.entry("challengeresponseauthentication", "kbdinteractiveauthentication"),
            Map.entry("skeyauthentication", "kbdinteractiveauthentication"),
            Map.entry("tisauthentication", "kbdinteractiveauthentication"),
            Map.entry("pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms"),
            Map.entry("hostbasedkeytypes", "hostbasedacceptedalgorithms"),
            Map.entry("keepalive", "tcpkeepalive"),
            Map.entry("smartcarddevice", "pkcs11provider"));

    /** Keywords ssh 9.2 still parses but ignores, with "Deprecated option" or "Unsupported option". */
    static final Set<String> DEPRECATED = Set.of(
            "cipher", "protocol", "fallbacktorsh", "globalknownhostsfile2", "userknownhostsfile2",
            "rhostsauthentication", "rhostsrsaauthentication", "rsaauthentication", "useblacklistedkeys",
            "useroaming", "usersh", "useprivilegedport", "afstokenpassing", "kerberosauthentication",
            "kerberostgtpassing", "compressionlevel", "protocolkeepalives", "setuptimeout");

    /** Keywords whose values add up over every matching block instead of "first value wins". */
    static final Set<String> ACCUMULATING = Set.of(
            "identityfile", "certificatefile", "localforward", "remoteforward", "dynamicforward", "sendenv");

    /** The canonical keyword for a lower-cased keyword as written. */
    static String canonical(String keyword) {
        return ALIASES.getOrDefault(keyword, keyword);
    }

    /** The keyword sharing ProxyJump's slot: whichever of the two comes first wins. */
    static String slot(String keyword) {
        return keyword.equals("proxycommand") ? "proxyjump" : keyword;
    }
}
