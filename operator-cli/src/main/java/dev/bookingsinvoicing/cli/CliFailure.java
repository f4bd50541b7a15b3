package dev.bookingsinvoicing.cli;

/** A run that ends with a non-zero {@link ExitCode} and one line on standard error saying why. */
final class CliFailure extends RuntimeException {

    private final ExitCode exitCode;

    CliFailure(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
