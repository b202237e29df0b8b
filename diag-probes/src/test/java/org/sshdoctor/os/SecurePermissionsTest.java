package org.sshdoctor.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH's secure_permissions as ssh applies it to config files, with Debian's one-member-group exception, on fake passwd/group files. */
class SecurePermissionsTest {
    @TempDir
    Path dir;

    private SecurePermissions rules(boolean debian) throws IOException {
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n"
                + "bob:x:1001:100::/home/bob:/bin/sh\ncarol:x:1002:100::/home/carol:/bin/sh\n");
        Files.writeString(group, "root:x:0:\nalice:x:1000:\nusers:x:100:\nshared:x:2000:alice,bob\n");
        return new SecurePermissions(Accounts.files(dir), debian);
    }

    @Test
    void readableByAllIsFineWritableByOthersIsNot() throws IOException {
        SecurePermissions r = rules(true);
        assertEquals(Optional.empty(), r.problem(new FileStat(1000, 1000, 0100644), 1000));
        assertTrue(r.problem(new FileStat(1000, 1000, 0100646), 1000).orElseThrow().startsWith("writable by everyone"));
        assertTrue(r.problem(new FileStat(1001, 1000, 0100600), 1000).orElseThrow().startsWith("owned by uid 1001"));
        assertEquals(Optional.empty(), r.problem(new FileStat(0, 0, 0100644), 1000));
    }

    @Test
    void debianAcceptsGroupWriteOnlyForAPrivateGroup() throws IOException {
        assertEquals(Optional.empty(), rules(true).problem(new FileStat(1000, 1000, 0100664), 1000));
        assertTrue(rules(true).problem(new FileStat(1001, 100, 0100664), 1001).isPresent(), "users has bob and carol");
        assertTrue(rules(true).problem(new FileStat(1000, 2000, 0100664), 1000).isPresent(), "shared lists two members");
        assertTrue(rules(false).problem(new FileStat(1000, 1000, 0100664), 1000).isPresent(), "upstream rule");
    }
}
