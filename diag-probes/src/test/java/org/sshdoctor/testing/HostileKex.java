package org.sshdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link FakePeer} behaviours that misbehave after a valid identification, at the binary packet level of
 * RFC 4253: absurd packet lengths, giant or lying or empty name-lists, a KEXINIT and then nothing, a
 * disconnect message with hostile text. Plus a throttling peer that drops every second connection, as
 * sshd's MaxStartups and PerSourcePenalties do. Packets are unencrypted, as before the first NEWKEYS.
 */
public final class HostileKex {
    /** What the peers announce; a real-looking OpenSSH so that clients take the ordinary paths. */
    public static final String IDENTIFICATION = "SSH-2.0-OpenSSH_9.2p1 HostilePeer";
    /** OpenSSH's PACKET_MAX_SIZE: ssh refuses longer packets with "Bad packet length". */
    public static final int OPENSSH_MAX_PACKET = 256 * 1024;

    private static final byte MSG_DISCONNECT = 1;
    private static final byte MSG_KEXINIT = 20;

    /** Algorithm lists every client here can negotiate (OpenSSH, MINA): the peer just never finishes. */
    public static final List<String> PLAIN_LISTS = List.of("curve25519-sha256", "ssh-ed25519", "aes128-ctr", "aes128-ctr",
            "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", "");

    private HostileKex() {}

    /** Identification, then a packet whose length field says {@code length} (e.g. 2^31), then silence. */
    public static FakePeer.Behaviour packetLength(long length) {
        return socket -> {
            greet(socket);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt((int) length);
            out.write(new byte[12]); // the rest of the first cipher block
            out.flush();
            drainUntilClosed(socket);
        };
    }

    /** Identification, then a complete KEXINIT with these ten lists, then {@code after}. */
    public static FakePeer.Behaviour kexInit(List<String> lists, After after) {
        return socket -> {
            greet(socket);
            writeQuietly(socket, packet(kexInitPayload(lists)));
            after.then(socket);
        };
    }

    /** A KEXINIT whose key exchange list is {@code bytes} long: {@code bytes} of names ending in real ones. */
    public static FakePeer.Behaviour hugeNameList(int bytes, After after) {
        StringBuilder names = new StringBuilder(bytes + 64);
        for (int i = 0; names.length() < bytes; i++) {
            names.append("junk-").append(i).append("@hostile.example,");
        }
        names.append("curve25519-sha256");
        List<String> lists = new java.util.ArrayList<>(PLAIN_LISTS);
        lists.set(0, names.toString());
        return kexInit(lists, after);
    }

    /** A small KEXINIT whose first name-list claims to be {@code claimed} bytes long: the packet is malformed. */
    public static FakePeer.Behaviour lyingNameList(int claimed) {
        return socket -> {
            greet(socket);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(payload);
            data.writeByte(MSG_KEXINIT);
            data.write(new byte[16]);
            data.writeInt(claimed);
            data.write("curve25519-sha256".getBytes(StandardCharsets.US_ASCII));
            writeQuietly(socket, packet(payload.toByteArray()));
            drainUntilClosed(socket);
        };
    }

    /** Identification, then SSH_MSG_DISCONNECT with {@code reason} and {@code text} (any bytes, any length). */
    public static FakePeer.Behaviour disconnect(int reason, String text) {
        return socket -> {
            greet(socket);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(payload);
            data.writeByte(MSG_DISCONNECT);
            data.writeInt(reason);
            writeString(data, text.getBytes(StandardCharsets.UTF_8));
            writeString(data, new byte[0]);
            writeQuietly(socket, packet(payload.toByteArray()));
            drainUntilClosed(socket);
        };
    }

    /**
     * Every second connection (the 2nd, 4th, …) is closed at once without a byte, as sshd does past
     * MaxStartups; the others get {@code good}.
     */
    public static FakePeer.Behaviour dropEverySecond(FakePeer.Behaviour good) {
        return drops(n -> n % 2 == 0, good);
    }

