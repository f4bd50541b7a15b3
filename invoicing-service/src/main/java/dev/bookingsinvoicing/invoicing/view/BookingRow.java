package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One row of "Bookings Not Invoiced": one attendee of one completed appointment ({@code _id} = Keys.booking).
 * The invoiced quantity, unit price and amount are set only when the status is READY. {@code localDate} is THE date
 * of the booking, ISO-8601 ("2026-03-02"): its start in {@code timeZone}, the IANA id of the appointment's zone (see
 * {@link BookingRows}). It is text on purpose: Spring Data would store a {@code LocalDate} as the instant
 * of its midnight in the server's zone, while text sorts and compares like the date (the filters' ranges) and means
 * the same to every reader, in any zone and any language.
 *
 * <p>The indexes are what a real MongoDB needs for the queries of this service; the embedded server accepts
 * and ignores them (it indexes {@code _id} only).
 */
@Document(BookingRow.COLLECTION)
@CompoundIndex(name = "by_customer", def = "{'businessId': 1, 'bookingsCustomerId': 1}")
@CompoundIndex(name = "by_service", def = "{'businessId': 1, 'serviceId': 1}")
@CompoundIndex(name = "by_appointment", def = "{'businessId': 1, 'appointmentId': 1}")
@CompoundIndex(name = "by_status_start", def = "{'status': 1, 'start': 1, '_id': 1}")
@CompoundIndex(name = "by_customer_no_start", def = "{'customerNo': 1, 'start': 1, '_id': 1}")
@CompoundIndex(name = "by_start", def = "{'start': 1, '_id': 1}")
@CompoundIndex(name = "by_local_date", def = "{'localDate': 1, 'start': 1, '_id': 1}")
@CompoundIndex(name = "by_status_local_date", def = "{'status': 1, 'localDate': 1, 'start': 1, '_id': 1}")
public record BookingRow(@Id String id, String businessId, String appointmentId, String bookingsCustomerId,
        Instant start, Instant end, long durationMinutes, String timeZone, String localDate, String serviceId,
        String serviceName, String itemNo, String customerName, String customerEmail, String customerNo,
        String billToName, String priceType, BigDecimal price, String currency, BigDecimal quantity,
        BigDecimal unitPrice, BigDecimal amount, String revision, BookingStatus status, String reason) {

    public static final String COLLECTION = "bookings_not_invoiced";
}
