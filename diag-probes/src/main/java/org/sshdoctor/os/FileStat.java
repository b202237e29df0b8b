package org.sshdoctor.os;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The parts of stat(2) that OpenSSH's file checks look at: owner, group, mode bits and type.
 * Symbolic links are followed, as stat does (ssh and sshd open or stat the file itself). Used by the
 * client-side rules (key and config permissions) and the server-side ones (StrictModes, chroot, host
 * keys) alike, so both sides read a file the same way.
 *
 * @param uid owner uid (unsigned, as uid_t)
 * @param gid group gid (unsigned, as gid_t); -1 with uid -1 marks a file that could not be read
 * @param mode the full {@code st_mode}: type and permission bits
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileStat(long uid, long gid, int mode) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final String ATTRIBUTES = "unix:uid,gid,mode";

    /** stat(2) of {@code path}; empty when it fails or the platform has no {@code unix} attribute view. */
    public static Optional<FileStat> of(Path path) {
        try {
            return Optional.of(read(path));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // IOException: stat failed (missing, no permission). The other two are how the JDK says this
            // file system has no "unix" attribute view (UnsupportedOperationException) or does not know
            // one of its attributes (IllegalArgumentException): there is then no stat to report either.
            return Optional.empty();
        }
    }

    /**
     * stat(2) of {@code path}, for callers that report why it failed. A path written with a trailing
     * slash must be a directory, as in C.
     *
     * @throws IOException as stat fails; {@link #strerror(IOException)} gives the C message
     */
    public static FileStat stat(String path) throws IOException {
        FileStat stat = read(Path.of(path));
        if (path.length() > 1 && path.endsWith("/") && !stat.isDirectory()) {
            throw new NotDirectoryException(path);
        }
        return stat;
    }

    private static FileStat read(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES);
        // The JDK hands uid_t/gid_t over as a signed int: ids above 2^31 (nfsnobody) come back negative.
        return new FileStat(Integer.toUnsignedLong(((Number) a.get("uid")).intValue()),
                Integer.toUnsignedLong(((Number) a.get("gid")).intValue()), ((Number) a.get("mode")).intValue());
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** The permission bits ({@code st_mode & 07777}), e.g. 0755. */
    public int permissions() {
        return mode & 07777;
    }

    /** True when group or others may write ({@code mode & 022}), the bits OpenSSH refuses. */
    public boolean groupOrOtherWritable() {
        return (mode & 022) != 0;
    }

    /**
     * Who besides the owner may write, for messages: "group and others", "the group" or "others"
     * (meaningful when {@link #groupOrOtherWritable()}).
     */
    public String otherWriters() {
        boolean group = (mode & 020) != 0;
        boolean other = (mode & 002) != 0;
        return group && other ? "group and others" : group ? "the group" : "others";
    }

    /** The permission bits as four octal digits, setuid/setgid/sticky included, e.g. {@code 0755} or {@code 1777}. */
    public String octal() {
        return String.format(Locale.ROOT, "%04o", permissions());
    }

    /**
     * The mode as ssh prints it in "Permissions 0644 for ... are too open" ({@code "0%3.3o"} of
     * {@code st_mode & 0777}): setuid, setgid and sticky bits left out.
     */
    public String octalAsSshPrints() {
        return String.format(Locale.ROOT, "0%03o", mode & 0777);
    }

    /** The text strerror(3) gives for the errno behind a failed file operation. */
    public static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
