package org.sshdoctor.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Owner and mode of a file as {@code fstat} sees them (symbolic links followed, as OpenSSH opens
 * the file first).
 *
 * @param uid owner uid
 * @param gid group gid
 * @param mode the raw {@code st_mode}; {@link #permissions()} is its low 12 bits
 * @param directory true for a directory
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileStat(long uid, long gid, int mode, boolean directory) {

    /** Empty when the file does not exist or the platform has no {@code unix} attribute view. */
    public static Optional<FileStat> of(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode,isDirectory");
            return Optional.of(new FileStat(((Number) a.get("uid")).longValue(), ((Number) a.get("gid")).longValue(),
                    ((Number) a.get("mode")).intValue(), (Boolean) a.get("isDirectory")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #of} but without following a final symbolic link. */
    public static Optional<FileStat> ofLink(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode,isDirectory", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStat(((Number) a.get("uid")).longValue(), ((Number) a.get("gid")).longValue(),
                    ((Number) a.get("mode")).intValue(), (Boolean) a.get("isDirectory")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code st_mode & 07777}. */
    public int permissions() {
        return mode & 07777;
    }

    /** The mode as OpenSSH prints it: {@code 0} then three octal digits of {@code st_mode & 0777}. */
    public String octal() {
        return String.format("0%03o", mode & 0777);
    }
}
