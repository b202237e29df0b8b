package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The parts of stat(2) that sshd's file checks look at: owner, group, mode bits and type. Symlinks
 * are followed, as stat does.
 *
 * @param uid owner uid
 * @param gid group id
 * @param mode the full st_mode (type and permission bits)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UnixStat(int uid, int gid, int mode) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    /**
     * stat(2) of {@code path}. A path written with a trailing slash must be a directory, as in C.
     *
     * @throws IOException as stat fails; {@link #strerror(IOException)} gives the C message
     */
    public static UnixStat of(String path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(Path.of(path), "unix:uid,gid,mode");
        UnixStat stat = new UnixStat((Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
                (Integer) attributes.get("mode"));
        if (path.length() > 1 && path.endsWith("/") && !stat.isDirectory()) {
            throw new NotDirectoryException(path);
        }
        return stat;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** The permission bits, e.g. 0755. */
    public int permissions() {
        return mode & 07777;
    }

    /** True when group or others may write ({@code mode & 022}), the bits sshd refuses. */
    public boolean groupOrOtherWritable() {
        return (mode & 022) != 0;
    }

    /** The permission bits as four octal digits, e.g. {@code 0755}. */
    public String octal() {
        return String.format(Locale.ROOT, "%04o", permissions());
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
