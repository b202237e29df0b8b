package org.sshdoctor.cli;

/**
 * Bad input from the user (an option, a file, a target): the CLI prints the message as one line on
 * stderr and exits with 2. The message names what is wrong and, where it can, what to do.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
