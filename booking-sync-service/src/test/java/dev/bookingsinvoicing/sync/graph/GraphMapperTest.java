package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.microsoft.graph.models.BookingAppointment;
import com.microsoft.graph.models.BookingAppointmentCollectionResponse;
import com.microsoft.graph.models.BookingBusiness;
import com.microsoft.graph.models.BookingCustomerInformation;
import com.microsoft.graph.models.BookingPageSettings;
import com.microsoft.graph.models.BookingPriceType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;

class GraphMapperTest {

    @Test
    void theCustomersCollectionIsAuthoritative() {
        BookingAppointment appointment = appointment();
        appointment.setCustomers(List.of(info("c1", "Ana"), info("c2", "Ben")));
        appointment.setCustomerName("Legacy");
        appointment.getAdditionalData().put("customerId", "legacy");

        assertThat(GraphMapper.appointment(appointment, null).attendees()).extracting(AttendeeData::customerId)
                .containsExactly("c1", "c2");
    }

    @Test
    void withoutCustomersTheLegacyTopLevelFieldsAreTheAttendee() {
        BookingAppointment appointment = appointment();
        appointment.setCustomers(List.of());
        appointment.getAdditionalData().put("customerId", "c9");
        appointment.setCustomerName("Old Style");
        appointment.setCustomerEmailAddress("old@example.com");

        assertThat(GraphMapper.appointment(appointment, null).attendees())
                .containsExactly(new AttendeeData("c9", "Old Style", "old@example.com", null));
    }

