package org.sshdoctor.config;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the ssh_config findings. Each has a knowledge-base article (kb/config.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigFindings {
    public static final String UNKNOWN_KEYWORD = "SSH-CONFIG-UNKNOWN-KEYWORD";
    public static final String SYNTAX = "SSH-CONFIG-SYNTAX";
    public static final String DEPRECATED = "SSH-CONFIG-DEPRECATED-OPTION";
    public static final String BAD_PERMISSIONS = "SSH-CONFIG-BAD-PERMISSIONS";
    public static final String UNREADABLE = "SSH-CONFIG-UNREADABLE";
    public static final String NOT_SIMULATED = "SSH-CONFIG-NOT-SIMULATED";
    public static final String SSH_G_DISAGREES = "SSH-CONFIG-SSH-G-DISAGREES";
    /** The diagnosis connected directly although ssh would use ProxyJump/ProxyCommand (kb/proxy.yaml). */
    public static final String PROXY_NOT_FOLLOWED = "SSH-CONFIG-PROXY-NOT-FOLLOWED";

    public static final List<String> ALL = List.of(UNKNOWN_KEYWORD, SYNTAX, DEPRECATED, BAD_PERMISSIONS, UNREADABLE,
            NOT_SIMULATED, SSH_G_DISAGREES, PROXY_NOT_FOLLOWED);

    private ConfigFindings() {}

    /** The finding id for a kind of problem. */
    public static String idOf(ConfigProblem.Kind kind) {
        return switch (kind) {
            case UNKNOWN_KEYWORD -> UNKNOWN_KEYWORD;
            case SYNTAX -> SYNTAX;
            case DEPRECATED -> DEPRECATED;
            case BAD_PERMISSIONS -> BAD_PERMISSIONS;
            case UNREADABLE -> UNREADABLE;
            case NOT_SIMULATED -> NOT_SIMULATED;
        };
    }
}
