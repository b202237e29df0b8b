package org.sshdoctor.sshd;

import org.apiguardian.api.API;

/**
 * A line sshd rejects or ignores, with the message sshd itself prints for it.
 *
 * @param origin where the line is
 * @param message sshd's message, e.g. {@code /etc/ssh/sshd_config: line 3: Bad configuration option: Foo}
 * @param fatal true when sshd refuses to start (or to reload) with this config
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigProblem(Origin origin, String message, boolean fatal) {}