    @Test
    void priceAndTimesAreReadAsGraphWritesThem() {
        BookingAppointment appointment = appointment();
        appointment.setPrice(null);
        appointment.setPriceType(BookingPriceType.PriceVaries);
        AppointmentData data = GraphMapper.appointment(appointment, null);
        assertThat(data.price()).isNull();
        assertThat(data.priceType()).isEqualTo("priceVaries");
        assertThat(data.start()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(data.timeZone()).isEqualTo("UTC");

        appointment.setPrice(35.0);
        appointment.setStartDateTime(dateTime("2026-11-01T09:00:00.0000000", "W. Europe Standard Time"));
        data = GraphMapper.appointment(appointment, null);
        assertThat(data.price()).isEqualByComparingTo("35.00");
        assertThat(data.start()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(data.timeZone()).isEqualTo("Europe/Berlin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // a three-decimal currency (KWD, BHD) keeps its third decimal; a zero-decimal one (JPY) loses nothing
            "12.345, 12.345",
            "1500.0, 1500",
            "0.1, 0.1",
            // Graph's double has no more than 5 decimals worth keeping: Business Central's unit-price precision
            "33.3333333, 33.33333"
    })
    void pricesKeepTheDecimalsTheyWereGivenUpToFive(double graphPrice, String expected) {
        BookingAppointment appointment = appointment();
        appointment.setPrice(graphPrice);

        assertThat(GraphMapper.appointment(appointment, null).price()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // local time of the named zone, as Graph writes it by default
            "2026-11-01T09:00:00.0000000, Tokyo Standard Time, 2026-11-01T00:00:00Z, Asia/Tokyo",
            "2026-11-01T09:00:00.0000000, AUS Eastern Standard Time, 2026-10-31T22:00:00Z, Australia/Sydney",
            "2026-11-01T09:00:00.0000000, India Standard Time, 2026-11-01T03:30:00Z, Asia/Kolkata",
            "2026-11-01T09:00:00.0000000, E. South America Standard Time, 2026-11-01T12:00:00Z, America/Sao_Paulo",
            "2026-11-01T17:00:00.0000000, Pacific Standard Time, 2026-11-02T01:00:00Z, America/Los_Angeles",
            "2026-11-01T17:00:00.0000000, America/Los_Angeles, 2026-11-02T01:00:00Z, America/Los_Angeles",
            // with an offset or Z the instant is given; the name still says whose local time it is
            "2026-11-01T09:00:00.0000000+09:00, Tokyo Standard Time, 2026-11-01T00:00:00Z, Asia/Tokyo",
            "2026-11-01T00:00:00.0000000Z, Tokyo Standard Time, 2026-11-01T00:00:00Z, Asia/Tokyo",
            "2026-11-01T09:00:00.0000000Z, UTC, 2026-11-01T09:00:00Z, UTC",
            // no name: the offset is the zone, or UTC
            "2026-11-01T09:00:00+05:30, '', 2026-11-01T03:30:00Z, +05:30",
            "2026-11-01T09:00:00.0000000, '', 2026-11-01T09:00:00Z, UTC",
            // a daylight saving change day: 02:30 happens twice in Berlin on 2026-10-25, the earlier one is taken
            "2026-10-25T02:30:00.0000000, W. Europe Standard Time, 2026-10-25T00:30:00Z, Europe/Berlin",
            "2026-03-08T03:30:00.0000000, Eastern Standard Time, 2026-03-08T07:30:00Z, America/New_York" })
    void everyDocumentedShapeOfDateTimeTimeZoneIsRead(String dateTime, String zone, String instant, String iana) {
        BookingAppointment appointment = appointment();
        appointment.setStartDateTime(dateTime(dateTime, zone));
        appointment.setEndDateTime(dateTime("2027-01-01T00:00:00Z", "UTC"));

        AppointmentData data = GraphMapper.appointment(appointment, null);
        assertThat(data.start()).isEqualTo(Instant.parse(instant));
        assertThat(data.timeZone()).isEqualTo(iana);
    }

    @Test
    void anAppointmentWrittenInUtcIsDatedInTheBusinessesTimeZone() {
        BookingBusiness business = new BookingBusiness();
        business.setDefaultCurrencyIso("USD");
        BookingPageSettings settings = new BookingPageSettings();
        settings.setBusinessTimeZone("Pacific Standard Time");
        business.setBookingPageSettings(settings);
        BusinessInfo info = GraphMapper.business("Studio@fabrikam.com", business);
        assertThat(info.timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(info.unknownTimeZone()).isNull();

        // 17:00 in Los Angeles, transported in UTC (by name, by "Z", or with no zone at all)
        BookingAppointment appointment = appointment();
        for (DateTimeTimeZone utc : List.of(dateTime("2026-11-02T01:00:00.0000000", "UTC"),
                dateTime("2026-11-02T01:00:00.0000000Z", "UTC"), dateTime("2026-11-02T01:00:00Z", null))) {
            appointment.setStartDateTime(utc);
            appointment.setEndDateTime(dateTime("2026-11-02T01:30:00.0000000Z", "UTC"));
            AppointmentData data = GraphMapper.appointment(appointment, info.timeZone());
            assertThat(data.start()).isEqualTo(Instant.parse("2026-11-02T01:00:00Z"));
            assertThat(data.timeZone()).isEqualTo("America/Los_Angeles");
        }
        // a zone Graph names on the appointment is the appointment's
        appointment.setStartDateTime(dateTime("2026-11-01T09:00:00.0000000", "Tokyo Standard Time"));
        assertThat(GraphMapper.appointment(appointment, info.timeZone()).timeZone()).isEqualTo("Asia/Tokyo");

        settings.setBusinessTimeZone("Mars Standard Time");
        info = GraphMapper.business("Studio@fabrikam.com", business);
        assertThat(info.timeZone()).isNull();
        assertThat(info.unknownTimeZone()).isEqualTo("Mars Standard Time");
    }

    @Test
    void anUnknownZoneOrAnUnreadableDateTimeIsRefusedWithTheReason() {
        BookingAppointment appointment = appointment();
        appointment.setStartDateTime(dateTime("2026-11-01T09:00:00.0000000", "Mars Standard Time"));
        assertThatThrownBy(() -> GraphMapper.appointment(appointment, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown time zone 'Mars Standard Time'");
        appointment.setStartDateTime(dateTime("next Tuesday", "UTC"));
        assertThatThrownBy(() -> GraphMapper.appointment(appointment, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable dateTime 'next Tuesday'");
    }

    /** Both shapes, as JSON through the Graph SDK's own parser: calendarView's and /appointments' collections. */
    @ParameterizedTest
    @CsvSource({ "startDateTime, endDateTime", "start, end" })
    void startAndEndAreReadUnderEitherDocumentedKey(String startKey, String endKey) throws Exception {
        String json = """
                {"value": [{"@odata.type": "#microsoft.graph.bookingAppointment", "id": "a1", "serviceId": "s1",
                  "serviceName": "Haircut", "priceType": "fixedPrice", "price": 35.0,
                  "%s": {"dateTime": "2026-11-01T17:00:00.0000000", "timeZone": "Pacific Standard Time"},
                  "%s": {"dateTime": "2026-11-01T17:30:00.0000000", "timeZone": "Pacific Standard Time"},
                  "customers": [{"@odata.type": "#microsoft.graph.bookingCustomerInformation",
                    "customerId": "c1", "name": "Ana"}]}]}
                """.formatted(startKey, endKey);
        BookingAppointmentCollectionResponse page = new JsonParseNodeFactory()
                .getParseNode("application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .getObjectValue(BookingAppointmentCollectionResponse::createFromDiscriminatorValue);

        AppointmentData data = GraphMapper.appointment(page.getValue().get(0), null);
        assertThat(data.start()).isEqualTo(Instant.parse("2026-11-02T01:00:00Z"));
        assertThat(data.end()).isEqualTo(Instant.parse("2026-11-02T01:30:00Z"));
        assertThat(data.timeZone()).isEqualTo("America/Los_Angeles");
    }

    @Test
    void aCompletedAppointmentThatEndsBeforeItStartsOrHasNobodyToBillSaysSo() {
        BookingAppointment appointment = appointment();
        appointment.setCustomers(List.of(info("c1", "Ana")));
        assertThat(GraphMapper.appointment(appointment, null).implausibility()).isEmpty();

        appointment.setEndDateTime(dateTime("2026-11-01T08:00:00.0000000", "UTC"));
        assertThat(GraphMapper.appointment(appointment, null).implausibility()).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("ends before it starts"));

        appointment.setEndDateTime(dateTime("2026-11-01T09:30:00.0000000", "UTC"));
        appointment.setCustomers(List.of());
        assertThat(GraphMapper.appointment(appointment, null).implausibility())
                .hasValue("no attendees: nobody to bill");
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
