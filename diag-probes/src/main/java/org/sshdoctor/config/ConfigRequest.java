package org.sshdoctor.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.sshdoctor.os.Account;

/**
 * What {@code ssh [-F FILE] [-o K=V]... [-i FILE]... [-l USER] [-p PORT] HOST} would be given.
 *
 * @param host the host as typed, without {@code user@}
 * @param user {@code -l} or {@code user@host}, if given
 * @param port {@code -p}, if given
 * @param configFile {@code -F}: empty for the default files, {@code "none"} for none, else the path
 * @param options the {@code -o} arguments in order, e.g. {@code "User=bob"}
 * @param identityFiles the {@code -i} arguments in order
 * @param account the local account (home, name, uid)
 * @param systemConfig the system-wide file, normally /etc/ssh/ssh_config
 * @param localHostName {@code gethostname()}, for {@code %l %L %C}
 * @param environment variables for {@code ${VAR}} and {@code $SHELL}
 * @param exec runs {@code Match exec} commands
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigRequest(String host, Optional<String> user, OptionalInt port, Optional<String> configFile,
        List<String> options, List<String> identityFiles, Account account, Path systemConfig,
        String localHostName, Map<String, String> environment, MatchExec exec) {

    public ConfigRequest {
        requireNonNull(host, "host");
        requireNonNull(user, "user");
        requireNonNull(port, "port");
        requireNonNull(configFile, "configFile");
        options = List.copyOf(options);
        identityFiles = List.copyOf(identityFiles);
        requireNonNull(account, "account");
        requireNonNull(systemConfig, "systemConfig");
        requireNonNull(localHostName, "localHostName");
        environment = Map.copyOf(environment);
        requireNonNull(exec, "exec");
    }

    /** Runs a {@code Match exec} command; true when it exits with 0. */
    @FunctionalInterface
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public interface MatchExec {
        boolean succeeds(String command);

        /** Never runs anything and reports failure (for callers that must not run user commands). */
        MatchExec NEVER = command -> false;
    }

    /** A request for HOST with the current account and the default files. */
    public static ConfigRequest forHost(String host, Account account, Map<String, String> environment) {
        return new ConfigRequest(host, Optional.empty(), OptionalInt.empty(), Optional.empty(), List.of(), List.of(),
                account, Path.of("/etc/ssh/ssh_config"), LocalHostName.get(), environment,
                new ShellMatchExec(environment));
    }

    public ConfigRequest withUser(Optional<String> newUser) {
        return new ConfigRequest(host, newUser, port, configFile, options, identityFiles, account, systemConfig,
                localHostName, environment, exec);
    }

    public ConfigRequest withPort(OptionalInt newPort) {
        return new ConfigRequest(host, user, newPort, configFile, options, identityFiles, account, systemConfig,
                localHostName, environment, exec);
    }

    public ConfigRequest withConfigFile(Optional<String> file) {
        return new ConfigRequest(host, user, port, file, options, identityFiles, account, systemConfig,
                localHostName, environment, exec);
    }

    public ConfigRequest withOptions(List<String> newOptions) {
        return new ConfigRequest(host, user, port, configFile, newOptions, identityFiles, account, systemConfig,
                localHostName, environment, exec);
    }

    public ConfigRequest withIdentityFiles(List<String> files) {
        return new ConfigRequest(host, user, port, configFile, options, files, account, systemConfig,
                localHostName, environment, exec);
    }

    public ConfigRequest withSystemConfig(Path file) {
        return new ConfigRequest(host, user, port, configFile, options, identityFiles, account, file,
                localHostName, environment, exec);
    }

    public ConfigRequest withExec(MatchExec newExec) {
        return new ConfigRequest(host, user, port, configFile, options, identityFiles, account, systemConfig,
                localHostName, environment, newExec);
    }
}
