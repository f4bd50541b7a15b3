package dev.bookingsinvoicing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started from the test's own classpath, its output in a file under {@code target/}: a process the test can
 * SIGKILL. Closing it kills it if it still runs, so a failing test leaves no JVM behind.
 */
final class ChildJvm implements AutoCloseable {

    /** What {@link Process#exitValue()} reports for a process ended by signal 9: 128 + 9. */
    static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // surefire sets java.class.path to the whole test classpath, also when it forks through a manifest-only jar
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            // standard input stays a pipe from this JVM: InvoicingChildMain halts when it closes
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the end of the child's output if it has ended by itself (a failed start-up, a crash). */
    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the child JVM " + pid() + " exited with " + process.exitValue()
                    + "; the end of " + log + ":\n" + tail(40));
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux) and wait until the process is gone; its exit value. */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child JVM " + pid() + " is still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** What the child has written so far (fails if it has ended by itself). */
    String output() {
        requireAlive();
        try {
            // not readString: the last character may be half written
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
