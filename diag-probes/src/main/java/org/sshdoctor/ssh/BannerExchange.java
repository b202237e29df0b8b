package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What happened while waiting for the server's identification line, following the rules of OpenSSH's
 * {@code kex_exchange_identification()}: up to 1024 lines before an {@code SSH-} line, each at most
 * 8192 bytes, no NUL and no CR that is not followed by LF.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface BannerExchange {

    /** Lines the server sent before its identification (or before giving up), sanitised later. */
    List<String> preBannerLines();

    /** Bytes received in total. */
    long bytes();

    /** Time from the start of reading until the outcome. */
    long millis();

    /** An {@code SSH-} line arrived. */
    record Identified(String line, List<String> preBannerLines, long bytes, long millis) implements BannerExchange {
        public Identified {
            preBannerLines = List.copyOf(preBannerLines);
        }
    }

    /** The peer closed the connection (EOF) before an identification line. */
    record Closed(List<String> preBannerLines, long bytes, long millis) implements BannerExchange {
        public Closed {
            preBannerLines = List.copyOf(preBannerLines);
        }
    }

    /** The peer reset the connection (or another read error) before an identification line. */
    record Failed(String error, List<String> preBannerLines, long bytes, long millis) implements BannerExchange {
        public Failed {
            preBannerLines = List.copyOf(preBannerLines);
        }
    }

    /** The deadline passed first; {@code partialLine} is what arrived of an unfinished line. */
    record TimedOut(String partialLine, List<String> preBannerLines, long bytes, long millis) implements BannerExchange {
        public TimedOut {
            preBannerLines = List.copyOf(preBannerLines);
        }
    }

    /**
     * The data broke one of OpenSSH's limits; {@code sshError} is the text after
     * {@code kex_exchange_identification: } that ssh prints.
     */
    record Rejected(String sshError, String offendingLine, List<String> preBannerLines, long bytes, long millis)
            implements BannerExchange {
        public Rejected {
            preBannerLines = List.copyOf(preBannerLines);
        }
    }
}