    /** Connections number 1, 2, … for which {@code drop} holds are closed at once; the others get {@code good}. */
    public static FakePeer.Behaviour drops(java.util.function.IntPredicate drop, FakePeer.Behaviour good) {
        AtomicInteger count = new AtomicInteger();
        return socket -> {
            if (drop.test(count.incrementAndGet())) {
                socket.close();
            } else {
                good.serve(socket);
            }
        };
    }

    /** Relays the connection to a real server on loopback {@code port}, byte for byte, both ways. */
    public static FakePeer.Behaviour relayTo(int port) {
        return socket -> {
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread up = new Thread(() -> copy(socket, upstream), "hostile-relay-up");
                up.setDaemon(true);
                up.start();
                copy(upstream, socket);
                up.join(5000);
            } finally {
                socket.close();
            }
        };
    }

    /** What the peer does once its KEXINIT is out. */
    @FunctionalInterface
    public interface After {
        void then(Socket socket) throws IOException, InterruptedException;

        /** Closes its side cleanly (FIN), reading whatever the client still sends. */
        After CLOSE = socket -> {
            socket.shutdownOutput();
            drainUntilClosed(socket);
        };

        /** Resets the connection (RST) once the client's key exchange init has arrived. */
        After RESET = socket -> {
            socket.getInputStream().read(new byte[64 * 1024]);
            Thread.sleep(200); // the client's ECDH init follows its KEXINIT
            socket.setSoLinger(true, 0);
            socket.close();
        };

        /** Never answers the client's key exchange init; reads until the client gives up. */
        After SILENCE = HostileKex::drainUntilClosed;
    }

    /** The KEXINIT payload: cookie, ten name-lists, first_kex_packet_follows false, reserved 0. */
    public static byte[] kexInitPayload(List<String> lists) throws IOException {
        if (lists.size() != 10) {
            throw new IllegalArgumentException("a KEXINIT has 10 name-lists, not " + lists.size());
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(payload);
        data.writeByte(MSG_KEXINIT);
        data.write(new byte[16]);
        for (String list : lists) {
            writeString(data, list.getBytes(StandardCharsets.US_ASCII));
        }
        data.writeBoolean(false);
        data.writeInt(0);
        return payload.toByteArray();
    }

    /** A binary packet without encryption or MAC: length, padding length, payload, 4..11 bytes of padding. */
    public static byte[] packet(byte[] payload) throws IOException {
        int padding = 8 - ((5 + payload.length) % 8);
        if (padding < 4) {
            padding += 8;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(packet);
        data.writeInt(1 + payload.length + padding);
        data.writeByte(padding);
        data.write(payload);
        data.write(new byte[padding]);
        return packet.toByteArray();
    }

    /** Sends our identification and reads the client's (up to its line feed). */
    static void greet(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((IDENTIFICATION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        for (int i = 0, c = 0; i < 256 && c != '\n'; i++) {
            c = in.read();
            if (c < 0) {
                throw new IOException("client closed before its identification");
            }
        }
    }

    private static void writeString(DataOutputStream data, byte[] bytes) throws IOException {
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    /** Writes what the client may no longer want (it may have closed after the length field). */
    private static void writeQuietly(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < bytes.length; offset += 8192) {
                out.write(bytes, offset, Math.min(8192, bytes.length - offset));
            }
            out.flush();
        } catch (IOException clientGone) {
            // the client stopped reading: exactly what a careful client does with an absurd packet
        }
    }

    static void drainUntilClosed(Socket socket) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ended) {
            // one side went away
        }
    }

    /** For assertions: the lists with each one doubled ("a,b" becomes "a,b,a,b"). */
    public static List<String> doubled(List<String> lists) {
        return Arrays.stream(lists.toArray(String[]::new)).map(l -> l.isEmpty() ? l : l + "," + l).toList();
    }
}
