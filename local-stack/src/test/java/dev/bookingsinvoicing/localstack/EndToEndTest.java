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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Currency;
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

import dev.bookingsinvoicing.bc.export.InvoiceExporter;
import dev.bookingsinvoicing.bcsimulator.SimulatedCompany;
import dev.bookingsinvoicing.cli.OperatorCli;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.simulator.SimulatorSettings.AppointmentTimeKeys;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole system, as an operator meets it: Bookings (the simulator, over Graph HTTP, naming appointment times
 * {@code start}/{@code end} as the calendarView sample of the API reference does) -> sync -> Kafka -> customers,
 * items, invoicing -> draft invoices, started by the local stack and driven through the operator CLI. What must come
 * out is computed from the simulator's data alone: its real instants, real zones and the implausible records it
 * planted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int HEAVY_CUSTOMER_BOOKINGS = 2_000;
    /** invoicing-service's default bookings.invoicing.max-lines-per-invoice. */
    private static final int LINES_PER_DRAFT = 500;
    /** The templates of customer-service.yml and item-service.yml, which every customer and item is made with. */
    private static final List<String> CUSTOMER_POSTING = List.of("DOMESTIC", "DOMESTIC", "DOMESTIC");
    private static final List<String> ITEM_POSTING = List.of("HOUR", "SERVICES", "VAT25");
    /** invoicing-service's read-only development user (invoicing-service.yml). */
    private static final String VIEWER = basic("viewer:viewer");
    /** booking-sync-service's development admin (booking-sync-service.yml). */
    private static final String SYNC_ADMIN = basic("admin:admin");

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private LocalBusinessCentral businessCentral;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void startTheStack() {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, LocalMongoServer.Backend.MEMORY,
                LocalStack.Ports.free(), SimulatorSettings.defaults()
                        .withAppointmentTimeKeys(AppointmentTimeKeys.START_END)
                        // EUR, USD, JPY (no minor units) and KWD (three); one customer with thousands of bookings
                        .withVolume(4, 20, 12, 150).withHeavyCustomer(HEAVY_CUSTOMER_BOOKINGS), 2,
                Duration.ofSeconds(5)));
        // Business Central's rate limit (19 requests a second) is a policy: lifted here, the test exports every draft
        businessCentral = LocalBusinessCentral.withSimulator(stack, 0, 0,
                "--bookings.business-central.requests-per-window=100000", "--bookings.business-central.window=1s");
    }

    @AfterAll
    void stopTheStack() {
        if (businessCentral != null) {
            businessCentral.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** One attendee of a completed appointment, as the rules say it must be invoiced, dated by its local day. */
    record ExpectedBooking(String bookingId, String customerKey, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal amount, LocalDate localDate, Instant start, boolean perHour) {
    }

    /** A completed appointment the sync cannot use, and the words its reason must contain. */
    record ExpectedQuarantine(String businessId, String recordId, String problem) {
    }

    /**
     * What the view, the quarantine and the invoices must hold.
     *
     * @param ready       READY bookings by id
     * @param needsPrice  NEEDS_PRICE bookings by id, with the words the reason must contain ("" = any reason)
     * @param quarantined the appointments no row may come from, in the order the quarantine lists them
     */
    record Expected(Map<String, ExpectedBooking> ready, Map<String, String> needsPrice,
            List<ExpectedQuarantine> quarantined) {
    }

    /**
     * Computed from the simulator's own data, independently of the services: completed appointments; those without
     * attendees, ending before they start or in a zone that does not exist are quarantined; the others give one
     * booking per attendee whose customer has an email, priced by price type, where a negative price, an hourly
     * booking of no minutes and the types without a price (priceVaries, callUs, notSet) need a price.
     */
    private Expected expected() {
        Instant now = Instant.now();
        Map<String, ExpectedBooking> ready = new HashMap<>();
        Map<String, String> needsPrice = new HashMap<>();
        List<ExpectedQuarantine> quarantined = new ArrayList<>();
        for (SimulatedTenant.Business business : stack.simulator().tenant().businesses()) {
            for (SimulatedTenant.Appointment appointment : business.appointments()) {
                if (!appointment.end().isBefore(now)) {
                    continue;
                }
                String unusable = unusable(appointment);
                if (unusable != null) {
                    quarantined.add(new ExpectedQuarantine(business.id(), appointment.id(), unusable));
                    continue;
                }
                int minorUnits = Currency.getInstance(business.currency()).getDefaultFractionDigits();
                String implausiblePrice = implausiblePrice(appointment, minorUnits);
                BigDecimal quantity = quantity(appointment);
                for (SimulatedTenant.Attendee attendee : appointment.attendees()) {
                    String email = business.customer(attendee.customerId()).emailAddress();
                    if (email == null || email.isBlank()) {
                        continue;
                    }
                    String bookingId = Keys.booking(business.id(), appointment.id(), attendee.customerId());
                    if (implausiblePrice != null || quantity == null) {
                        needsPrice.put(bookingId, implausiblePrice == null ? "" : implausiblePrice);
                        continue;
                    }
                    BigDecimal unitPrice = appointment.priceType().equals("free") ? BigDecimal.ZERO
                            : appointment.price();
                    ready.put(bookingId, new ExpectedBooking(bookingId,
                            email.trim().toLowerCase(Locale.ROOT) + " " + business.currency(), quantity, unitPrice,
                            amount(appointment, unitPrice, minorUnits),
                            LocalDate.ofInstant(appointment.start(), appointment.zone()), appointment.start(),
                            appointment.priceType().equals("hourly")));
                }
            }
        }
        quarantined.sort(Comparator.comparing(ExpectedQuarantine::businessId)
                .thenComparing(ExpectedQuarantine::recordId));
        return new Expected(ready, needsPrice, quarantined);
    }

    /** Why no booking can be made of it at all, or null. */
    private static String unusable(SimulatedTenant.Appointment appointment) {
        if (appointment.attendees().isEmpty()) {
            return "no attendees";
        }
        if (appointment.end().isBefore(appointment.start())) {
            return "ends before it starts";
        }
        if (appointment.zone() == null) {
            return appointment.timeZoneName();
        }
        return null;
    }

    /** Why its own price cannot be billed although its type has one, or null. */
    private static String implausiblePrice(SimulatedTenant.Appointment appointment, int minorUnits) {
        if (appointment.price() != null && appointment.price().signum() < 0) {
            return "negative price " + appointment.price().setScale(minorUnits, RoundingMode.HALF_UP).toPlainString();
        }
        if (appointment.priceType().equals("hourly") && !appointment.duration().isNegative()
                && appointment.duration().toMinutes() == 0) {
            return "hourly booking of 0 minutes";
        }
        return null;
    }

    /**
     * The quantity an invoice line bills, or null when the type carries no price: fixedPrice and startingAt once,
     * free once at zero, hourly the hours to 5 decimals, as Business Central keeps them (7 minutes = 0.11667 h).
     */
    private static BigDecimal quantity(SimulatedTenant.Appointment appointment) {
        return switch (appointment.priceType()) {
            case "fixedPrice", "startingAt" -> appointment.price() == null ? null : BigDecimal.ONE;
            case "free" -> BigDecimal.ONE;
            case "hourly" -> appointment.price() == null ? null
                    : BigDecimal.valueOf(Math.floorDiv(2 * appointment.duration().toMinutes() * 100_000 + 60, 120), 5);
            default -> null;
        };
    }

    /**
     * The line amount in whole minor units of the currency, computed in integers and rounded once, half up: the price
     * once, or the minutes times the price over 60 for hourly bookings (20 minutes at 95.00 is 31.67, not
     * 0.3333 x 95.00 = 31.66; 7 minutes at 7,550 yen is 881 yen).
     */
    private static BigDecimal amount(SimulatedTenant.Appointment appointment, BigDecimal unitPrice, int minorUnits) {
        long priceInMinorUnits = unitPrice.movePointRight(minorUnits).longValueExact();
        long amountInMinorUnits = appointment.priceType().equals("hourly")
                ? Math.floorDiv(2 * appointment.duration().toMinutes() * priceInMinorUnits + 60, 120)
                : priceInMinorUnits;
        return BigDecimal.valueOf(amountInMinorUnits, minorUnits);
    }

    /** The rows of the view (every status, or one), by id. */
    private Map<String, JsonNode> rowsInTheView(String status) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode body = get(stack.invoicingUrl() + "/api/bookings-not-invoiced?size=1000&page=" + page
                    + (status == null ? "" : "&status=" + status), VIEWER);
            body.path("content").forEach(row -> rows.put(row.path("id").asString(), row));
            if (page + 1 >= body.path("totalPages").asInt()) {
                return rows;
            }
        }
    }

    private JsonNode get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int operator(StringWriter out, String... args) {
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    @Order(1)
    void afterTheFirstSyncTheViewHoldsTheUsableCompletedBookingsAndTheImplausiblePricesNeedAPrice() throws Exception {
        Expected expected = expected();
        // the oracle covers what it must: local days that are not the UTC day (both ways), every implausible case
        assertThat(expected.ready()).hasSizeGreaterThan(100);
        assertThat(expected.ready().values()).anyMatch(b -> b.localDate().isBefore(LocalDate.ofInstant(b.start(),
                ZoneOffset.UTC))).anyMatch(b -> b.localDate().isAfter(LocalDate.ofInstant(b.start(), ZoneOffset.UTC)));
        int businesses = stack.simulator().tenant().businesses().size();
        assertThat(expected.needsPrice().values()).filteredOn(reason -> reason.startsWith("negative price"))
                .hasSize(businesses).contains("negative price -10", "negative price -10.000");
        assertThat(expected.needsPrice().values()).filteredOn(reason -> reason.contains("0 minutes"))
                .hasSize(businesses);
        assertThat(expected.quarantined()).extracting(ExpectedQuarantine::problem)
                .containsOnly("no attendees", "ends before it starts", "Mars Standard Time").hasSize(3 * businesses);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(rowsInTheView("READY").keySet()).isEqualTo(expected().ready().keySet());
            assertThat(rowsInTheView("NEEDS_PRICE").keySet()).isEqualTo(expected().needsPrice().keySet());
        });

        Map<String, JsonNode> needingAPrice = rowsInTheView("NEEDS_PRICE");
        expected.needsPrice().forEach((bookingId, problem) -> assertThat(needingAPrice.get(bookingId).path("reason")
                .asString()).as(bookingId).contains(problem));
        Map<String, JsonNode> all = rowsInTheView(null);
        Set<String> quarantinedIds = expected.quarantined().stream().map(ExpectedQuarantine::recordId)
                .collect(Collectors.toSet());
        assertThat(all.values()).as("rows of quarantined appointments")
                .noneMatch(row -> quarantinedIds.contains(row.path("appointmentId").asString()));
        assertThat(all.values()).as("negative amounts").noneMatch(row -> row.hasNonNull("amount")
                && row.path("amount").decimalValue().signum() < 0);
    }

    @Test
    @Order(2)
    void theAppointmentsTheSyncCannotUseAreListedWithTheirReasonsByTheSyncAndByInvoicing() throws Exception {
        List<ExpectedQuarantine> expected = expected().quarantined();
        List<String> expectedKeys = expected.stream().map(q -> q.businessId() + " APPOINTMENT " + q.recordId())
                .toList();

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(quarantineKeys(get(stack.syncUrl() + "/api/sync/quarantine", null)))
                    .containsExactlyElementsOf(expectedKeys);
            assertThat(quarantineKeys(get(stack.invoicingUrl() + "/api/bookings-quarantine", VIEWER)))
                    .containsExactlyElementsOf(expectedKeys);
        });

        JsonNode sync = get(stack.syncUrl() + "/api/sync/quarantine", null);
        JsonNode invoicing = get(stack.invoicingUrl() + "/api/bookings-quarantine", VIEWER);
        for (int i = 0; i < expected.size(); i++) {
            String problem = expected.get(i).problem();
            JsonNode entry = sync.get(i);
            assertThat(entry.path("reason").asString()).as(expectedKeys.get(i)).contains(problem);
            Instant firstSeen = Instant.parse(entry.path("firstSeenAt").asString());
            assertThat(Instant.parse(entry.path("lastSeenAt").asString())).isAfterOrEqualTo(firstSeen);
            assertThat(entry.path("attempts").asInt()).isPositive();
            assertThat(invoicing.get(i).path("reason").asString()).as(expectedKeys.get(i)).contains(problem);
            assertThat(Instant.parse(invoicing.get(i).path("firstSeenAt").asString())).isEqualTo(firstSeen);
        }
    }

    private static List<String> quarantineKeys(JsonNode entries) {
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(e.path("businessId").asString() + " " + e.path("kind").asString() + " "
                + e.path("recordId").asString()));
        return keys;
    }

    @Test
    @Order(3)
    void anAppointmentGraphSendsUnreadableIsQuarantinedAndOnceFixedInBookingsReachesTheView() throws Exception {
        // Given a new completed appointment that Graph sends without a start (under either key), on a priced
        // service and a customer with an email, dated in the business's own zone
        SimulatedTenant.Business business = stack.simulator().tenant().businesses().get(0);
        SimulatedTenant.Service service = business.services().stream()
                .filter(s -> s.priceType().equals("fixedPrice") && s.defaultPrice() != null).findFirst().orElseThrow();
        SimulatedTenant.Customer customer = business.customers().stream().filter(c -> c.emailAddress() != null)
                .findFirst().orElseThrow();
        Instant end = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        SimulatedTenant.Appointment late = new SimulatedTenant.Appointment("e2e-unreadable-then-fixed",
                service.id(), service.displayName(), end.minus(Duration.ofMinutes(30)), end, service.defaultPrice(),
                service.priceType(), 1, List.of(new SimulatedTenant.Attendee(customer.id(),
                        customer.displayName(), customer.emailAddress(), customer.phone())),
                business.timeZone(), business.timeZoneName(), SimulatedTenant.DateTimeShape.LOCAL);
        stack.simulator().faults().damage(late.id(), node -> {
            node.remove("start");
            node.remove("startDateTime");
        });
        stack.simulator().tenant().addAppointment(business.id(), late);
        String key = business.id() + " APPOINTMENT " + late.id();
        String bookingId = Keys.booking(business.id(), late.id(), customer.id());

        // When the sync reads it: it is quarantined, listed by the sync and shown by invoicing, and no row
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(quarantineKeys(get(stack.syncUrl() + "/api/sync/quarantine", null))).contains(key);
            assertThat(quarantineKeys(get(stack.invoicingUrl() + "/api/bookings-quarantine", VIEWER))).contains(key);
        });
        assertThat(rowsInTheView(null)).doesNotContainKey(bookingId);

        // When Bookings sends it whole again
        stack.simulator().faults().clear();

        // Then a later run reads it back (the window held for it), it leaves the quarantine, and it is a READY row
        // dated by its local day; the appointments that are still unusable stay listed, read again on every run
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, JsonNode> ready = rowsInTheView("READY");
            assertThat(ready).containsKey(bookingId);
            assertThat(ready.get(bookingId).path("localDate").asString())
                    .isEqualTo(LocalDate.ofInstant(late.start(), business.timeZone()).toString());
            assertThat(quarantineKeys(get(stack.syncUrl() + "/api/sync/quarantine", null))).doesNotContain(key)
                    .hasSize(expected().quarantined().size());
            assertThat(quarantineKeys(get(stack.invoicingUrl() + "/api/bookings-quarantine", VIEWER)))
                    .doesNotContain(key);
        });
        assertThat(get(stack.syncUrl() + "/api/sync/quarantine", null)).allSatisfy(
                entry -> assertThat(entry.path("attempts").asInt()).as("runs that read it").isGreaterThan(1));
        // (the invoice-all below invoices it with the others: the oracle takes it from the tenant's data)
    }

    @Test
    @Order(4)
    void aCustomersNewEmailReachesTheirBookingsAfterAFullSync() throws Exception {
        SimulatedTenant.Business business = stack.simulator().tenant().businesses().get(0);
        Map<String, Long> emails = business.customers().stream().filter(c -> c.emailAddress() != null)
                .collect(Collectors.groupingBy(c -> c.emailAddress().toLowerCase(Locale.ROOT), Collectors.counting()));
        Set<String> ready = expected().ready().keySet();
        SimulatedTenant.Customer customer = business.customers().stream()
                .filter(c -> c.emailAddress() != null && emails.get(c.emailAddress().toLowerCase(Locale.ROOT)) == 1)
                .filter(c -> ready.stream().anyMatch(id -> id.startsWith(business.id() + "/")
                        && id.endsWith("/" + c.id())))
                .findFirst().orElseThrow();
        String newEmail = "renamed." + customer.emailAddress();
        Set<String> theirs = ready.stream().filter(id -> id.endsWith("/" + customer.id())).collect(Collectors.toSet());

        Map<String, JsonNode> before = rowsInTheView("READY");
        Set<String> customerNos = theirs.stream().map(id -> before.get(id).path("customerNo").asString())
                .collect(Collectors.toSet());
        assertThat(customerNos).hasSize(1);

        stack.simulator().tenant().changeCustomerEmail(business.id(), customer.id(), newEmail);
        // appointments that ended before the incremental window change only in a full (reconciliation) run
        await().atMost(PATIENCE).until(() -> http.send(HttpRequest.newBuilder(URI.create(stack.syncUrl()
                + "/api/sync/run?full=true")).header("Authorization", SYNC_ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, JsonNode> rows = rowsInTheView("READY");
            assertThat(rows.keySet()).isEqualTo(expected().ready().keySet());
            assertThat(theirs).allSatisfy(id -> assertThat(rows.get(id).path("customerEmail").asString())
                    .isEqualTo(newEmail));
            // the same customer with the new email, not a second customer
            assertThat(theirs).allSatisfy(id -> assertThat(rows.get(id).path("customerNo").asString())
                    .isEqualTo(customerNos.iterator().next()));
        });
    }

    @Test
    @Order(5)
    void invoiceAllCreatesOneDraftInvoicePerCustomerWithLinesDatedByTheLocalDayAndTheRightTotals() throws Exception {
        Map<String, ExpectedBooking> expected = expected().ready();
        StringWriter out = new StringWriter();

        int exit = operator(out, "invoice", "--all", "--command-id", "e2e-invoice-all",
                "--bootstrap-servers", stack.bootstrapServers());

        assertThat(exit).as(out.toString()).isZero();
        // one customer's bookings beyond a draft's lines go on further drafts of the same command
        Map<String, Long> bookingsPerCustomer = expected.values().stream()
                .collect(Collectors.groupingBy(ExpectedBooking::customerKey, Collectors.counting()));
        long drafts = bookingsPerCustomer.values().stream().mapToLong(n -> (n + LINES_PER_DRAFT - 1) / LINES_PER_DRAFT)
                .sum();
        assertThat(bookingsPerCustomer.values()).as("a customer with thousands of bookings")
                .anyMatch(n -> n >= HEAVY_CUSTOMER_BOOKINGS);
        assertThat(out.toString()).contains("COMPLETED e2e-invoice-all: " + expected.size() + " booking(s) invoiced on "
                + drafts + " draft invoice(s)");

        List<DraftInvoiceCreated> invoices = invoices((int) drafts);
        assertThat(invoices).hasSize((int) drafts);
        assertThat(invoices).extracting(DraftInvoiceCreated::getInvoiceId).doesNotHaveDuplicates();
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.getLines()).hasSizeLessThanOrEqualTo(LINES_PER_DRAFT));
        Map<String, InvoiceLine> lines = new HashMap<>();
        Set<String> currencies = new HashSet<>();
        for (DraftInvoiceCreated invoice : invoices) {
            assertThat(invoice.getCommandId()).isEqualTo("e2e-invoice-all");
            assertThat(invoice.getLines().stream().map(line -> expected.get(line.getBookingId()).customerKey()).distinct())
                    .as("one customer per invoice").hasSize(1);
            int minorUnits = Currency.getInstance(invoice.getCurrency()).getDefaultFractionDigits();
            currencies.add(invoice.getCurrency());
            assertThat(invoice.getCurrencyMinorUnits()).isEqualTo(minorUnits);
            BigDecimal total = invoice.getLines().stream().map(InvoiceLine::getExactAmount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(invoice.getExactTotalAmount()).isEqualByComparingTo(total);
            // readers of the first versions get the same amounts to 2 decimals
            assertThat(invoice.getTotalAmount()).isEqualByComparingTo(total.setScale(2, RoundingMode.HALF_UP));
            assertThat(invoice.getBusinessIds()).containsExactlyElementsOf(invoice.getLines().stream()
                    .map(InvoiceLine::getBusinessId).distinct().sorted().toList());
            assertThat(List.of(invoice.getCustomerPostingGroup(), invoice.getGenBusPostingGroup(),
                    invoice.getVatBusPostingGroup())).isEqualTo(CUSTOMER_POSTING);
            invoice.getLines().forEach(line -> assertThat(lines.put(line.getBookingId(), line)).as("invoiced twice").isNull());
        }
        assertThat(currencies).contains("JPY", "EUR", "KWD");
        assertThat(lines.keySet()).isEqualTo(expected.keySet());
        lines.forEach((bookingId, line) -> {
            ExpectedBooking booking = expected.get(bookingId);
            assertThat(line.getExactQuantity()).as(bookingId).isEqualByComparingTo(booking.quantity());
            assertThat(line.getExactUnitPrice()).as(bookingId).isEqualByComparingTo(booking.unitPrice());
            assertThat(line.getExactAmount()).as(bookingId).isEqualByComparingTo(booking.amount());
            assertThat(line.getQuantity()).as(bookingId)
                    .isEqualByComparingTo(booking.quantity().setScale(4, RoundingMode.HALF_UP));
            assertThat(line.getAmount()).as(bookingId)
                    .isEqualByComparingTo(booking.amount().setScale(2, RoundingMode.HALF_UP));
            assertThat(line.getDescription()).as(bookingId).endsWith(" - " + booking.localDate());
            assertThat(line.getUnitOfMeasure()).as(bookingId).isEqualTo(booking.perHour() ? "HOUR" : ITEM_POSTING.get(0));
            assertThat(List.of(line.getGenProdPostingGroup(), line.getVatProdPostingGroup())).as(bookingId)
                    .isEqualTo(ITEM_POSTING.subList(1, 3));
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rowsInTheView("READY")).isEmpty());
    }

    @Test
    @Order(6)
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

    @Test
    @Order(7)
    void everyDraftInvoiceIsOnceInBusinessCentralWithItsCustomerItemsLinesAndTotal() {
        Map<String, DraftInvoiceCreated> byId = new HashMap<>();
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), Topics.INVOICES)) {
            reader.drain(Duration.ofSeconds(3)).forEach(v -> byId.putIfAbsent(((DraftInvoiceCreated) v).getInvoiceId(),
                    (DraftInvoiceCreated) v));
        }
        List<DraftInvoiceCreated> invoices = List.copyOf(byId.values());
        assertThat(invoices).isNotEmpty().allSatisfy(i -> assertThat(i.getCommandId()).isEqualTo("e2e-invoice-all"));
        Set<String> ids = invoices.stream().map(DraftInvoiceCreated::getInvoiceId).collect(Collectors.toSet());
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), Topics.BUSINESS_CENTRAL_EXPORTS)) {
            reader.awaitRaw(records -> records.stream().map(r -> r.key()).collect(Collectors.toSet()).containsAll(ids),
                    PATIENCE);
        }
        SimulatedCompany bc = businessCentral.simulator().company();
        Map<String, List<ObjectNode>> inBc = bc.salesInvoices().stream()
                .collect(Collectors.groupingBy(i -> i.get("externalDocumentNumber").asString()));
        assertThat(inBc.keySet()).isEqualTo(ids);
        Set<String> customers = bc.customers().stream().map(c -> c.get("number").asString()).collect(Collectors.toSet());
        Set<String> items = bc.items().stream().map(i -> i.get("number").asString()).collect(Collectors.toSet());
        for (DraftInvoiceCreated invoice : invoices) {
            assertThat(inBc.get(invoice.getInvoiceId())).as("Business Central invoices of %s", invoice.getInvoiceId())
                    .hasSize(1);
            ObjectNode bcInvoice = inBc.get(invoice.getInvoiceId()).get(0);
            assertThat(bcInvoice.get("customerNumber").asString()).isEqualTo(invoice.getCustomerNo());
            assertThat(bcInvoice.get("currencyCode").asString()).isEqualTo(invoice.getCurrency());
            assertThat(customers).contains(invoice.getCustomerNo());
            List<ObjectNode> lines = new ArrayList<>();
            bcInvoice.get("salesInvoiceLines").forEach(line -> lines.add((ObjectNode) line));
            assertThat(lines).hasSameSizeAs(invoice.getLines());
            int minorUnits = Currency.getInstance(invoice.getCurrency()).getDefaultFractionDigits();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < lines.size(); i++) {
                InvoiceLine sent = invoice.getLines().get(i);
                ObjectNode line = lines.get(i);
                assertThat(line.get("lineObjectNumber").asString()).isEqualTo(sent.getItemNo());
                assertThat(items).contains(sent.getItemNo());
                assertThat(line.get("description").asString()).isEqualTo(sent.getDescription());
                assertThat(line.get("description2").asString())
                        .isEqualTo(InvoiceExporter.bookingReference(sent.getBookingId()));
                assertThat(line.get("quantity").decimalValue()).isEqualByComparingTo(sent.getExactQuantity());
                assertThat(line.get("unitPrice").decimalValue()).isEqualByComparingTo(sent.getExactUnitPrice());
                // Business Central's own line amount: quantity x unit price, rounded to the currency's precision
                total = total.add(sent.getExactQuantity().multiply(sent.getExactUnitPrice())
                        .setScale(minorUnits, RoundingMode.HALF_UP));
            }
            assertThat(bcInvoice.get("totalAmountExcludingTax").decimalValue()).as(invoice.getInvoiceId())
                    .isEqualByComparingTo(total);
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

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }
}
