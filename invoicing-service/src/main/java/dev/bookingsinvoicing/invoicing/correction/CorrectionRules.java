package dev.bookingsinvoicing.invoicing.correction;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import dev.bookingsinvoicing.invoicing.command.InvoiceLine;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;

/**
 * The rules of corrections, pure: which change of an invoiced booking is a correction, and the ids that make
 * corrections and credit notes happen once. The line "now" is made by the planner's own {@code line} from the view's
 * classified row, so it is priced by the same rules that priced the invoiced line; here it is only compared.
 */
public final class CorrectionRules {

    private CorrectionRules() {
    }

    /** An invoice line as a correction keeps it, billed to {@code customerNo}. */
    public static CorrectionLine lineOf(InvoiceLine line, String customerNo) {
        return new CorrectionLine(line.lineNo(), customerNo, line.businessId(), line.itemNo(), line.description(),
                line.serviceDate(), line.serviceLocalDate() == null ? null : line.serviceLocalDate().toString(),
                line.timeZone(), line.quantity(), line.unitPrice(), line.amount(), line.unitOfMeasure(),
                line.genProdPostingGroup(), line.vatProdPostingGroup());
    }

    /**
     * Whether the line now differs from the invoiced one in what the invoice says: customer, item, description
     * (service and date), service date, quantity, unit price or amount. Posting groups and units follow the
     * templates, not the booking, and are not compared. Decimals compare by value (10.00 = 10.0).
     */
    public static boolean differs(CorrectionLine invoiced, CorrectionLine now) {
        return !Objects.equals(invoiced.customerNo(), now.customerNo())
                || !Objects.equals(invoiced.itemNo(), now.itemNo())
                || !Objects.equals(invoiced.description(), now.description())
                || !Objects.equals(invoiced.serviceDate(), now.serviceDate())
                || !sameNumber(invoiced.quantity(), now.quantity())
                || !sameNumber(invoiced.unitPrice(), now.unitPrice())
                || !sameNumber(invoiced.amount(), now.amount());
    }

    /** Why a booking could not be invoiced as it is now; null when it could. */
    public static String reasonNow(BookingRow row) {
        return row == null || row.status() == BookingStatus.READY ? null : row.status() + ": " + row.reason();
    }

    /**
     * "CO-" + a name-based UUID of the invoice, the booking, the event's time and the line now ("cancelled" when
     * cancelled): a re-delivered appointment event gives the same id, a newer change a new one.
     */
    public static String correctionId(String invoiceId, String bookingId, Instant occurredAt, CorrectionLine now) {
        String state = now == null ? "cancelled" : String.join("|", String.valueOf(now.customerNo()),
                String.valueOf(now.itemNo()), now.description(), String.valueOf(now.serviceDate()),
                plain(now.quantity()), plain(now.unitPrice()), plain(now.amount()));
        return "CO-" + UUID.nameUUIDFromBytes(String.join("\n", invoiceId, bookingId, String.valueOf(occurredAt), state)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * "CN-" + the first 16 hex digits of SHA-256(invoice id, booking id): one per invoiced line, so that however many
     * corrections of one line are credited, by whatever commands, the line is credited at most once.
     */
    public static String creditNoteId(String invoiceId, String bookingId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("credit\n" + invoiceId + "\n" + bookingId).getBytes(StandardCharsets.UTF_8));
            return "CN-" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }
}
