package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The relay between MINA and the banner probe's connection, with plain loopback sockets standing in for
 * the server and for MINA: the server's identification and the bytes read after it reach MINA first,
 * MINA's own identification never reaches the server (the banner probe sent it), another local process
 * cannot take MINA's place, and closing the relay ends both connections.
 */
class LoopbackRelayTest {
    private static final byte[] SERVER_LINE = "SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void replaysTheIdentificationDropsMinasAndPipesTheRestToTheRightPeerOnly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                Socket bannerSide = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket serverSide = server.accept()) {
            serverSide.setSoTimeout(5000);
            IdentifiedConnection connection = identified(bannerSide, "KEXINIT".getBytes(StandardCharsets.US_ASCII));
            try (LoopbackRelay relay = LoopbackRelay.open(connection);
                    Socket intruder = new Socket(relay.address().getAddress(), relay.address().getPort());
                    Socket mina = new Socket(relay.address().getAddress(), relay.address().getPort())) {
                intruder.setSoTimeout(5000);
                mina.setSoTimeout(5000);
                relay.attach(mina.getLocalSocketAddress(), Instant.now().plusSeconds(5));

                assertThat(intruder.getInputStream().read()).as("the intruder is turned away").isEqualTo(-1);
                assertThat(read(mina.getInputStream(), SERVER_LINE.length + 7))
                        .isEqualTo("SSH-2.0-OpenSSH_9.2p1\r\nKEXINIT");
                mina.getOutputStream().write((BannerProbe.CLIENT_IDENTIFICATION + "\r\nclient kexinit")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(read(serverSide.getInputStream(), 14)).isEqualTo("client kexinit");
                serverSide.getOutputStream().write("server packet".getBytes(StandardCharsets.US_ASCII));
                assertThat(read(mina.getInputStream(), 13)).isEqualTo("server packet");

                relay.close();
                assertThat(serverSide.getInputStream().read()).as("the server sees the end").isEqualTo(-1);
                assertThat(bannerSide.isClosed()).isTrue();
            }
        }
    }

    @Test
    void aDifferentIdentificationFromMinaEndsTheRelayInsteadOfBreakingKeyExchange() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                Socket bannerSide = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket serverSide = server.accept()) {
            serverSide.setSoTimeout(5000);
            IdentifiedConnection connection = identified(bannerSide, new byte[0]);
            try (LoopbackRelay relay = LoopbackRelay.open(connection);
                    Socket mina = new Socket(relay.address().getAddress(), relay.address().getPort())) {
                relay.attach(mina.getLocalSocketAddress(), Instant.now().plusSeconds(5));
                mina.getOutputStream().write("SSH-2.0-SomethingElse\r\nkexinit".getBytes(StandardCharsets.US_ASCII));
                assertThat(serverSide.getInputStream().read()).as("nothing of it reaches the server").isEqualTo(-1);
            }
        }
    }

    /** The banner probe's hand-over: the server's identification read, then {@code readAfter}. */
    private static IdentifiedConnection identified(Socket bannerSide, byte[] readAfter) {
        return new IdentifiedConnection(bannerSide, (InetSocketAddress) bannerSide.getRemoteSocketAddress(),
                BannerProbe.CLIENT_IDENTIFICATION, SERVER_LINE, readAfter);
    }

    private static String read(InputStream in, int length) throws Exception {
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
