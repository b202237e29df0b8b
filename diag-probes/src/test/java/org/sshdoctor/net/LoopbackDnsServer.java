package org.sshdoctor.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny authoritative DNS server on a loopback UDP port, in-process: each name answers with a fixed
 * response code (NXDOMAIN, SERVFAIL) or a fixed set of records, or is ignored (never answered).
 */
final class LoopbackDnsServer implements AutoCloseable {
    /** How the server answers one name. */
    record Answer(int rcode, Record... records) {}

    private final DatagramSocket socket;
    private final Map<String, Answer> zone;

    LoopbackDnsServer(Map<String, Answer> zone) throws IOException {
        this.zone = zone;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Answer answer = zone.get(question.getName().toString(true).toLowerCase());
                if (answer == null) {
                    continue; // a name the test wants unanswered
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.getHeader().setFlag(Flags.RD);
                response.getHeader().setFlag(Flags.RA);
                response.getHeader().setRcode(answer.rcode());
                response.addRecord(question, Section.QUESTION);
                for (Record record : answer.records()) {
                    if (record.getType() == question.getType()) {
                        response.addRecord(record, Section.ANSWER);
                    }
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    static Answer rcode(int rcode) {
        return new Answer(rcode);
    }

    static Answer records(Record... records) {
        return new Answer(Rcode.NOERROR, records);
    }

    @Override
    public void close() {
        socket.close();
    }
}
