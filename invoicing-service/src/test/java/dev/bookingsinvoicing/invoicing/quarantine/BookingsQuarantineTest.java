package dev.bookingsinvoicing.invoicing.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The rules of the quarantine list, on the embedded MongoDB server without Spring: what an operator sees after
 * events that come twice, late or out of order.
 */
class BookingsQuarantineTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final BusinessAccess EVERYONE = BusinessAccess.everyBusiness("operator");

    private static final Instant FIRST_SEEN = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant T1 = FIRST_SEEN;
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-02T11:00:00Z");

    private static final String NO_ATTENDEES = "no attendees: nobody to bill";
    private static final String ENDS_BEFORE = "ends before it starts (start 2026-03-02T09:00:00Z, end 2026-03-02T08:00:00Z)";

    private final BookingsQuarantine quarantine = new BookingsQuarantine(
            MONGO.template("quarantine-" + System.nanoTime()));

    @Test
    void aQuarantinedRecordIsListedWithItsReasonAndWhenItWasFirstSeen() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);

        assertThat(quarantine.list(EVERYONE)).containsExactly(appointment("a1", NO_ATTENDEES));
    }

    @Test
    void aNewReasonReplacesTheOldOne() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        quarantine.quarantined(appointment("a1", ENDS_BEFORE), T2);

        assertThat(quarantine.list(EVERYONE)).containsExactly(appointment("a1", ENDS_BEFORE));
    }

    @Test
    void anOldReasonArrivingLateDoesNotReplaceTheNewOne() {
        quarantine.quarantined(appointment("a1", ENDS_BEFORE), T2);
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);

        assertThat(quarantine.list(EVERYONE)).containsExactly(appointment("a1", ENDS_BEFORE));
    }

    @Test
    void aReleasedRecordLeavesTheList() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        quarantine.quarantined(appointment("a2", NO_ATTENDEES), T1);
        quarantine.released("salon", "APPOINTMENT", "a1", T2);

        assertThat(quarantine.list(EVERYONE)).containsExactly(appointment("a2", NO_ATTENDEES));
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        assertThat(quarantine.list(EVERYONE)).containsExactly(appointment("a1", NO_ATTENDEES));

        quarantine.released("salon", "APPOINTMENT", "a1", T2);
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        quarantine.released("salon", "APPOINTMENT", "a1", T2);
        assertThat(quarantine.list(EVERYONE)).isEmpty();
    }

    @Test
    void aReleaseReadBeforeAnOlderQuarantineKeepsTheRecordOffTheList() {
        quarantine.released("salon", "APPOINTMENT", "a1", T2);
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);

        assertThat(quarantine.list(EVERYONE)).isEmpty();
    }

    @Test
    void aRecordQuarantinedAgainAfterItsReleaseIsBack() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T1);
        quarantine.released("salon", "APPOINTMENT", "a1", T2);
        QuarantinedRecord again = new QuarantinedRecord("salon", "APPOINTMENT", "a1", ENDS_BEFORE, T3);
        quarantine.quarantined(again, T3);

        assertThat(quarantine.list(EVERYONE)).containsExactly(again);
    }

    @Test
    void atTheSameInstantAReleaseWinsOverAQuarantine() {
        quarantine.quarantined(appointment("a1", NO_ATTENDEES), T2);
        quarantine.released("salon", "APPOINTMENT", "a1", T2);
        quarantine.released("salon", "APPOINTMENT", "a2", T2);
        quarantine.quarantined(appointment("a2", NO_ATTENDEES), T2);

        assertThat(quarantine.list(EVERYONE)).isEmpty();
    }

    @Test
    void theListIsOrderedByBusinessKindAndIdAndHoldsOnlyTheUsersBusinesses() {
        QuarantinedRecord spaService = new QuarantinedRecord("spa", "SERVICE", "s1", "no name", FIRST_SEEN);
        QuarantinedRecord salonService = new QuarantinedRecord("salon", "SERVICE", "s1", "no name", FIRST_SEEN);
        QuarantinedRecord salonCustomer = new QuarantinedRecord("salon", "CUSTOMER", "c1", "no id", FIRST_SEEN);
        QuarantinedRecord gymAppointment = new QuarantinedRecord("gym", "APPOINTMENT", "g1", NO_ATTENDEES, FIRST_SEEN);
        for (QuarantinedRecord record : List.of(spaService, appointment("a2", NO_ATTENDEES), salonService,
                salonCustomer, appointment("a1", NO_ATTENDEES), gymAppointment)) {
            quarantine.quarantined(record, T1);
        }

        assertThat(quarantine.list(EVERYONE)).containsExactly(gymAppointment, appointment("a1", NO_ATTENDEES),
                appointment("a2", NO_ATTENDEES), salonCustomer, salonService, spaService);
        assertThat(quarantine.list(BusinessAccess.only("north", List.of("spa", "gym"))))
                .containsExactly(gymAppointment, spaService);
        assertThat(quarantine.list(BusinessAccess.only("nobody", List.of("clinic")))).isEmpty();
    }

    private static QuarantinedRecord appointment(String id, String reason) {
        return new QuarantinedRecord("salon", "APPOINTMENT", id, reason, FIRST_SEEN);
    }
}
