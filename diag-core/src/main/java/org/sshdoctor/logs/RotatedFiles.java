package org.sshdoctor.logs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Orders a rotated set oldest first, so stories that cross a rotation read in order: {@code
 * auth.log.3.gz, auth.log.2.gz, auth.log.1, auth.log} (logrotate's numbers) and {@code
 * secure-20240301.gz, secure-20240308, secure} (dateext). Files of different sets keep the order given.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RotatedFiles {
    private static final Pattern NUMBERED = Pattern.compile("(.+?)\\.(\\d{1,3})(?:\\.gz)?");
    private static final Pattern DATED = Pattern.compile("(.+?)-(\\d{8,10})(?:\\.gz)?");

    private RotatedFiles() {}

    public static List<Path> oldestFirst(List<Path> files) {
        List<Path> ordered = new ArrayList<>(files);
        List<String> bases = new ArrayList<>();
        for (Path file : files) {
            String base = base(file);
            if (!bases.contains(base)) {
                bases.add(base);
            }
        }
        ordered.sort(Comparator.comparingInt((Path p) -> bases.indexOf(base(p))).thenComparing(RotatedFiles::age,
                Comparator.reverseOrder()));
        return ordered;
    }

    private static String base(Path file) {
        String name = file.toString();
        Matcher numbered = NUMBERED.matcher(name);
        if (numbered.matches()) {
            return numbered.group(1);
        }
        Matcher dated = DATED.matcher(name);
        if (dated.matches()) {
            return dated.group(1);
        }
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** Bigger is older: .3 is older than .1; the live file is age 0; dated files are older the earlier the date. */
    private static long age(Path file) {
        String name = file.toString();
        Matcher numbered = NUMBERED.matcher(name);
        if (numbered.matches()) {
            return Long.parseLong(numbered.group(2));
        }
        Matcher dated = DATED.matcher(name);
        if (dated.matches()) {
            return 100_000_000_000L - Long.parseLong(dated.group(2));
        }
        return 0;
    }
}
