package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;

/**
 * Turns the bookings in a command's scope into draft invoices: per customer and currency, and per business or per
 * calendar month of the bookings' local dates when the command's {@link InvoiceGrouping} says so (a command that
 * names none takes {@code defaultGrouping}; Business Central's own rule, and the default, is one invoice per
 * customer, so one invoice may hold the bookings of several businesses, each line naming its business). The planner
 * is the one place that groups, so a preview shows exactly the grouping its command would make. One line per booking,
 * lines ordered by start then booking id, each dated with the booking's local date (the view's {@code localDate}),
 * cut into parts of at most {@code maxLinesPerInvoice} lines (each part a draft invoice of its own, so that every
 * DraftInvoiceCreated stays far below Kafka's 1 MB record limit whatever a customer has booked). Everything here is
 * deterministic (ids derived from the command id, customer, currency and part number, stable order) so that a
 * retried command produces the very same invoices. No line is ever below zero: a ready booking with a negative
 * amount (which the view's pricing never makes) is skipped rather than invoiced.
 *
 * <p>Each invoice carries what an ERP needs to post it: the customer's posting groups, and per line the item's
 * posting groups and the unit of the quantity: {@code hourUnitOfMeasure} for a booking billed per hour (its quantity
 * is hours, also when an operator gave its price), else the item's base unit of measure.
 */
public final class InvoicePlanner {

    /**
     * Lines per draft invoice unless configured (bookings.invoicing.max-lines-per-invoice): a 500-line
     * DraftInvoiceCreated encodes to about 195 kB with ids as Graph makes them, 545 kB with the longest, against the
     * broker's default 1 MB record limit (DraftInvoiceSizeTest).
     */
    public static final int DEFAULT_MAX_LINES_PER_INVOICE = 500;

    private static final Comparator<BookingRow> LINE_ORDER = Comparator.comparing(BookingRow::start)
            .thenComparing(BookingRow::id);

    /** Business Central's unit of measure code for hours, unless configured. */
    public static final String DEFAULT_HOUR_UNIT_OF_MEASURE = "HOUR";

    private final int maxLinesPerInvoice;
    private final InvoiceGrouping defaultGrouping;
    private final String hourUnitOfMeasure;

    public InvoicePlanner(int maxLinesPerInvoice, InvoiceGrouping defaultGrouping, String hourUnitOfMeasure) {
        if (maxLinesPerInvoice < 1) {
            throw new IllegalArgumentException("an invoice holds at least one line, not " + maxLinesPerInvoice);
        }
        this.maxLinesPerInvoice = maxLinesPerInvoice;
        this.defaultGrouping = defaultGrouping;
        this.hourUnitOfMeasure = hourUnitOfMeasure;
    }

    /** The grouping a command asks for, or the configured default when it asks for none (null). */
    public InvoiceGrouping grouping(InvoiceGrouping asked) {
        return asked == null ? defaultGrouping : asked;
    }

    /** The plan with the default grouping. */
    public InvoicePlan plan(String commandId, List<BookingRow> rowsInScope, List<SkippedBooking> alreadySkipped,
            Postings postings, Instant now) {
        return plan(commandId, null, rowsInScope, alreadySkipped, postings, now);
    }

    /**
     * The plan: READY rows are invoiced, grouped as {@code grouping} says (null: the default), the others skipped
     * with the reason a user can act on.
     */
    public InvoicePlan plan(String commandId, InvoiceGrouping grouping, List<BookingRow> rowsInScope,
            List<SkippedBooking> alreadySkipped, Postings postings, Instant now) {
        InvoiceGrouping groupedBy = grouping(grouping);
        Map<String, List<BookingRow>> byInvoice = new TreeMap<>();
        List<SkippedBooking> skipped = new ArrayList<>(alreadySkipped);
        for (BookingRow row : rowsInScope.stream().sorted(LINE_ORDER).toList()) {
            if (row.status() == BookingStatus.READY && (row.amount() == null || row.amount().signum() < 0)) {
                skipped.add(new SkippedBooking(row.id(), row.amount() == null ? "no amount: needs a price"
                        : "negative amount " + row.amount().toPlainString() + ": never invoiced below zero",
                        SkippedBooking.Kind.NOT_READY));
            } else if (row.status() == BookingStatus.READY) {
                String group = groupedBy.groupOf(row);
                byInvoice.computeIfAbsent(row.customerNo() + "\u0000" + row.currency()
                        + (group == null ? "" : "\u0000" + group), k -> new ArrayList<>()).add(row);
            } else {
                skipped.add(new SkippedBooking(row.id(), skipReason(row), SkippedBooking.Kind.NOT_READY));
            }
        }
        List<DraftInvoice> invoices = new ArrayList<>();
        for (List<BookingRow> invoiceRows : byInvoice.values()) {
            BookingRow first = invoiceRows.get(0);
            String group = groupedBy.groupOf(first);
            for (int from = 0, part = 1; from < invoiceRows.size(); from += maxLinesPerInvoice, part++) {
                List<InvoiceLine> lines = new ArrayList<>();
                int to = Math.min(invoiceRows.size(), from + maxLinesPerInvoice);
                for (BookingRow row : invoiceRows.subList(from, to)) {
                    lines.add(line(lines.size() + 1, row, postings.item(row.businessId(), row.serviceId())));
                }
                String id = invoiceId(commandId, first.customerNo(), first.currency(), groupedBy, group, part);
                invoices.add(new DraftInvoice(id, commandId, first.customerNo(), first.billToName(), first.currency(),
                        List.of(), null, now, postings.customer(first.customerNo())).withLines(lines));
            }
        }
        return new InvoicePlan(commandId, invoices, skipped, now);
    }

