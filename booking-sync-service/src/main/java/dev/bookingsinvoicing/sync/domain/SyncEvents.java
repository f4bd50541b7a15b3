package dev.bookingsinvoicing.sync.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.BookingsRecordKind;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.BookingsRecordReleased;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

/**
 * Turns what was read from Bookings into the events the sync publishes. The revision is a hash of exactly the data an
 * event carries, and the eventId is derived from business, id and revision: unchanged data always yields the same
 * event id, changed data a new one.
 */
public final class SyncEvents {

    /** Kinds of published things; each has its own state entry per key. */
    public enum Kind {
        SERVICE, CUSTOMER, APPOINTMENT
    }

    /** Revision written to the state of an appointment once its cancellation is published. */
    public static final String CANCELLED = "cancelled";

    private SyncEvents() {
    }

    public static Publication service(BusinessInfo business, ServiceData s, Instant now) {
        String key = Keys.service(business.id(), s.id());
        String revision = hash(s.displayName(), s.priceType(), s.defaultPrice(), business.currency(),
                s.defaultDurationMinutes(), s.maximumAttendeesCount(), s.hiddenFromCustomers());
        ServiceDiscovered event = new ServiceDiscovered(eventId(Kind.SERVICE, key, revision), now, business.id(),
                s.id(), s.displayName(), priceType(s.priceType()), DecimalFields.legacyMoney(s.defaultPrice()),
                business.currency(), s.defaultDurationMinutes(), s.maximumAttendeesCount(), s.hiddenFromCustomers(),
                DecimalFields.exact(s.defaultPrice()));
        return new Publication(Kind.SERVICE, Topics.SERVICES, key, revision, null, event);
    }

    public static Publication customer(BusinessInfo business, CustomerData c, Instant now) {
        String key = Keys.customer(business.id(), c.id());
        String revision = hash(c.displayName(), c.emailAddress(), c.phone(), c.street(), c.city(), c.state(),
                c.postalCode(), c.countryOrRegion());
        CustomerDiscovered event = new CustomerDiscovered(eventId(Kind.CUSTOMER, key, revision), now, business.id(),
                c.id(), c.displayName(), c.emailAddress(), c.phone(), c.street(), c.city(), c.state(), c.postalCode(),
                c.countryOrRegion());
        return new Publication(Kind.CUSTOMER, Topics.CUSTOMERS, key, revision, null, event);
    }

    public static Publication appointmentCompleted(BusinessInfo business, AppointmentData a, Instant now) {
        String key = Keys.appointment(business.id(), a.id());
        // attendee order is not meaningful in Bookings; sort so a reordering is not a change
        List<AttendeeData> attendees = a.attendees().stream().sorted(Comparator.comparing(AttendeeData::customerId))
                .toList();
        Object[] parts = new Object[9 + attendees.size() * 4];
        Object[] head = { a.serviceId(), a.serviceName(), a.start(), a.end(), a.timeZone(), a.priceType(), a.price(),
                business.currency(), attendees.size() };
        System.arraycopy(head, 0, parts, 0, head.length);
        for (int i = 0; i < attendees.size(); i++) {
            AttendeeData t = attendees.get(i);
            parts[9 + i * 4] = t.customerId();
            parts[10 + i * 4] = t.name();
            parts[11 + i * 4] = t.emailAddress();
            parts[12 + i * 4] = t.phone();
        }
        String revision = hash(parts);
        AppointmentCompleted event = new AppointmentCompleted(eventId(Kind.APPOINTMENT, key, revision), now,
                business.id(), a.id(), revision, a.serviceId(), a.serviceName(), a.start(), a.end(), a.timeZone(),
                priceType(a.priceType()), DecimalFields.legacyMoney(a.price()), business.currency(),
                attendees.stream().map(t -> new Attendee(t.customerId(), t.name(), t.emailAddress(), t.phone()))
                        .toList(), DecimalFields.exact(a.price()));
        return new Publication(Kind.APPOINTMENT, Topics.APPOINTMENTS, key, revision, a.end(), event);
    }

    public static Publication appointmentCancelled(String businessId, String appointmentId, String lastRevision,
            Instant end, Instant now) {
        String key = Keys.appointment(businessId, appointmentId);
        AppointmentCancelled event = new AppointmentCancelled(
                eventId(Kind.APPOINTMENT, key, CANCELLED + ":" + lastRevision), now, businessId, appointmentId);
        return new Publication(Kind.APPOINTMENT, Topics.APPOINTMENTS, key, CANCELLED, end, event);
    }

    /** A record entering the quarantine, or quarantined again for another reason. */
    public static Publication quarantined(Quarantine.Entry entry, Instant now) {
        String revision = hash(entry.reason());
        BookingsRecordQuarantined event = new BookingsRecordQuarantined(
                eventId(entry.kind(), entry.key(), "quarantined:" + revision), now, entry.businessId(),
                BookingsRecordKind.valueOf(entry.kind().name()), entry.recordId(), entry.reason(),
                entry.firstSeenAt());
        return new Publication(entry.kind(), Topics.QUARANTINE, entry.key(), revision, null, event);
    }

    /** A record leaving the quarantine: read successfully now, or gone from Bookings. */
    public static Publication released(Quarantine.Release release, Instant now) {
        Quarantine.Entry entry = release.entry();
        String revision = hash(release.resolution(), entry.reason(), entry.firstSeenAt());
        BookingsRecordReleased event = new BookingsRecordReleased(
                eventId(entry.kind(), entry.key(), "released:" + revision), now, entry.businessId(),
                BookingsRecordKind.valueOf(entry.kind().name()), entry.recordId(), release.resolution());
        return new Publication(entry.kind(), Topics.QUARANTINE, entry.key(), revision, null, event);
    }

    /** Graph's bookingPriceType names are the Avro symbols; anything new reads as undefined. */
    static PriceType priceType(String graphName) {
        try {
            return PriceType.valueOf(graphName);
        } catch (IllegalArgumentException | NullPointerException e) {
            return PriceType.undefined;
        }
    }

    static String eventId(Kind kind, String key, String revision) {
        return UUID.nameUUIDFromBytes((kind + "|" + key + "|" + revision).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A content hash over the parts in order; null and "" differ, BigDecimal compares by value (35.0 = 35.00). */
    static String hash(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                String text = part == null ? "\u0000"
                        : part instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : part.toString();
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
