package dev.bookingsinvoicing.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.schemas.UnreadableRecordException;

class AvroSerdeTest {

    private final AvroSerializer serializer = new AvroSerializer();
    private final AvroDeserializer deserializer = new AvroDeserializer();

    static AppointmentCompleted appointment() {
        return AppointmentCompleted.newBuilder()
                .setEventId("e-1").setOccurredAt(Instant.parse("2026-11-01T10:00:00Z"))
                .setBusinessId("salon@contoso.com").setAppointmentId("appt-1").setRevision("r1")
                .setServiceId("svc-1").setServiceName("Haircut")
                .setStart(Instant.parse("2026-11-01T09:00:00Z")).setEnd(Instant.parse("2026-11-01T09:30:00Z"))
                .setTimeZone("W. Europe Standard Time")
                .setPriceType(PriceType.fixedPrice).setPrice(new BigDecimal("10.00")).setCurrency("EUR")
                .setAttendees(List.of(new Attendee("cust-1", "Ada", "ada@example.com", null)))
                .build();
    }

    @Test
    void roundTripsAnEventWithDecimalsInstantsAndNestedRecords() {
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = serializer.serialize(Topics.APPOINTMENTS, headers, appointment());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize(Topics.APPOINTMENTS, bytes)).isEqualTo(appointment());
        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/vnd.apache.avro.single-object; schema=dev.bookingsinvoicing.events.AppointmentCompleted");
    }

    @Test
    void decodesEachTypeFromItsFingerprintAlone() {
        InvoiceBookings command = InvoiceBookings.newBuilder().setCommandId("cmd-1")
                .setIssuedAt(Instant.parse("2026-11-02T00:00:00Z")).setIssuedBy("operator")
                .setScope(InvoiceScope.SELECTED).setBookingIds(List.of("b/a/c"))
                .setFromDate(LocalDate.of(2026, 11, 1)).setToDate(LocalDate.of(2026, 11, 30)).build();
        DraftInvoiceCreated invoice = DraftInvoiceCreated.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
                .setInvoiceId("INV-1").setCommandId("cmd-1").setCustomerNo("C00010").setCustomerName("Ada")
                .setCurrency("EUR").setTotalAmount(new BigDecimal("60.00"))
                .setLines(List.of(new InvoiceLine(1, "b/a/c", "b", "SVC0010", "Massage - 2026-11-01",
                        Instant.EPOCH, new BigDecimal("1.5000"), new BigDecimal("40.00"), new BigDecimal("60.00"),
                        LocalDate.of(2026, 11, 1), "Europe/Amsterdam", new BigDecimal("1.50000"),
                        new BigDecimal("40.00000"), new BigDecimal("60.00000"), "HOUR", "SERVICES", "VAT25")))
                .build();

        assertThat(deserializer.deserialize("any", serializer.serialize("any", command))).isEqualTo(command);
        assertThat(deserializer.deserialize("any", serializer.serialize("any", invoice))).isEqualTo(invoice);
    }

    @Test
    void aRecordIsWrittenOnlyOnATopicTheCatalogListsItFor() {
        CommandCompleted result = CommandCompleted.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
                .setCommandId("cmd-1").setCommandType("InvoiceBookings").setInvoiceIds(List.of())
                .setBookingsInvoiced(0).setSkipped(List.of()).build();

        assertThat(serializer.serialize(Topics.COMMAND_RESULTS, result)).isNotEmpty();
        assertThat(serializer.serialize(Topics.deadLetterOf(Topics.INVOICES), result)).isNotEmpty();
        assertThatThrownBy(() -> serializer.serialize(Topics.INVOICES, result))
                .isInstanceOf(SerializationException.class)
                .hasMessage("CommandCompleted does not belong on invoicing.invoices, which carries"
                        + " [DraftInvoiceCreated, DraftInvoiceDeleted, InvoicedBookingChanged, DraftCreditNoteCreated]");
    }

    @Test
    void refusesBytesThatAreNotSingleObjectEncoded() {
        byte[] random = new byte[64];
        new Random(7).nextBytes(random);
        random[0] = 0x00;

        assertThatThrownBy(() -> deserializer.deserialize(Topics.APPOINTMENTS, random))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("not Avro single-object encoding");
    }

    @Test
    void refusesAnUnknownFingerprintAndSaysSo() {
        byte[] bytes = serializer.serialize(Topics.APPOINTMENTS, appointment());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> deserializer.deserialize(Topics.APPOINTMENTS, bytes))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void refusesATruncatedDatum() {
        byte[] bytes = serializer.serialize(Topics.APPOINTMENTS, appointment());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 20);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.APPOINTMENTS, truncated))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("cannot decode dev.bookingsinvoicing.events.AppointmentCompleted");
    }
}
