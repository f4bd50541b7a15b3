package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;

/**
 * Formatting for the templates ({@code ${@formats.money(...)}}): a booking's time in its own time zone (its date is
 * the row's local date), other times in UTC, money with two decimals.
 */
@Component("formats")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** The booking's start in the appointment's own time zone: its local date and time, e.g. "2026-03-02 17:00". */
    public String localDateTime(BookingRow row) {
        if (row.start() == null) {
            return "";
        }
        return LOCAL_DATE_TIME.format(row.start().atZone(BookingRows.zoneOf(row.timeZone())));
    }

    /** The zone the booking's date and time are in, as an IANA id ("America/Los_Angeles"). */
    public String zone(BookingRow row) {
        ZoneId zone = BookingRows.zoneOf(row.timeZone());
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /**
     * An amount or unit price in its currency: with the currency's minor units (1,500 JPY, 12.50 EUR, 12.345 KWD), or
     * the more decimals a unit price was given (12.345 EUR); never rounded here (the pricing rounded amounts once).
     */
    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        int decimals = Math.max(Pricing.minorUnits(currency), amount.stripTrailingZeros().scale());
        DecimalFormat format = new DecimalFormat(decimals <= 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(amount);
    }

    public String quantity(BigDecimal quantity) {
        return quantity == null ? "" : quantity.stripTrailingZeros().toPlainString();
    }

    public String duration(long minutes) {
        long h = minutes / 60;
        long m = minutes % 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    public String status(BookingStatus status) {
        return status == null ? "" : BookingFilter.label(status);
    }

    public String statusClass(BookingStatus status) {
        return status == null ? "" : BookingFilter.cssClass(status);
    }

    /** Accessible name of a row's checkbox: who, what, when. */
    public String selectLabel(BookingRow row) {
        return "Select " + row.customerName() + ", " + row.serviceName() + ", " + localDateTime(row) + " "
                + zone(row);
    }

    /** "1 booking", "3 bookings". */
    public String plural(long n, String noun) {
        return count(n) + " " + (n == 1 ? noun : noun + "s");
    }

    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
