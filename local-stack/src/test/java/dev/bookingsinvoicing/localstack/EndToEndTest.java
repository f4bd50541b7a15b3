package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.bookingsinvoicing.cli.OperatorCli;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system, as an operator meets it: Bookings (the simulator, over Graph HTTP) -> sync -> Kafka ->
 * customers, items, invoicing -> draft invoices, started by the local stack and driven through the operator CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** invoicing-service's read-only development user (invoicing-service.yml). */
    private static final String VIEWER = "Basic " + Base64.getEncoder()
            .encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void startTheStack() {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, LocalMongoServer.Backend.MEMORY,
                LocalStack.Ports.free(), SimulatorSettings.defaults(), 2, Duration.ofSeconds(5)));
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One attendee of a completed appointment, as the rules say it must be invoiced. */
    record ExpectedBooking(String bookingId, String customerKey, BigDecimal amount) {
    }

    /**
     * Computed from the simulator's own data, independently of the services: completed appointments, one booking per
     * attendee whose customer has an email, priced by price type; priceVaries/callUs need a price and are left out.
     */
    private Map<String, ExpectedBooking> expectedReadyBookings() {
        Instant now = Instant.now();
        Map<String, ExpectedBooking> expected = new HashMap<>();
        for (SimulatedTenant.Business business : stack.simulator().tenant().businesses()) {
            for (SimulatedTenant.Appointment appointment : business.appointments()) {
                BigDecimal amount = amount(appointment);
                if (!appointment.end().isBefore(now) || amount == null) {
                    continue;
                }
                for (SimulatedTenant.Attendee attendee : appointment.attendees()) {
                    String email = business.customer(attendee.customerId()).emailAddress();
                    if (email == null || email.isBlank()) {
                        continue;
                    }
                    String bookingId = Keys.booking(business.id(), appointment.id(), attendee.customerId());
                    expected.put(bookingId, new ExpectedBooking(bookingId,
                            email.trim().toLowerCase(Locale.ROOT) + " " + business.currency(), amount));
                }
            }
        }
        return expected;
    }

    private static BigDecimal amount(SimulatedTenant.Appointment appointment) {
        return switch (appointment.priceType()) {
            case "fixedPrice", "startingAt" -> appointment.price() == null ? null : appointment.price().setScale(2);
            case "hourly" -> appointment.price() == null ? null : appointment.price()
                    .multiply(BigDecimal.valueOf(appointment.duration().toMinutes()))
                    .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
            case "free" -> new BigDecimal("0.00");
            default -> null;
        };
    }

    private Set<String> readyBookingIdsInTheView() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode body = get("/api/bookings-not-invoiced?status=READY&size=1000&page=" + page);
            body.path("content").forEach(row -> ids.add(row.path("id").asString()));
            if (page + 1 >= body.path("totalPages").asInt()) {
                return ids;
            }
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.invoicingUrl() + path))
                .header("Authorization", VIEWER).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int operator(StringWriter out, String... args) {
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    @Order(1)
    void afterTheFirstSyncTheViewHoldsExactlyTheCompletedBookingsOfCustomersWithAnEmail() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(readyBookingIdsInTheView()).isEqualTo(expectedReadyBookings().keySet()));
        assertThat(expectedReadyBookings()).hasSizeGreaterThan(100);
    }

    @Test
    @Order(2)
    void invoiceAllCreatesOneDraftInvoicePerCustomerWithTheRightLinesAndTotals() throws Exception {
        Map<String, ExpectedBooking> expected = expectedReadyBookings();
        StringWriter out = new StringWriter();

        int exit = operator(out, "invoice", "--all", "--command-id", "e2e-invoice-all",
                "--bootstrap-servers", stack.bootstrapServers());

        assertThat(exit).as(out.toString()).isZero();
        Set<String> customers = expected.values().stream().map(ExpectedBooking::customerKey).collect(Collectors.toSet());
        assertThat(out.toString()).contains("COMPLETED e2e-invoice-all: " + expected.size() + " booking(s) invoiced on "
                + customers.size() + " draft invoice(s)");

        List<DraftInvoiceCreated> invoices = invoices(customers.size());
        assertThat(invoices).extracting(DraftInvoiceCreated::getInvoiceId).doesNotHaveDuplicates();
        assertThat(invoices).extracting(DraftInvoiceCreated::getCustomerNo).doesNotHaveDuplicates();
        Map<String, InvoiceLine> lines = new HashMap<>();
        for (DraftInvoiceCreated invoice : invoices) {
            assertThat(invoice.getCommandId()).isEqualTo("e2e-invoice-all");
            assertThat(invoice.getLines().stream().map(line -> expected.get(line.getBookingId()).customerKey()).distinct())
                    .as("one customer per invoice").hasSize(1);
            assertThat(invoice.getTotalAmount()).isEqualByComparingTo(invoice.getLines().stream()
                    .map(InvoiceLine::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
            invoice.getLines().forEach(line -> assertThat(lines.put(line.getBookingId(), line)).as("invoiced twice").isNull());
        }
        assertThat(lines.keySet()).isEqualTo(expected.keySet());
        lines.forEach((bookingId, line) -> assertThat(line.getAmount()).as(bookingId)
                .isEqualByComparingTo(expected.get(bookingId).amount()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyBookingIdsInTheView()).isEmpty());
    }

    @Test
    @Order(3)
    void theSameCommandAgainAndANewInvoiceAllCreateNothingNew() throws Exception {
        int invoicesBefore = invoices(1).size();

        StringWriter again = new StringWriter();
        assertThat(operator(again, "invoice", "--all", "--command-id", "e2e-invoice-all",
                "--bootstrap-servers", stack.bootstrapServers())).isZero();
        StringWriter fresh = new StringWriter();
        assertThat(operator(fresh, "invoice", "--all", "--command-id", "e2e-invoice-all-again",
                "--bootstrap-servers", stack.bootstrapServers())).isZero();

        assertThat(again.toString()).contains("COMPLETED e2e-invoice-all:");
        assertThat(fresh.toString()).contains("COMPLETED e2e-invoice-all-again: 0 booking(s) invoiced on 0 draft invoice(s)");
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), Topics.INVOICES)) {
            Set<String> invoiceIds = reader.drain(Duration.ofSeconds(3)).stream()
                    .map(v -> ((DraftInvoiceCreated) v).getInvoiceId()).collect(Collectors.toSet());
            assertThat(invoiceIds).hasSize(invoicesBefore);
        }
    }

    /** The distinct invoices published so far (a re-published invoice has the same id). */
    private List<DraftInvoiceCreated> invoices(int atLeast) {
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), Topics.INVOICES)) {
            Map<String, DraftInvoiceCreated> byId = new HashMap<>();
            reader.awaitValues(atLeast, PATIENCE).forEach(v -> byId.putIfAbsent(((DraftInvoiceCreated) v).getInvoiceId(),
                    (DraftInvoiceCreated) v));
            return List.copyOf(byId.values());
        }
    }
}
