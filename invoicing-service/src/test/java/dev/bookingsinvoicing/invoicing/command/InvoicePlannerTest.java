package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;

class InvoicePlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-31T18:00:00Z");

    private final InvoicePlanner planner = new InvoicePlanner(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE,
            InvoiceGrouping.CUSTOMER, "HOUR");

    @Test
    void oneInvoicePerCustomerWithOneLinePerBookingOrderedByStartThenId() {
        List<BookingRow> rows = List.of(
                row("b1/a2/c1", "C00010", "2026-03-03T09:00:00Z", "10.00", BookingStatus.READY),
                row("b1/a1/c2", "C00020", "2026-03-02T09:00:00Z", "20.00", BookingStatus.READY),
                row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "15.00", BookingStatus.READY),
                row("b1/a0/c1", "C00010", "2026-03-03T09:00:00Z", "5.00", BookingStatus.READY));

        InvoicePlan plan = planner.plan("cmd-1", rows, List.of(), Postings.NONE, NOW);

        assertThat(plan.invoices()).extracting(DraftInvoice::customerNo).containsExactly("C00010", "C00020");
        DraftInvoice first = plan.invoices().get(0);
        assertThat(first.lines()).extracting(InvoiceLine::bookingId)
                .containsExactly("b1/a1/c1", "b1/a0/c1", "b1/a2/c1");
        assertThat(first.lines()).extracting(InvoiceLine::lineNo).containsExactly(1, 2, 3);
        assertThat(first.totalAmount()).isEqualTo(new BigDecimal("30.00"));
        assertThat(first.lines().get(0).description()).isEqualTo("Haircut - 2026-03-02");
        assertThat(first.id()).isEqualTo(InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR")).startsWith("DI-")
                .hasSize(19);
    }

    @Test
    void invoicesCarryTheCustomersPostingGroupsAndLinesTheirUnitAndTheItemsPostingGroups() {
        BookingRow fixed = row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "10.00", BookingStatus.READY);
        BookingRow hourly = withType(row("b2/a2/c1", "C00010", "2026-03-02T10:00:00Z", "100.00", BookingStatus.READY),
                "hourly");
        Postings postings = new Postings(Map.of("C00010", new CustomerPosting("DOMESTIC", "DOMESTIC", "VAT25")),
                Map.of("b1/s1", new ItemPosting("PCS", "SERVICES", "VAT25"),
                        "b2/s1", new ItemPosting("SESSION", "SERVICES", "VAT10")));

        DraftInvoice invoice = planner.plan("cmd-1", List.of(fixed, hourly), List.of(), postings, NOW).invoices()
                .get(0);

        assertThat(invoice.customerPosting()).isEqualTo(new CustomerPosting("DOMESTIC", "DOMESTIC", "VAT25"));
        assertThat(invoice.businessIds()).containsExactly("b1", "b2");
        // a booking billed per hour is in hours whatever the item's unit; the others in the item's unit
        assertThat(invoice.lines()).extracting(InvoiceLine::unitOfMeasure).containsExactly("PCS", "HOUR");
        assertThat(invoice.lines()).extracting(InvoiceLine::vatProdPostingGroup).containsExactly("VAT25", "VAT10");
        assertThat(invoice.lines()).extracting(InvoiceLine::genProdPostingGroup).containsOnly("SERVICES");
    }

    @Test
    void oneInvoiceHoldsEveryBusinessOfACustomerUnlessInvoicesArePerBusiness() {
        List<BookingRow> rows = List.of(
                row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "10.00", BookingStatus.READY),
                row("b2/a2/c1", "C00010", "2026-03-03T09:00:00Z", "15.00", BookingStatus.READY),
                row("b1/a3/c1", "C00010", "2026-03-04T09:00:00Z", "20.00", BookingStatus.READY));

        InvoicePlan together = planner.plan("cmd-1", rows, List.of(), Postings.NONE, NOW);
        InvoicePlan apart = new InvoicePlanner(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE,
                InvoiceGrouping.CUSTOMER_AND_BUSINESS, "HOUR")
                .plan("cmd-1", rows, List.of(), Postings.NONE, NOW);

        assertThat(together.invoices()).singleElement().satisfies(i -> {
            assertThat(i.businessIds()).containsExactly("b1", "b2");
            assertThat(i.totalAmount()).isEqualTo(new BigDecimal("45.00"));
        });
        assertThat(apart.invoices()).extracting(DraftInvoice::businessIds)
                .containsExactly(List.of("b1"), List.of("b2"));
        assertThat(apart.invoices()).extracting(DraftInvoice::totalAmount)
                .containsExactly(new BigDecimal("30.00"), new BigDecimal("15.00"));
        assertThat(apart.invoices()).extracting(DraftInvoice::id).doesNotHaveDuplicates()
                .doesNotContain(together.invoices().get(0).id());
    }

    @Test
    void theSameBookingsGroupedPerCustomerPerBusinessAndPerMonthOfTheirLocalDates() {
        // Ann: salon 30 Jan, spa 31 Jan 21:00 in Los Angeles (1 Feb 05:00 UTC: January there), salon 2 Feb;
        // Bob: salon 3 Feb
        List<BookingRow> rows = List.of(
                row("salon/a1/c1", "C00010", "2026-01-30T09:00:00Z", "10.00", BookingStatus.READY),
                dated(row("spa/a2/c1", "C00010", "2026-02-01T05:00:00Z", "20.00", BookingStatus.READY),
                        "America/Los_Angeles", "2026-01-31"),
                row("salon/a3/c1", "C00010", "2026-02-02T09:00:00Z", "40.00", BookingStatus.READY),
                row("salon/a4/c2", "C00020", "2026-02-03T09:00:00Z", "80.00", BookingStatus.READY));

        InvoicePlan perCustomer = planner.plan("cmd-1", InvoiceGrouping.CUSTOMER, rows, List.of(), Postings.NONE,
                NOW);
        InvoicePlan perBusiness = planner.plan("cmd-1", InvoiceGrouping.CUSTOMER_AND_BUSINESS, rows, List.of(),
                Postings.NONE, NOW);
        InvoicePlan perMonth = planner.plan("cmd-1", InvoiceGrouping.CUSTOMER_AND_MONTH, rows, List.of(),
                Postings.NONE, NOW);

        assertThat(perCustomer.invoices()).extracting(DraftInvoice::customerNo, InvoicePlannerTest::bookings,
                DraftInvoice::totalAmount)
                .containsExactly(tuple("C00010", List.of("salon/a1/c1", "spa/a2/c1", "salon/a3/c1"), "70.00"),
                        tuple("C00020", List.of("salon/a4/c2"), "80.00"));
        assertThat(perBusiness.invoices()).extracting(DraftInvoice::customerNo, InvoicePlannerTest::bookings,
                DraftInvoice::totalAmount)
                .containsExactly(tuple("C00010", List.of("salon/a1/c1", "salon/a3/c1"), "50.00"),
                        tuple("C00010", List.of("spa/a2/c1"), "20.00"),
                        tuple("C00020", List.of("salon/a4/c2"), "80.00"));
        assertThat(perMonth.invoices()).extracting(DraftInvoice::customerNo, InvoicePlannerTest::bookings,
                DraftInvoice::totalAmount)
                .containsExactly(tuple("C00010", List.of("salon/a1/c1", "spa/a2/c1"), "30.00"),
                        tuple("C00010", List.of("salon/a3/c1"), "40.00"),
                        tuple("C00020", List.of("salon/a4/c2"), "80.00"));

        // per customer (and per business) the ids are what they were before groupings; each grouping its own ids
        assertThat(perCustomer.invoices().get(0).id()).isEqualTo(InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR"));
        assertThat(perMonth.invoices()).extracting(DraftInvoice::id).containsExactly(
                InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR", InvoiceGrouping.CUSTOMER_AND_MONTH, "2026-01", 1),
                InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR", InvoiceGrouping.CUSTOMER_AND_MONTH, "2026-02", 1),
                InvoicePlanner.invoiceId("cmd-1", "C00020", "EUR", InvoiceGrouping.CUSTOMER_AND_MONTH, "2026-02", 1));
        assertThat(perMonth.invoices()).extracting(DraftInvoice::id).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(perCustomer.invoices().stream().map(DraftInvoice::id).toList())
                .doesNotContainAnyElementsOf(perBusiness.invoices().stream().map(DraftInvoice::id).toList());
        // planned again (a re-delivery, a retry): the very same invoices
        assertThat(planner.plan("cmd-1", InvoiceGrouping.CUSTOMER_AND_MONTH, rows, List.of(), Postings.NONE, NOW))
                .isEqualTo(perMonth);
    }

    @Test
    void aCommandWithoutGroupingTakesTheConfiguredDefault() {
        InvoicePlanner perMonthByDefault = new InvoicePlanner(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE,
                InvoiceGrouping.CUSTOMER_AND_MONTH, "HOUR");
        List<BookingRow> rows = List.of(
                row("salon/a1/c1", "C00010", "2026-01-30T09:00:00Z", "10.00", BookingStatus.READY),
                row("salon/a3/c1", "C00010", "2026-02-02T09:00:00Z", "40.00", BookingStatus.READY));

        assertThat(perMonthByDefault.plan("cmd-1", null, rows, List.of(), Postings.NONE, NOW).invoices()).hasSize(2);
        assertThat(perMonthByDefault.plan("cmd-1", InvoiceGrouping.CUSTOMER, rows, List.of(), Postings.NONE, NOW)
                .invoices()).hasSize(1);
        assertThat(planner.plan("cmd-1", null, rows, List.of(), Postings.NONE, NOW).invoices()).hasSize(1);
    }

    private static List<String> bookings(DraftInvoice invoice) {
        return invoice.lines().stream().map(InvoiceLine::bookingId).toList();
    }

    private static org.assertj.core.groups.Tuple tuple(String customerNo, List<String> bookings, String total) {
        return org.assertj.core.groups.Tuple.tuple(customerNo, bookings, new BigDecimal(total));
    }

    @Test
    void invoiceIdsAreDeterministicAndDifferPerCommandCustomerAndCurrency() {
        assertThat(InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR"))
                .isEqualTo(InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR"))
                .isNotEqualTo(InvoicePlanner.invoiceId("cmd-2", "C00010", "EUR"))
                .isNotEqualTo(InvoicePlanner.invoiceId("cmd-1", "C00020", "EUR"))
                .isNotEqualTo(InvoicePlanner.invoiceId("cmd-1", "C00010", "USD"));
    }

    @Test
    void aCustomerWithMoreLinesThanAnInvoiceHoldsGetsSeveralDraftsOfConsecutiveLines() {
        // 7 bookings, 3 lines per draft: drafts of 3, 3 and 1, lines in start order across the parts
        List<BookingRow> rows = new java.util.ArrayList<>();
        for (int i = 7; i >= 1; i--) {
            rows.add(row("b1/a" + i + "/c1", "C00010", "2026-03-0" + i + "T09:00:00Z", "10.00", BookingStatus.READY));
        }
        rows.add(row("b1/a1/c2", "C00020", "2026-03-01T09:00:00Z", "20.00", BookingStatus.READY));

        InvoicePlan plan = new InvoicePlanner(3, InvoiceGrouping.CUSTOMER, "HOUR").plan("cmd-1", rows, List.of(),
                Postings.NONE, NOW);

        assertThat(plan.invoices()).extracting(DraftInvoice::customerNo)
                .containsExactly("C00010", "C00010", "C00010", "C00020");
        assertThat(plan.invoices()).extracting(i -> i.lines().size()).containsExactly(3, 3, 1, 1);
        assertThat(plan.invoices().subList(0, 3)).flatExtracting(DraftInvoice::lines)
                .extracting(InvoiceLine::bookingId)
                .containsExactly("b1/a1/c1", "b1/a2/c1", "b1/a3/c1", "b1/a4/c1", "b1/a5/c1", "b1/a6/c1", "b1/a7/c1");
        assertThat(plan.invoices().get(1).lines()).extracting(InvoiceLine::lineNo).containsExactly(1, 2, 3);
        assertThat(plan.invoices()).extracting(DraftInvoice::totalAmount).containsExactly(new BigDecimal("30.00"),
                new BigDecimal("30.00"), new BigDecimal("10.00"), new BigDecimal("20.00"));
        // ids: part 1 keeps the id of an unsplit draft; every part differs; a retry derives the same ids
        assertThat(plan.invoices()).extracting(DraftInvoice::id).doesNotHaveDuplicates().containsExactly(
                InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR"),
                InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR", InvoiceGrouping.CUSTOMER, null, 2),
                InvoicePlanner.invoiceId("cmd-1", "C00010", "EUR", InvoiceGrouping.CUSTOMER, null, 3),
                InvoicePlanner.invoiceId("cmd-1", "C00020", "EUR"));
        List<BookingRow> shuffled = new java.util.ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(new InvoicePlanner(3, InvoiceGrouping.CUSTOMER, "HOUR").plan("cmd-1", shuffled, List.of(),
                Postings.NONE, NOW))
                .isEqualTo(plan);
    }

    @Test
    void anInvoiceHoldsAtLeastOneLine() {
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> new InvoicePlanner(0, InvoiceGrouping.CUSTOMER, "HOUR"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCustomerBilledInTwoCurrenciesGetsTwoInvoices() {
        BookingRow usd = withCurrency(row("b2/a1/c1", "C00010", "2026-03-02T09:00:00Z", "10.00",
                BookingStatus.READY), "USD");
        InvoicePlan plan = planner.plan("cmd-1", List.of(usd,
                row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "10.00", BookingStatus.READY)), List.of(),
                Postings.NONE, NOW);

        assertThat(plan.invoices()).extracting(DraftInvoice::currency).containsExactly("EUR", "USD");
    }

    @Test
    void unreadyBookingsAreSkippedWithAReasonAUserCanActOn() {
        InvoicePlan plan = planner.plan("cmd-1", List.of(
                row("b1/a1/c1", null, "2026-03-02T09:00:00Z", null, BookingStatus.NEEDS_PRICE),
                row("b1/a2/c9", null, "2026-03-02T10:00:00Z", null, BookingStatus.UNMATCHED_CUSTOMER)),
                List.of(SkippedBooking.notFound("b1/x/y")), Postings.NONE, NOW);

        assertThat(plan.invoices()).isEmpty();
        assertThat(plan.skipped()).containsExactly(SkippedBooking.notFound("b1/x/y"),
                notReady("b1/a1/c1", "needs a price"),
                notReady("b1/a2/c9", "customer not matched: customer not registered yet"));
    }

    @Test
    void bookingsClaimedByAnotherCommandLeaveThePlanWhichIsRenumberedAndRetotalled() {
        InvoicePlan plan = planner.plan("cmd-1", List.of(
                row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "10.00", BookingStatus.READY),
                row("b1/a2/c1", "C00010", "2026-03-03T09:00:00Z", "15.00", BookingStatus.READY),
                row("b1/a3/c2", "C00020", "2026-03-03T09:00:00Z", "15.00", BookingStatus.READY)), List.of(),
                Postings.NONE, NOW);

        InvoicePlan after = planner.without(plan, Map.of(
                "b1/a1/c1", SkippedBooking.claimed(new BookingClaim("b1/a1/c1", "cmd-x", "DI-x", NOW)),
                "b1/a3/c2", SkippedBooking.claimed(new BookingClaim("b1/a3/c2", "cmd-y", "DI-y", NOW))));

        assertThat(after.invoices()).hasSize(1);
        assertThat(after.invoices().get(0).lines()).extracting(InvoiceLine::lineNo, InvoiceLine::bookingId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "b1/a2/c1"));
        assertThat(after.invoices().get(0).totalAmount()).isEqualTo(new BigDecimal("15.00"));
        assertThat(after.invoices().get(0).id()).isEqualTo(plan.invoices().get(0).id());
        assertThat(after.skipped()).extracting(SkippedBooking::reason)
                .containsExactlyInAnyOrder("already invoiced on DI-x", "already invoiced on DI-y");
    }

    @Test
    void theLineIsDatedWithTheRowsLocalDateNotTheUtcDayOfItsStart() {
        // 23:30 UTC on 2 March is 00:30 on 3 March in Berlin (CET, UTC+1)
        BookingRow inBerlin = dated(row("b1/a1/c1", "C00010", "2026-03-02T23:30:00Z", "10.00", BookingStatus.READY),
                "Europe/Berlin", "2026-03-03");

        InvoiceLine line = planner.plan("cmd-1", List.of(inBerlin), List.of(), Postings.NONE, NOW).invoices().get(0)
                .lines().get(0);

        assertThat(line.description()).isEqualTo("Haircut - 2026-03-03");
        assertThat(line.serviceLocalDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(line.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(line.serviceDate()).isEqualTo(Instant.parse("2026-03-02T23:30:00Z"));
    }

    @Test
    void aRowStoredBeforeTheViewKeptLocalDatesIsDatedInItsZoneAllTheSame() {
        BookingRow old = dated(row("b1/a1/c1", "C00010", "2026-03-02T23:30:00Z", "10.00", BookingStatus.READY),
                "W. Europe Standard Time", null);

        InvoiceLine line = planner.plan("cmd-1", List.of(old), List.of(), Postings.NONE, NOW).invoices().get(0).lines()
                .get(0);

        assertThat(line.description()).isEqualTo("Haircut - 2026-03-03");
        assertThat(line.serviceLocalDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(line.timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void neverInvoicesANegativeAmount() {
        BookingRow negative = row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", "-10.00", BookingStatus.READY);
        BookingRow fine = row("b1/a2/c1", "C00010", "2026-03-03T09:00:00Z", "15.00", BookingStatus.READY);

        InvoicePlan plan = planner.plan("cmd-1", List.of(negative, fine), List.of(), Postings.NONE, NOW);

        assertThat(plan.invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice.lines()).extracting(InvoiceLine::bookingId).containsExactly("b1/a2/c1");
            assertThat(invoice.totalAmount()).isEqualTo(new BigDecimal("15.00"));
        });
        assertThat(plan.invoices()).flatExtracting(DraftInvoice::lines).extracting(InvoiceLine::amount)
                .allSatisfy(amount -> assertThat(amount).isNotNegative());
        assertThat(plan.skipped()).containsExactly(
                notReady("b1/a1/c1", "negative amount -10.00: never invoiced below zero"));
    }

    @Test
    void anImplausiblePriceIsSkippedWithItsReasonAndTheUsualNeedsPriceReasonIsNotRepeated() {
        BookingRow negative = withReason(row("b1/a1/c1", "C00010", "2026-03-02T09:00:00Z", null,
                BookingStatus.NEEDS_PRICE), "negative price -10.00 in Bookings");
        BookingRow zero = withReason(row("b1/a2/c1", "C00010", "2026-03-02T10:00:00Z", null,
                BookingStatus.NEEDS_PRICE), "hourly booking of 0 minutes");
        BookingRow varies = row("b1/a3/c1", "C00010", "2026-03-02T11:00:00Z", null, BookingStatus.NEEDS_PRICE);

        InvoicePlan plan = planner.plan("cmd-1", List.of(negative, zero, varies), List.of(), Postings.NONE, NOW);

        assertThat(plan.invoices()).isEmpty();
        assertThat(plan.skipped()).containsExactly(
                notReady("b1/a1/c1", "needs a price: negative price -10.00 in Bookings"),
                notReady("b1/a2/c1", "needs a price: hourly booking of 0 minutes"),
                notReady("b1/a3/c1", "needs a price"));
    }

    private static SkippedBooking notReady(String bookingId, String reason) {
        return new SkippedBooking(bookingId, reason, SkippedBooking.Kind.NOT_READY);
    }

    /** A row of a UTC appointment: its local date is the date part of its start. */
    private static BookingRow row(String id, String customerNo, String start, String amount, BookingStatus status) {
        String[] parts = id.split("/");
        Instant s = Instant.parse(start);
        BigDecimal a = amount == null ? null : new BigDecimal(amount);
        return new BookingRow(id, parts[0], parts[1], parts[2], s, s.plusSeconds(1800), 30, "UTC",
                start.substring(0, 10), "s1", "Haircut",
                "I-CUT", "Attendee", "a@example.com", customerNo, customerNo == null ? null : "Customer " + customerNo,
                "fixedPrice", a, "EUR", a == null ? null : new BigDecimal("1.0000"), a, a, "r1", status,
                status == BookingStatus.READY ? null
                        : status == BookingStatus.NEEDS_PRICE ? "needs a price (priceVaries)"
                                : "customer not registered yet");
    }

    private static BookingRow withType(BookingRow r, String priceType) {
        return new BookingRow(r.id(), r.businessId(), r.appointmentId(), r.bookingsCustomerId(), r.start(), r.end(),
                r.durationMinutes(), r.timeZone(), r.localDate(), r.serviceId(), r.serviceName(), r.itemNo(),
                r.customerName(), r.customerEmail(), r.customerNo(), r.billToName(), priceType, r.price(),
                r.currency(), r.quantity(), r.unitPrice(), r.amount(), r.revision(), r.status(), r.reason());
    }

    private static BookingRow withCurrency(BookingRow r, String currency) {
        return new BookingRow(r.id(), r.businessId(), r.appointmentId(), r.bookingsCustomerId(), r.start(), r.end(),
                r.durationMinutes(), r.timeZone(), r.localDate(), r.serviceId(), r.serviceName(), r.itemNo(),
                r.customerName(), r.customerEmail(), r.customerNo(), r.billToName(), r.priceType(), r.price(),
                currency, r.quantity(), r.unitPrice(), r.amount(), r.revision(), r.status(), r.reason());
    }

    private static BookingRow dated(BookingRow r, String timeZone, String localDate) {
        return new BookingRow(r.id(), r.businessId(), r.appointmentId(), r.bookingsCustomerId(), r.start(), r.end(),
                r.durationMinutes(), timeZone, localDate, r.serviceId(), r.serviceName(), r.itemNo(),
                r.customerName(), r.customerEmail(), r.customerNo(), r.billToName(), r.priceType(), r.price(),
                r.currency(), r.quantity(), r.unitPrice(), r.amount(), r.revision(), r.status(), r.reason());
    }

    private static BookingRow withReason(BookingRow r, String reason) {
        return new BookingRow(r.id(), r.businessId(), r.appointmentId(), r.bookingsCustomerId(), r.start(), r.end(),
                r.durationMinutes(), r.timeZone(), r.localDate(), r.serviceId(), r.serviceName(), r.itemNo(),
                r.customerName(), r.customerEmail(), r.customerNo(), r.billToName(), r.priceType(), r.price(),
                r.currency(), r.quantity(), r.unitPrice(), r.amount(), r.revision(), r.status(), reason);
    }
}
