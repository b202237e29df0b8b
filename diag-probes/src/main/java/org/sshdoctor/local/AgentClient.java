package org.sshdoctor.local;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * Lists an ssh-agent's identities over its Unix socket with the JDK's own Unix-domain sockets
 * ({@code SSH2_AGENTC_REQUEST_IDENTITIES}). Only lists: it never asks the agent to sign.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AgentClient {
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final int MAX_ANSWER = 256 * 1024;

    private AgentClient() {}

    /**
     * @throws IOException when the socket cannot be reached or the answer is not an identities list;
     *     the message says which
     */
    public static List<AgentIdentity> listIdentities(Path socket, Duration timeout) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sshdoctor-agent");
            t.setDaemon(true);
            return t;
        });
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            Future<List<AgentIdentity>> answer = executor.submit(() -> exchange(channel, socket));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the agent did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            channel.close();
            executor.shutdownNow();
        }
    }

    private static List<AgentIdentity> exchange(SocketChannel channel, Path socket) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, REQUEST_IDENTITIES}));
        ByteBuffer lengthBuffer = read(channel, 4);
        int length = lengthBuffer.getInt();
        if (length < 1 || length > MAX_ANSWER) {
            throw new IOException("the agent sent a reply of " + length + " bytes");
        }
        ByteBuffer body = read(channel, length);
        byte type = body.get();
        if (type != IDENTITIES_ANSWER) {
            throw new IOException("the agent answered message type " + type + " instead of an identities list");
        }
        int count = body.getInt();
        List<AgentIdentity> identities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] blob = string(body);
            String comment = new String(string(body), StandardCharsets.UTF_8);
            PublicKeys.fromBlob(blob).ifPresent(key -> identities.add(new AgentIdentity(key, comment)));
        }
        return identities;
    }

    private static ByteBuffer read(SocketChannel channel, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the agent closed the connection");
            }
        }
        return buffer.flip();
    }

    private static byte[] string(ByteBuffer b) throws IOException {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new IOException("malformed identities answer");
        }
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }
}
