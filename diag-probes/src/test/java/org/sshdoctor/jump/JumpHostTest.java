package org.sshdoctor.jump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ConfigOrigin;

/** Which host ssh connects to first, for the ProxyJump and ProxyCommand forms users write. */
class JumpHostTest {
    private static final ConfigOrigin ORIGIN = ConfigOrigin.file(Path.of("/home/u/.ssh/config"), 3);

    private static Optional<JumpHost> jump(String value) {
        return JumpHost.fromProxyJump(ConfigEntry.of("proxyjump", value, ORIGIN));
    }

    private static Optional<JumpHost> command(String value) {
        return JumpHost.fromProxyCommand(ConfigEntry.of("proxycommand", value, ORIGIN));
    }

    @Test
    void proxyJumpFirstHopWithUserPortAndLaterHops() {
        JumpHost hop = jump("admin@bastion.example.org:2222,inner-gw").orElseThrow();
        assertEquals("bastion.example.org", hop.host());
        assertEquals(Optional.of("admin"), hop.user());
        assertEquals(OptionalInt.of(2222), hop.port());
        assertEquals(List.of("inner-gw"), hop.laterHops());
        assertEquals("admin@bastion.example.org:2222", hop.destination());
        assertEquals("ProxyJump", hop.keyword());
    }

    @Test
    void proxyJumpUriAndPlainAlias() {
        JumpHost uri = jump("ssh://bob@10.0.0.1:2200").orElseThrow();
        assertEquals("10.0.0.1", uri.host());
        assertEquals(Optional.of("bob"), uri.user());
        assertEquals(OptionalInt.of(2200), uri.port());
        JumpHost alias = jump("bastion").orElseThrow();
        assertEquals(Optional.empty(), alias.user());
        assertEquals(OptionalInt.empty(), alias.port());
    }

    @Test
    void proxyCommandSshWithStdioForwardingNamesItsHost() {
        JumpHost hop = command("ssh -q -o BatchMode=yes -l bob -p 2200 -W %h:%p bastion.example.org").orElseThrow();
        assertEquals("bastion.example.org", hop.host());
        assertEquals(Optional.of("bob"), hop.user());
        assertEquals(OptionalInt.of(2200), hop.port());
        assertEquals("ProxyCommand", hop.keyword());
        JumpHost exec = command("exec /usr/bin/ssh -W [%h]:%p alice@gw").orElseThrow();
        assertEquals("gw", exec.host());
        assertEquals(Optional.of("alice"), exec.user());
    }

    @Test
    void proxyCommandsWithoutAnSshFirstHopAreNotFollowed() {
        assertTrue(command("nc -X 5 -x socks.example.org:1080 %h %p").isEmpty());
        assertTrue(command("cloudflared access ssh --hostname %h").isEmpty());
        assertTrue(command("ssh bastion").isEmpty(), "no -W: not a stdio forward");
        assertTrue(jump(" , ").isEmpty());
    }
}
