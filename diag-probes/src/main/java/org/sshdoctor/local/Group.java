package org.sshdoctor.local;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A group entry.
 *
 * @param name group name
 * @param gid numeric group id
 * @param members the supplementary member list of /etc/group (users whose primary group it is are not listed)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Group(String name, int gid, List<String> members) {
    public Group {
        members = List.copyOf(members);
    }
}
