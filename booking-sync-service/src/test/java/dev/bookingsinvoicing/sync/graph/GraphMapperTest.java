package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.graph.models.BookingAppointment;
import com.microsoft.graph.models.BookingCustomerInformation;
import com.microsoft.graph.models.BookingPriceType;
import com.microsoft.graph.models.DateTimeTimeZone;

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;

class GraphMapperTest {

    @Test
    void theCustomersCollectionIsAuthoritative() {
        BookingAppointment appointment = appointment();
        appointment.setCustomers(List.of(info("c1", "Ana"), info("c2", "Ben")));
        appointment.setCustomerName("Legacy");
        appointment.getAdditionalData().put("customerId", "legacy");

        assertThat(GraphMapper.appointment(appointment).attendees()).extracting(AttendeeData::customerId)
                .containsExactly("c1", "c2");
    }

    @Test
    void withoutCustomersTheLegacyTopLevelFieldsAreTheAttendee() {
        BookingAppointment appointment = appointment();
        appointment.setCustomers(List.of());
        appointment.getAdditionalData().put("customerId", "c9");
        appointment.setCustomerName("Old Style");
        appointment.setCustomerEmailAddress("old@example.com");

        assertThat(GraphMapper.appointment(appointment).attendees())
                .containsExactly(new AttendeeData("c9", "Old Style", "old@example.com", null));
    }

    @Test
    void priceAndTimesAreReadAsGraphWritesThem() {
        BookingAppointment appointment = appointment();
        appointment.setPrice(null);
        appointment.setPriceType(BookingPriceType.PriceVaries);
        AppointmentData data = GraphMapper.appointment(appointment);
        assertThat(data.price()).isNull();
        assertThat(data.priceType()).isEqualTo("priceVaries");
        assertThat(data.start()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(data.timeZone()).isEqualTo("UTC");

        appointment.setPrice(35.0);
        appointment.setStartDateTime(dateTime("2026-11-01T09:00:00.0000000", "W. Europe Standard Time"));
        data = GraphMapper.appointment(appointment);
        assertThat(data.price()).isEqualByComparingTo("35.00").hasScaleOf(2);
        assertThat(data.start()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(data.timeZone()).isEqualTo("W. Europe Standard Time");
    }

    private static BookingAppointment appointment() {
        BookingAppointment appointment = new BookingAppointment();
        appointment.setId("a1");
        appointment.setServiceId("s1");
        appointment.setServiceName("Haircut");
        appointment.setPriceType(BookingPriceType.FixedPrice);
        appointment.setPrice(35.0);
        appointment.setStartDateTime(dateTime("2026-11-01T09:00:00.0000000", "UTC"));
        appointment.setEndDateTime(dateTime("2026-11-01T09:30:00.0000000", "UTC"));
        return appointment;
    }

    private static DateTimeTimeZone dateTime(String dateTime, String zone) {
        DateTimeTimeZone value = new DateTimeTimeZone();
        value.setDateTime(dateTime);
        value.setTimeZone(zone);
        return value;
    }

    private static BookingCustomerInformation info(String id, String name) {
        BookingCustomerInformation info = new BookingCustomerInformation();
        info.setCustomerId(id);
        info.setName(name);
        return info;
    }
}
