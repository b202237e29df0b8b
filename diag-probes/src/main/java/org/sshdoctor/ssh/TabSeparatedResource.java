package org.sshdoctor.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tab-separated data files kept next to this package's classes ({@code software.tsv},
 * {@code algorithms.tsv}, {@code client-profiles.tsv}): one record per line, {@code #} comments and blank
 * lines skipped, a fixed number of fields.
 *
 * <p>Plain text rather than YAML because these files are read on every diagnosis: a YAML parser and data
 * binder cost a cold JVM about 90 ms of CPU before the first record, most of what these lookups cost.
 */
final class TabSeparatedResource {
    private TabSeparatedResource() {}

    /**
     * The records of {@code resource}, each exactly {@code fields} long.
     *
     * @throws IllegalStateException naming the file and line when the resource is missing or a line has
     *     another number of fields (a packaging or editing mistake, caught by the tests)
     */
    static List<List<String>> records(String resource, int fields) {
        List<List<String>> records = new ArrayList<>();
        try (InputStream in = TabSeparatedResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] split = line.split("\t", -1);
                if (split.length != fields) {
                    throw new IllegalStateException(resource + ":" + number + ": expected " + fields
                            + " tab-separated fields, found " + split.length);
                }
                records.add(List.of(split));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return List.copyOf(records);
    }
}
