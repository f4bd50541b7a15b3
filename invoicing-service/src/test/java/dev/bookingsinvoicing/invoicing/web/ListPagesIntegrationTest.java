package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.InvoiceLine;
import dev.bookingsinvoicing.invoicing.command.SkippedBooking;

/**
 * The draft invoices page and the command history filtered and paged, over the real service and the MongoDB
 * wire-protocol server, signed in through the login form: given 64 drafts and 70 command results of two businesses,
 * several customers, currencies, kinds, outcomes, senders and days, each page shows exactly the rows the test itself
 * picks and orders from what it stored (newest first, then by id), page after page by the page's own "Next" links;
 * a user limited to the salon sees the salon's only and is refused another business.
 */
@InvoicingServiceTest
@TestPropertySource(properties = {
        "bookings.security.users[0].name=operator",
        "bookings.security.users[0].password={noop}operator",
        "bookings.security.users[0].roles=OPERATOR",
        "bookings.security.users[1].name=salon-ops",
        "bookings.security.users[1].password={noop}salon",
        "bookings.security.users[1].roles=OPERATOR",
        "bookings.security.users[1].businesses=salon" })
class ListPagesIntegrationTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final String[][] CUSTOMERS = { { "C00010", "Ann Smith" }, { "C00020", "Bob Jones" },
            { "C00030", "Cleo Hart" } };
    private static final String[] KINDS = { "InvoiceBookings", "MarkBookingsInvoiced", "AssociateCustomer",
            "SetBookingPrice", "DeleteDraftInvoice" };
    private static final List<DraftInvoice> INVOICES = new ArrayList<>();
    private static final List<CommandResult> RESULTS = new ArrayList<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-list-pages");
    }

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @BeforeEach
    void store() {
        if (!INVOICES.isEmpty()) {
            return;
        }
        for (int i = 0; i < 64; i++) {
            String[] customer = CUSTOMERS[i % 3];
            String business = i % 2 == 0 ? "salon" : "shop";
            // pairs of drafts created at the same instant, ids not in the order of creation
            Instant created = START.plus(Duration.ofHours((i / 2) * 9L));
            String id = String.format("DI-%03d", (i * 37) % 64);
            BigDecimal amount = new BigDecimal(10 + i).setScale(2);
            INVOICES.add(new DraftInvoice(id, "cmd-" + i, customer[0], customer[1], i % 5 == 0 ? "USD" : "EUR",
                    List.of(new InvoiceLine(1, business + "/a" + i + "/c", business, "I-CUT", "Haircut", created,
                            null, null, BigDecimal.ONE, amount, amount, "HOUR", null, null)),
                    amount, created, null));
        }
        for (int i = 0; i < 70; i++) {
            String kind = KINDS[i % KINDS.length];
            boolean rejected = i % 7 == 0;
            boolean preview = !rejected && kind.equals("InvoiceBookings") && i % 2 == 0;
            RESULTS.add(new CommandResult(String.format("R-%03d", (i * 31) % 70), kind,
                    rejected ? CommandResult.Outcome.REJECTED : CommandResult.Outcome.COMPLETED, List.of(), 0,
                    List.<SkippedBooking>of(), rejected ? "not allowed" : null,
                    START.plus(Duration.ofHours((i / 2) * 5L)), List.of(), i % 3 == 0 ? "anna" : "ops",
                    kind + " " + i, false, List.of(i % 2 == 0 ? "salon" : "shop"), preview, List.of(), List.of()));
        }
        mongo.insertAll(INVOICES);
        mongo.insertAll(RESULTS);
    }

    @Test
    void theDraftInvoicesPageFiltersAndPages() throws Exception {
        OperatorSession operator = OperatorSession.signIn(url(), "operator", "operator");

        // everything, 25 a page: three pages, by the page's own links
        assertThat(pages(operator, "/draft-invoices?size=25", "data-invoice-id"))
                .isEqualTo(chunks(invoices(i -> true), 25));
        assertThat(operator.get("/draft-invoices")).contains("64 draft invoices, newest first.");

        // a customer by a part of the name, in one currency
        assertThat(pages(operator, "/draft-invoices?customer=bob&currency=eur&size=25", "data-invoice-id"))
                .isEqualTo(chunks(invoices(i -> i.customerNo().equals("C00020") && i.currency().equals("EUR")), 25));

        // one business, created within some days (UTC, both included)
        LocalDate from = LocalDate.of(2026, 3, 4);
        LocalDate to = LocalDate.of(2026, 3, 10);
        List<List<String>> shopThatWeek = chunks(invoices(i -> i.lines().get(0).businessId().equals("shop")
                && within(i.createdAt(), from, to)), 25);
        assertThat(pages(operator, "/draft-invoices?businessId=shop&from=" + from + "&to=" + to + "&size=25",
                "data-invoice-id")).isEqualTo(shopThatWeek).isNotEmpty();
        assertThat(operator.get("/draft-invoices?businessId=shop&from=" + from + "&to=" + to))
                .contains(shopThatWeek.stream().mapToInt(List::size).sum() + " draft invoices match the filter");

        // a user of the salon sees the salon's drafts only, and may not ask for the shop's
        OperatorSession salon = OperatorSession.signIn(url(), "salon-ops", "salon");
        assertThat(pages(salon, "/draft-invoices?customer=C00010&size=25", "data-invoice-id")).isEqualTo(chunks(
                invoices(i -> i.customerNo().equals("C00010") && i.lines().get(0).businessId().equals("salon")), 25));
        assertThat(salon.status("/draft-invoices?businessId=shop")).isEqualTo(403);
    }

    @Test
    void theCommandHistoryFiltersAndPages() throws Exception {
        OperatorSession operator = OperatorSession.signIn(url(), "operator", "operator");

        assertThat(pages(operator, "/commands?size=25", "data-command-id")).isEqualTo(chunks(results(r -> true), 25));

        // invoicing done for real (not a preview, not rejected)
        List<List<String>> invoiced = chunks(results(r -> r.commandType().equals("InvoiceBookings")
                && r.outcome() == CommandResult.Outcome.COMPLETED && !r.preview()), 25);
        assertThat(pages(operator, "/commands?kind=InvoiceBookings&outcome=done&size=25", "data-command-id"))
                .isEqualTo(invoiced).isNotEmpty();
        String page = operator.get("/commands?kind=InvoiceBookings&outcome=done");
        assertThat(OperatorSession.all(page, "<td>(Invoice bookings|Mark as invoiced|Set price)</td>"))
                .containsOnly("Invoice bookings");
        assertThat(OperatorSession.all(page, "class=\"badge[^\"]*\">([^<]+)<")).containsOnly("Done");

        // rejected, and what one person asked within some days
        assertThat(pages(operator, "/commands?outcome=rejected&size=25", "data-command-id"))
                .isEqualTo(chunks(results(r -> r.outcome() == CommandResult.Outcome.REJECTED), 25));
        LocalDate from = LocalDate.of(2026, 3, 2);
        LocalDate to = LocalDate.of(2026, 3, 5);
        assertThat(pages(operator, "/commands?issuedBy=anna&from=" + from + "&to=" + to + "&size=25",
                "data-command-id")).isEqualTo(chunks(results(r -> r.issuedBy().equals("anna")
                        && within(r.occurredAt(), from, to)), 25)).isNotEmpty();

        // a user of the salon: the results that name the salon only
        OperatorSession salon = OperatorSession.signIn(url(), "salon-ops", "salon");
        assertThat(pages(salon, "/commands?size=25", "data-command-id"))
                .isEqualTo(chunks(results(r -> r.businessIds().equals(List.of("salon"))), 25));
    }

    /** The rows of every page, from the first by the page's "Next" link until there is none. */
    private static List<List<String>> pages(OperatorSession session, String first, String rowAttribute)
            throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String path = first;
        while (path != null) {
            String html = session.get(path);
            pages.add(OperatorSession.all(html, rowAttribute + "=\"([^\"]+)\""));
            List<String> next = OperatorSession.all(html, "<a href=\"([^\"]+)\" rel=\"next\"");
            path = next.isEmpty() ? null : next.get(0).replace("&amp;", "&");
        }
        return pages.size() == 1 && pages.get(0).isEmpty() ? List.of() : pages;
    }

    private static List<String> invoices(Predicate<DraftInvoice> matching) {
        return newestFirst(INVOICES, matching, DraftInvoice::createdAt, DraftInvoice::id);
    }

    private static List<String> results(Predicate<CommandResult> matching) {
        return newestFirst(RESULTS, matching, CommandResult::occurredAt, CommandResult::id);
    }

    private static <T> List<String> newestFirst(List<T> all, Predicate<T> matching, Function<T, Instant> time,
            Function<T, String> id) {
        return all.stream().filter(matching)
                .sorted(Comparator.comparing(time, Comparator.reverseOrder()).thenComparing(id)).map(id).toList();
    }

    private static List<List<String>> chunks(List<String> ids, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + size)));
        }
        return chunks;
    }

    private static boolean within(Instant instant, LocalDate from, LocalDate to) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private String url() {
        return "http://localhost:" + port;
    }
}
