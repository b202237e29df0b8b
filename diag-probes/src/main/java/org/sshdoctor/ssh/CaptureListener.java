package org.sshdoctor.ssh;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Feeds MINA's session events into each session's {@link SessionCapture}. Runs on MINA's I/O threads:
 * it never blocks, and never throws, because an exception from a listener kills the session.
 */
final class CaptureListener implements SessionListener {

    @Override
    public void sessionCreated(Session session) {
        try {
            SessionCapture capture = SessionCapture.of(session);
            // Restricting host key algorithms works only here, before the session sends its KEXINIT.
            if (!capture.hostKeyAlgorithms.isEmpty()) {
                session.setSignatureFactories(ProbeSshClient.allSignatures(capture.hostKeyAlgorithms::contains));
            }
        } catch (RuntimeException e) {
            SessionCapture.of(session).failAll(e);
        }
    }

    @Override
    public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
        SessionCapture.of(session).identification.complete(version);
    }

    @Override
    public void sessionNegotiationStart(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal) {
        try {
            if (session instanceof ClientSession) {
                SessionCapture capture = SessionCapture.of(session);
                capture.events.kexStart(capture.address);
                capture.kexInit.complete(new ServerKexInit(ProbeSshClient.toLists(serverProposal)));
            }
        } catch (RuntimeException e) {
            SessionCapture.of(session).failAll(e);
        }
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, Map<KexProposalOption, String> negotiated, Throwable reason) {
        SessionCapture capture = SessionCapture.of(session);
        if (reason != null) {
            capture.failAll(reason);
        } else if (negotiated != null) {
            capture.negotiated(negotiated.get(KexProposalOption.SERVERKEYS));
            capture.negotiated(negotiated);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.KeyEstablished) {
            SessionCapture.of(session).keysEstablished();
        }
    }

    @Override
    public void sessionException(Session session, Throwable t) {
        SessionCapture.of(session).failAll(t);
    }

    @Override
    public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
        if (!initiator) {
            // The server's text: cut and carried in a fixed form (ServerDisconnect), escaped where shown.
            SessionCapture.of(session).failAll(new IOException(ServerDisconnect.describe(reason, msg)));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        SessionCapture.of(session).failAll(new IOException("the connection was closed"));
    }
}