    /** The invoice line of one ready row (also what a correction compares an invoiced line with). */
    public InvoiceLine line(int lineNo, BookingRow row, ItemPosting item) {
        BookingRow dated = BookingRows.withLocalDate(row);
        String unit = BookingPriceType.of(row.priceType()) == BookingPriceType.hourly ? hourUnitOfMeasure
                : item.baseUnitOfMeasure();
        return new InvoiceLine(lineNo, row.id(), row.businessId(), row.itemNo(), description(dated), row.start(),
                LocalDate.parse(dated.localDate()), dated.timeZone(), row.quantity(), row.unitPrice(), row.amount(),
                unit, item.genProdPostingGroup(), item.vatProdPostingGroup());
    }

    /**
     * The plan without the bookings another command claimed first: their lines go, the remaining lines are
     * renumbered and totals recomputed, empty invoices are dropped. The same lost set gives the same result.
     */
    public InvoicePlan without(InvoicePlan plan, Map<String, SkippedBooking> lostBookings) {
        if (lostBookings.isEmpty()) {
            return plan;
        }
        List<DraftInvoice> invoices = new ArrayList<>();
        List<SkippedBooking> skipped = new ArrayList<>(plan.skipped());
        for (DraftInvoice invoice : plan.invoices()) {
            List<InvoiceLine> lines = new ArrayList<>();
            for (InvoiceLine line : invoice.lines()) {
                SkippedBooking lost = lostBookings.get(line.bookingId());
                if (lost != null) {
                    skipped.add(lost);
                } else {
                    lines.add(line.numbered(lines.size() + 1));
                }
            }
            if (!lines.isEmpty()) {
                invoices.add(invoice.withLines(lines));
            }
        }
        return new InvoicePlan(plan.id(), invoices, skipped, plan.createdAt());
    }

    /** The id of a customer's first (often only) draft of a command grouped per customer. */
    public static String invoiceId(String commandId, String customerNo, String currency) {
        return invoiceId(commandId, customerNo, currency, InvoiceGrouping.CUSTOMER, null, 1);
    }

    /**
     * "DI-" + the first 16 hex digits of SHA-256(commandId, customerNo, currency[, business or month][, part]): the
     * business when invoices are per business, the month (yyyy-MM) when per month. Part 1 hashes what ids hashed
     * before invoices were split, and a per-customer or per-business draft what it hashed before months, so those
     * keep the ids they always had.
     */
    public static String invoiceId(String commandId, String customerNo, String currency, InvoiceGrouping grouping,
            String group, int part) {
        String groupPart = switch (grouping) {
            case CUSTOMER -> "";
            case CUSTOMER_AND_BUSINESS -> "\nbusiness:" + group;
            case CUSTOMER_AND_MONTH -> "\nmonth:" + group;
        };
        String subject = commandId + "\n" + customerNo + "\n" + currency + groupPart + (part == 1 ? "" : "\n" + part);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "DI-" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** "service name - yyyy-MM-dd", with the booking's local date. */
    static String description(BookingRow row) {
        return row.serviceName() + " - " + BookingRows.withLocalDate(row).localDate();
    }

    static String skipReason(BookingRow row) {
        return switch (row.status()) {
            // an implausible price says why; the usual "needs a price (priceVaries)" needs no repeating
            case NEEDS_PRICE -> row.reason() == null || row.reason().startsWith("needs a price") ? "needs a price"
                    : "needs a price: " + row.reason();
            case UNMATCHED_CUSTOMER -> "customer not matched: " + row.reason();
            case UNMAPPED_SERVICE -> "service not mapped to an item: " + row.reason();
            case READY -> "ready";
        };
    }
}
