package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * A Bookings customer whose email changes in Bookings, against the real wire-protocol MongoDB server: it keeps its
 * customer no., the customer takes the new email, the new address matches from then on and the old one only while
 * another Bookings customer of that customer still uses it.
 */
class CustomerEmailChangeTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    @AutoClose
    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.template("customers");
    private final CustomerStore store = new CustomerStore(mongo);
    private final CustomerRegistrar registrar = registrar();

    private CustomerRegistrar registrar() {
        CustomerTemplates templates = new CustomerTemplates(mongo, store, "BOOKINGS");
        templates.seedAndCheck(List.of(CustomerFilterTest.TEMPLATE));
        return new CustomerRegistrar(new CustomerFilter(CustomerProperties.Filter.acceptAll()),
                templates::defaultTemplate, new NumberSeries("customer", "C", 5, 10), store);
    }

    @Test
    void aNewEmailKeepsTheCustomerNoAndMatchesFromThenOnWhileTheOldOneNoLongerDoes() {
        register(person("salon", "c1", "Ann", "ann@example.com"), "e1", T1);

        RegistrationOutcome.Updated moved = (RegistrationOutcome.Updated) register(
                person("salon", "c1", "Ann", " Ann.Berg@Example.com "), "e2", T2);

        assertThat(moved.customerNo()).isEqualTo("C00010");
        assertThat(moved.changedFields()).containsExactly("email");
        assertThat(moved.emailAddress()).isEqualTo("ann.berg@example.com");
        assertThat(store.find("C00010").orElseThrow().email()).isEqualTo("ann.berg@example.com");
        // the new address finds Ann; the old one may be someone else's now, so it makes a new customer
        assertThat(registered(person("clinic", "k1", "Ann B", "ANN.BERG@example.com"), "k1", T2).customerNo())
                .isEqualTo("C00010");
        RegistrationOutcome.Registered stranger = registered(person("clinic", "k2", "Anne", "ann@example.com"), "k2",
                T2);
        assertThat(stranger.customerNo()).isEqualTo("C00020");
        assertThat(stranger.newCustomer()).isTrue();
        assertThat(store.lastNumber()).isEqualTo(20);
    }

    @Test
    void theOldCustomerDiscoveredReDeliveredAfterTheNewOneChangesNothingBack() {
        RegistrationOutcome first = register(person("salon", "c1", "Ann", "ann@example.com"), "e1", T1);
        RegistrationOutcome moved = register(person("salon", "c1", "Ann", "ann.berg@example.com"), "e2", T2);

        assertThat(registrar.register(person("salon", "c1", "Ann", "ann@example.com"), new Discovery("e1", T1)))
                .isEmpty();
        assertThat(registrar.register(person("salon", "c1", "Ann", "ann.berg@example.com"), new Discovery("e2", T2)))
                .contains(moved);
        assertThat(store.find("C00010").orElseThrow().email()).isEqualTo("ann.berg@example.com");
        assertThat(store.emailClaim("ann@example.com")).isEmpty();

        // changing back later is a change like any other, with its own event
        RegistrationOutcome back = register(person("salon", "c1", "Ann", "ann@example.com"), "e3", T3);
        assertThat(back.eventId()).isNotIn(first.eventId(), moved.eventId());
        assertThat(store.find("C00010").orElseThrow().email()).isEqualTo("ann@example.com");
        assertThat(store.emailClaim("ann.berg@example.com")).isEmpty();
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    @Test
    void theOldEmailGoesOnMatchingWhileAnotherBookingsCustomerOfTheCustomerUsesIt() {
        register(person("salon", "c1", "Ann", "ann@example.com"), "e1", T1);
        RegistrationOutcome.Registered twin = registered(person("clinic", "k1", "Annie", "ann@example.com"), "k1", T1);
        assertThat(twin.newCustomer()).isFalse();

        register(person("salon", "c1", "Ann", "ann.berg@example.com"), "e2", T2);

        assertThat(registered(person("spa", "s1", "Ann", "ann@example.com"), "s1", T2).customerNo())
                .isEqualTo("C00010");
        // the twin does not own the customer's details: its own change links its new address, announces nothing
        RegistrationOutcome twinMoved = register(person("clinic", "k1", "Annie", "annie@example.com"), "k2", T3);
        assertThat(twinMoved).isEqualTo(twin);
        assertThat(store.find("C00010").orElseThrow().email()).isEqualTo("ann.berg@example.com");
        assertThat(registered(person("spa", "s2", "Annie", "annie@example.com"), "s2", T3).customerNo())
                .isEqualTo("C00010");
        // s1 still uses ann@example.com, so it keeps matching
        assertThat(store.emailClaim("ann@example.com").orElseThrow().customerNo()).isEqualTo("C00010");
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    @Test
    void anEmailAnotherCustomerHoldsKeepsBothCustomersAndKeepsMatchingTheFirst() {
        register(person("salon", "c1", "Ann", "ann@example.com"), "e1", T1);
        register(person("salon", "c2", "Bob", "bob@example.com"), "e2", T1);

        RegistrationOutcome.Updated ann = (RegistrationOutcome.Updated) register(
                person("salon", "c1", "Ann", "bob@example.com"), "e3", T2);

        assertThat(ann.customerNo()).isEqualTo("C00010");
        assertThat(ann.emailAddress()).isEqualTo("bob@example.com");
        assertThat(registered(person("clinic", "k1", "Bob", "bob@example.com"), "k1", T2).customerNo())
                .isEqualTo("C00020");
        assertThat(registered(person("clinic", "k2", "Someone", "ann@example.com"), "k2", T2).customerNo())
                .isEqualTo("C00030");
        assertThat(store.find("C00020").orElseThrow().email()).isEqualTo("bob@example.com");
    }

    @Test
    void aRemovedEmailIsARejectionThatKeepsTheCustomerAndANewEmailLaterRegistersItAgainUnderItsNumber() {
        register(person("salon", "c1", "Ann", "ann@example.com"), "e1", T1);

        RegistrationOutcome.Rejected removed = (RegistrationOutcome.Rejected) register(
                person("salon", "c1", "Ann", "  "), "e2", T2);
        assertThat(removed.rule()).isEqualTo("email-required");
        assertThat(store.find("C00010").orElseThrow().email()).isEqualTo("ann@example.com");

        RegistrationOutcome.Registered back = registered(person("salon", "c1", "Ann", "ann.new@example.com"), "e3",
                T3);
        assertThat(back.customerNo()).isEqualTo("C00010");
        assertThat(back.emailAddress()).isEqualTo("ann.new@example.com");
        assertThat(store.emailClaim("ann@example.com")).isEmpty();
        assertThat(store.emailClaim("ann.new@example.com").orElseThrow().customerNo()).isEqualTo("C00010");
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    private RegistrationOutcome register(BookingsCustomer customer, String eventId, Instant at) {
        return registrar.register(customer, new Discovery(eventId, at)).orElseThrow();
    }

    private RegistrationOutcome.Registered registered(BookingsCustomer customer, String eventId, Instant at) {
        return (RegistrationOutcome.Registered) register(customer, eventId, at);
    }

    private static BookingsCustomer person(String business, String id, String name, String email) {
        return new BookingsCustomer(business, id, name, email, null, null);
    }
}
