package org.sshdoctor.ssh;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the server's first binary packet with a plain socket, to name what went wrong where MINA only says
 * "protocol error" or waits: an impossible packet length, a KEXINIT whose name-list lengths do not fit
 * the packet, a disconnect message, some other message. Used only after the main connection failed
 * between the identification and the KEXINIT, so it costs a connection only on a broken server. Bounded
 * everywhere: identification lines (64 KiB), packet size (OpenSSH's limit), and time.
 */
final class FirstPacketReader {
    /** OpenSSH's PACKET_MAX_SIZE: ssh refuses longer packets. */
    static final int MAX_PACKET = 256 * 1024;
    private static final int MAX_PRE_BANNER = 64 * 1024;
    /** The ten name-lists of a KEXINIT, in the order RFC 4253 section 7.1 sends them. */
    private static final java.util.List<String> WIRE_ORDER = java.util.List.of("key exchange", "host key",
            "cipher (client to server)", "cipher (server to client)", "MAC (client to server)", "MAC (server to client)",
            "compression (client to server)", "compression (server to client)", "language (client to server)",
            "language (server to client)");

    /** What the first packet was. */
    sealed interface Result permits BadLength, Malformed, Disconnect, KexInit, Other, Unread {}

    /** The length field is below 5 or above {@link #MAX_PACKET}. */
    record BadLength(long length) implements Result {}

    /** A KEXINIT that cannot be parsed; {@code what} says why. */
    record Malformed(String what) implements Result {}

    record Disconnect(ServerDisconnect disconnect) implements Result {}

    /** A well-formed KEXINIT: nothing to add to what MINA said. */
    record KexInit(int packetLength) implements Result {}

    /** Some other message where the KEXINIT belongs. */
    record Other(int messageType) implements Result {}

    /** Nothing could be read; {@code why} says what happened. */
    record Unread(String why) implements Result {}

    private FirstPacketReader() {}

    static Result read(InetSocketAddress address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(address, millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write((BannerProbe.CLIENT_IDENTIFICATION + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            skipIdentification(in);
            long length = Integer.toUnsignedLong(in.readInt());
            if (length < 5 || length > MAX_PACKET) {
                return new BadLength(length);
            }
            byte[] packet = new byte[(int) length];
            in.readFully(packet);
            return parse(packet);
        } catch (SocketTimeoutException e) {
            return new Unread("no packet within " + millis + " ms");
        } catch (EOFException e) {
            return new Unread("the connection was closed");
        } catch (IOException e) {
            return new Unread(String.valueOf(e.getMessage()));
        }
    }

    /** Parses one unencrypted packet body: padding length, payload, padding. */
    static Result parse(byte[] packet) {
        if (packet.length == 0) {
            return new Malformed("an empty packet");
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        int padding = buffer.get() & 0xFF;
        if (padding + 1 > packet.length) {
            return new Malformed("padding of " + padding + " bytes is longer than the packet (" + packet.length + " bytes)");
        }
        buffer.limit(packet.length - padding);
        if (!buffer.hasRemaining()) {
            return new Malformed("an empty packet");
        }
        int type = buffer.get() & 0xFF;
        if (type == 1) {
            return disconnect(buffer);
        }
        if (type != 20) {
            return new Other(type);
        }
        if (buffer.remaining() < 16) {
            return new Malformed("a KEXINIT too short for its cookie");
        }
        buffer.position(buffer.position() + 16);
        for (String list : WIRE_ORDER) {
            if (buffer.remaining() < 4) {
                return new Malformed("the KEXINIT ends before its " + list + " list");
            }
            long declared = Integer.toUnsignedLong(buffer.getInt());
            if (declared > buffer.remaining()) {
                return new Malformed("its " + list + " list claims " + declared + " bytes, but only "
                        + buffer.remaining() + " are left in the packet");
            }
            buffer.position(buffer.position() + (int) declared);
        }
        return new KexInit(packet.length);
    }

    private static Result disconnect(ByteBuffer buffer) {
        if (buffer.remaining() < 8) {
            return new Malformed("a disconnect message too short for its reason and text");
        }
        int reason = buffer.getInt();
        long declared = Integer.toUnsignedLong(buffer.getInt());
        int available = (int) Math.min(declared, buffer.remaining());
        byte[] text = new byte[available];
        buffer.get(text);
        return new Disconnect(ServerDisconnect.of(reason, new String(text, StandardCharsets.UTF_8)));
    }

    /** Reads up to the line starting with "SSH-"; earlier lines are allowed, as ssh allows them. */
    private static void skipIdentification(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int total = 0; total < MAX_PRE_BANNER; total++) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException();
            }
            if (c == '\n') {
                if (line.toString(StandardCharsets.ISO_8859_1).startsWith("SSH-")) {
                    return;
                }
                line.reset();
            } else if (line.size() < 256) {
                line.write(c);
            }
        }
        throw new IOException("no identification in " + MAX_PRE_BANNER + " bytes");
    }
}
