package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the view last applied for one appointment ({@code _id} = Keys.appointment): its revision, the booking ids
 * of its rows (so that a new revision or a cancellation finds the rows by {@code _id} and a re-delivered or stale
 * event is recognised and ignored) and the appointment itself, so that a booking released from a deleted draft
 * invoice (or priced, or associated) can be rebuilt from events already seen. {@code appointment} is null for a
 * cancellation that arrived before its appointment.
 */
@Document(AppointmentState.COLLECTION)
public record AppointmentState(@Id String id, String revision, Instant occurredAt, boolean cancelled,
        List<String> bookingIds, Appointment appointment) {

    public static final String COLLECTION = "appointments";
}
