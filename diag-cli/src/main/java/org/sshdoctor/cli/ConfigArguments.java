package org.sshdoctor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.config.ConfigRequest;

/**
 * The ssh-style arguments that feed our ssh_config resolver ({@code -F}, {@code -o}, {@code -i}), checked
 * and applied the same way by every command that takes them (the diagnosis and {@code local}).
 */
final class ConfigArguments {
    private ConfigArguments() {}

    /**
     * Checks {@code -F FILE} (a readable, text, reasonably sized file, or {@code none}) and every
     * {@code -o KEY=VALUE}, then adds them and the {@code -i} files to {@code request}.
     *
     * @throws UsageException naming the argument that is wrong
     */
    static ConfigRequest apply(ConfigRequest request, String configFile, List<String> options, List<String> identityFiles) {
        for (String option : options) {
            if (!option.contains("=") && !option.trim().contains(" ")) {
                throw new UsageException("-o needs KEY=VALUE, got '" + option + "'");
            }
        }
        if (configFile != null && !configFile.equalsIgnoreCase("none")) {
            InputFiles.text("-F", Path.of(configFile), InputFiles.MAX_TEXT_BYTES);
        }
        return request.withConfigFile(Optional.ofNullable(configFile)).withOptions(options)
                .withIdentityFiles(identityFiles);
    }
}
