package org.sshdoctor.cli;

import java.util.Iterator;
import org.sshdoctor.ssh.ClientProfiles;

/** The built-in client profile names, for --client-profile's help and completion. */
final class ClientProfileNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ClientProfiles.builtIn().names().iterator();
    }
}
