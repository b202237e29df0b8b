package org.sshdoctor.os;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A group entry.
 *
 * @param name group name
 * @param gid numeric group id
 * @param members the supplementary member list of /etc/group (users whose primary group it is are not listed)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Group(String name, long gid, List<String> members) {
    public Group {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }
}
