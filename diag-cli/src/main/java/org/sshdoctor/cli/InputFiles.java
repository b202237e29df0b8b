package org.sshdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a file the user named before a command reads it, so every command reports a missing,
 * unreadable, directory, binary or oversized file the same way: one {@link UsageException} line that
 * names the option, the file and the problem (exit 2), never a stack trace from deep in a parser.
 */
final class InputFiles {
    /** More than any real ssh_config, sshd_config or list of targets. */
    static final long MAX_TEXT_BYTES = 16L * 1024 * 1024;
    /** More than any private key (OpenSSH's own limit for a key file is far lower). */
    static final long MAX_KEY_BYTES = 1024 * 1024;
    private static final int SNIFF_BYTES = 8192;

    private InputFiles() {}

    /**
     * A readable regular text file of at most {@code maxBytes}.
     *
     * @param what how the message names the file, e.g. "-F" or "sshd config"
     * @throws UsageException naming the file and what is wrong with it
     */
    static Path text(String what, Path file, long maxBytes) {
        Path checked = readable(what, file);
        long size = size(what, checked);
        if (size > maxBytes) {
            throw new UsageException(what + " " + file + ": " + megabytes(size) + " is too large for this kind of file "
                    + "(at most " + megabytes(maxBytes) + "); is it the right file?");
        }
        if (looksBinary(head(what, checked))) {
            throw new UsageException(what + " " + file + ": binary data, not a text file; is it the right file?");
        }
        return checked;
    }

    /** Exists, is not a directory, and this process may read it. */
    static Path readable(String what, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " " + file + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new UsageException(what + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(what + " " + file + ": permission denied");
        }
        return file;
    }

    /** Where an output file will go: not a directory, in a directory that exists. */
    static Path output(String what, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " " + file + ": is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(what + " " + file + ": the directory " + parent + " does not exist");
        }
        return file;
    }

    /**
     * Text has no NUL bytes and few control characters; the first few KiB tell (like grep and git).
     * Tabs, line ends, form feeds and escapes are text.
     */
    static boolean looksBinary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                control++;
            }
        }
        return head.length > 0 && control * 10 > head.length;
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static long size(String what, Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UsageException(what + " " + file + ": " + describe(e), e);
        }
    }

    private static byte[] head(String what, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new UsageException(what + " " + file + ": cannot read it: " + describe(e), e);
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
