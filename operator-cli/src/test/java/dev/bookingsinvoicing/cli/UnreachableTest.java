package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What an operator sees when the cluster (or, for list, the invoicing service) cannot be reached: the CLI run as
 * its own JVM, as {@code java -jar} runs it (with its own logger, slf4j-simple and simplelogger.properties: the
 * module's tests have no other), against a port nobody listens on or a name that does not resolve. It ends by
 * itself with the unreachable exit code and one line on standard error, not a stream of Kafka client warnings.
 */
class UnreachableTest {

    @Test
    void anInvoiceCommandToAClusterNobodyAnswersEndsWithOneLineAndTheUnreachableCode() throws Exception {
        Ended run = operatorCli("invoice", "--all", "--bootstrap-servers", "localhost:1", "--timeout", "3s");

        assertThat(run.exit).as(run.err).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err).isEqualTo("No answer from the Kafka cluster at localhost:1 within 3s (Timeout expired "
                + "while fetching topic metadata)\n");
    }

    @Test
    void theDeadLetterToolToo() throws Exception {
        Ended run = operatorCli("dlt", "list", "--topic", "bookings.appointments", "--bootstrap-servers",
                "localhost:1", "--timeout", "3s");

        assertThat(run.exit).as(run.err).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err).startsWith("No answer from the Kafka cluster at localhost:1 within 3s").hasLineCount(1);
    }

    @Test
    void aClusterAddressThatDoesNotResolve() throws Exception {
        Ended run = operatorCli("invoice", "--all", "--bootstrap-servers", "kafka.invalid:9092", "--timeout", "3s");

        assertThat(run.exit).as(run.err).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err).isEqualTo("Cannot find the Kafka cluster at kafka.invalid:9092: no address resolves\n");
    }

    @Test
    void listWithoutTheInvoicingService() throws Exception {
        Ended run = operatorCli("list", "--invoicing-url", "http://localhost:1", "--timeout", "3s");

        assertThat(run.exit).as(run.err).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err).startsWith("Cannot connect to the invoicing service at http://localhost:1")
                .hasLineCount(1);
    }

    private record Ended(int exit, String out, String err) {
    }

    /** Runs the CLI in a JVM of its own and waits for it to end (a minute at most: it must end by itself). */
    private static Ended operatorCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), OperatorCli.class.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // the outputs are a few lines: they fit the pipes, so reading them after the end cannot block the CLI
        boolean ended = process.waitFor(1, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the CLI ended by itself").isTrue();
        return new Ended(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
