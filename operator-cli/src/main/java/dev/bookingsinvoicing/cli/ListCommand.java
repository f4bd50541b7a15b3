package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code list}: one page of "Bookings Not Invoiced", read from invoicing-service's dashboard API. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Show one page of Bookings Not Invoiced: "
        + "each booking's local date, customer, service, amount, status (with why it is not ready) and the BOOKING "
        + "that invoice, mark-invoiced and set-price take.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--status", description = "READY, UNMATCHED_CUSTOMER, UNMAPPED_SERVICE or NEEDS_PRICE.")
    String status;

    @Option(names = "--customer", paramLabel = "CUSTOMER_NO", description = "Only this customer's bookings.")
    String customerNo;

    @Option(names = "--business", paramLabel = "MAILBOX", description = "Only this Bookings business's bookings.")
    String businessId;

    @Option(names = "--page", defaultValue = "0", description = "Which page, from 0. Default: ${DEFAULT-VALUE}.")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "Bookings per page. Default: ${DEFAULT-VALUE}.")
    int size;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", page);
        query.put("size", size);
        query.put("status", status);
        query.put("customerNo", customerNo);
        query.put("businessId", businessId);
        String queryString = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(cli.timeout).build().send(HttpRequest.newBuilder(
                    URI.create(cli.invoicingUrl + "/api/bookings-not-invoiced?" + queryString))
                    .timeout(cli.timeout)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (cli.apiUser + ":" + cli.apiPassword).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.UNREACHABLE, "Cannot connect to the invoicing service at "
                    + cli.invoicingUrl + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCode.UNREACHABLE, "No answer from the invoicing service at " + cli.invoicingUrl
                    + " within " + Durations.words(cli.timeout));
        }
        if (response.statusCode() != 200) {
            throw new CliFailure(ExitCode.FAILED, "The invoicing service answered " + response.statusCode() + ": "
                    + response.body());
        }
        print(JsonMapper.builder()
                // money keeps its scale: 80.00, not 80.0
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readTree(response.body()),
                spec.commandLine().getOut());
        return ExitCode.DONE.code();
    }

    /** One line per booking; DATE is the booking's local date (its start in the appointment's own time zone). */
    static void print(JsonNode page, PrintWriter out) {
        String format = "%-10s  %-10s  %-28s  %-24s  %8s  %10s  %-3s  %-40s  %s%n";
        out.printf(format, "DATE", "CUSTOMER", "NAME", "SERVICE", "QTY", "AMOUNT", "CUR", "STATUS", "BOOKING");
        for (JsonNode row : page.path("content")) {
            String status = row.path("status").asString();
            String reason = row.path("reason").isNull() || row.path("reason").isMissingNode() ? ""
                    : " (" + row.path("reason").asString() + ")";
            out.printf(format, text(row, "localDate"), text(row, "customerNo"),
                    abbreviate(text(row, "customerName"), 28), abbreviate(text(row, "serviceName"), 24),
                    text(row, "quantity"), text(row, "amount"), text(row, "currency"), status + reason,
                    text(row, "id"));
        }
        out.printf("page %d of %d, %d booking(s)%n", page.path("page").asInt() + 1, page.path("totalPages").asInt(),
                page.path("totalElements").asLong());
        out.flush();
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (value.isNull() || value.isMissingNode()) {
            return "-";
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asString();
    }

    private static String abbreviate(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "…";
    }
}
