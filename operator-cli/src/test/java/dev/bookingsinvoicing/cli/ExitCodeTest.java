package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The exit codes are one table: the enum, what --help prints, what README shows, and all distinct. */
class ExitCodeTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| (\\d+) \\| (.+) \\|$");

    @Test
    void everyKindOfEndHasItsOwnCodeAndUsageErrorsKeepPicocliCode() {
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code)).doesNotHaveDuplicates();
        assertThat(ExitCode.USAGE.code()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(ExitCode.DONE.code()).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(ExitCode.FAILED.code()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    }

    @Test
    void readmeShowsExactlyTheTableOfTheCode() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "README.md")).stream()
                .map(README_ROW::matcher).filter(Matcher::matches).map(m -> m.group(1) + " " + m.group(2)).toList();

        assertThat(rows).containsExactlyElementsOf(Arrays.stream(ExitCode.values())
                .map(e -> e.code() + " " + e.meaning()).toList());
    }

    @Test
    void theHelpOfTheCliAndOfEachCommandEndsWithTheTable() {
        for (String[] help : List.of(new String[] { "--help" }, new String[] { "invoice", "--help" },
                new String[] { "dlt", "replay", "--help" })) {
            StringWriter out = new StringWriter();
            CommandLine cli = OperatorCli.commandLine();
            cli.setOut(new PrintWriter(out));

            assertThat(cli.execute(help)).isEqualTo(ExitCode.DONE.code());

            String exitCodes = out.toString().substring(out.toString().indexOf("Exit codes:"));
            // picocli wraps the meanings: compare words, not lines
            String words = exitCodes.replaceAll("\\s+", " ");
            for (ExitCode exitCode : ExitCode.values()) {
                assertThat(words).as(String.join(" ", help)).contains(" " + exitCode.code() + " "
                        + exitCode.meaning());
            }
        }
    }
}
