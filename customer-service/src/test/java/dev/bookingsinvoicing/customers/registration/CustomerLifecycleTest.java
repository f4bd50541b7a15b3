package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.service.registration.NumberSeries;
import dev.bookingsinvoicing.service.web.TemplateConflictException;

/**
 * A Bookings customer's life as the registrar sees it, against the real wire-protocol MongoDB server: registered
 * once, updated only in the fields Bookings owns, re-deliveries answered with the same event, history replays
 * ignored, rejected and accepted again; templates checked at start-up and deleted only when unused.
 */
class CustomerLifecycleTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);
    private static final Instant T4 = T1.plusSeconds(180);

    @AutoClose
    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.template("customers");
    private final CustomerStore store = new CustomerStore(mongo);
    private final CustomerTemplates templates = new CustomerTemplates(mongo, store, "BOOKINGS");

    private CustomerRegistrar registrar(CustomerProperties.Filter filter) {
        templates.seedAndCheck(List.of(CustomerFilterTest.TEMPLATE));
        return new CustomerRegistrar(new CustomerFilter(filter), templates::defaultTemplate,
                new NumberSeries("customer", "C", 5, 10), store);
    }

    @Test
    void aChangedNameOrAddressUpdatesOnlyThoseFieldsAndAReDeliveryRepublishesTheSameEvent() {
        CustomerRegistrar registrar = registrar(CustomerProperties.Filter.acceptAll());
        RegistrationOutcome registered = registrar.register(ann("Ann Smith", "+45 1", "Aarhus"), new Discovery("e1", T1))
                .orElseThrow();
        assertThat(registered).isInstanceOf(RegistrationOutcome.Registered.class);

        // the same record again: the same event, nothing drawn from the series
        assertThat(registrar.register(ann("Ann Smith", "+45 1", "Aarhus"), new Discovery("e1", T1))).contains(registered);
        // the same content re-sent by a later sync: still the registration, with its id
        assertThat(registrar.register(ann("Ann Smith", "+45 1", "Aarhus"), new Discovery("e1", T2))).contains(registered);

        RegistrationOutcome.Updated moved = (RegistrationOutcome.Updated) registrar
                .register(ann("Ann Smith-Berg", "+45 1", "Odense"), new Discovery("e2", T3)).orElseThrow();
        assertThat(moved.customerNo()).isEqualTo("C00010");
        assertThat(moved.changedFields()).containsExactly("name", "address");
        assertThat(moved.name()).isEqualTo("Ann Smith-Berg");
        CustomerRecord customer = store.find("C00010").orElseThrow();
        assertThat(customer.address().city()).isEqualTo("Odense");
        assertThat(customer.customerPostingGroup()).isEqualTo("DOMESTIC");
        assertThat(customer.email()).isEqualTo("ann@example.com");

        // replaying the topic from the start: the old record is history and announces nothing, the latest repeats
        assertThat(registrar.register(ann("Ann Smith", "+45 1", "Aarhus"), new Discovery("e1", T1))).isEmpty();
        assertThat(registrar.register(ann("Ann Smith-Berg", "+45 1", "Odense"), new Discovery("e2", T3))).contains(moved);
        assertThat(store.find("C00010").orElseThrow().name()).isEqualTo("Ann Smith-Berg");

        // moving back is a real change with its own event id
        RegistrationOutcome back = registrar.register(ann("Ann Smith", "+45 1", "Aarhus"), new Discovery("e1", T4))
                .orElseThrow();
        assertThat(back).isInstanceOf(RegistrationOutcome.Updated.class);
        assertThat(back.eventId()).isNotIn(registered.eventId(), moved.eventId());
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    @Test
    void aSecondBookingsCustomerWithTheSameEmailNeitherGetsANumberNorRenamesTheCustomer() {
        CustomerRegistrar registrar = registrar(CustomerProperties.Filter.acceptAll());
        registrar.register(ann("Ann Smith", null, "Aarhus"), new Discovery("e1", T1));
        BookingsCustomer twin = new BookingsCustomer("clinic", "k1", "Annie", " ANN@example.com", null, null);
        RegistrationOutcome.Registered linked = (RegistrationOutcome.Registered) registrar
                .register(twin, new Discovery("k1", T1)).orElseThrow();
        assertThat(linked.customerNo()).isEqualTo("C00010");
        assertThat(linked.newCustomer()).isFalse();

        BookingsCustomer renamedTwin = new BookingsCustomer("clinic", "k1", "Annie B", "ann@example.com", null, null);
        assertThat(registrar.register(renamedTwin, new Discovery("k2", T2))).contains(linked);
        assertThat(store.find("C00010").orElseThrow().name()).isEqualTo("Ann Smith");
        assertThat(store.find("C00010").orElseThrow().bookingsIds()).hasSize(2);
    }

    @Test
    void aRegisteredCustomerThatLeavesTheFilterIsRejectedAndKeepsItsNumberWhenItComesBack() {
        CustomerRegistrar registrar = registrar(new CustomerProperties.Filter(List.of("Aarhus"), List.of(), List.of(),
                List.of()));
        RegistrationOutcome first = registrar.register(ann("Ann Smith", null, "Aarhus"), new Discovery("e1", T1))
                .orElseThrow();
        RegistrationOutcome.Rejected away = (RegistrationOutcome.Rejected) registrar
                .register(ann("Ann Smith", null, "Odense"), new Discovery("e2", T2)).orElseThrow();
        assertThat(away.rule()).isEqualTo("city-filter");
        assertThat(away.reason()).contains("'Odense'");

        RegistrationOutcome.Registered back = (RegistrationOutcome.Registered) registrar
                .register(ann("Ann Smith", null, "Aarhus"), new Discovery("e1", T3)).orElseThrow();
        assertThat(back.customerNo()).isEqualTo("C00010");
        assertThat(back.eventId()).isNotEqualTo(first.eventId());
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    @Test
    void aSetupNamingATemplateThatDoesNotExistIsRefusedAtStartUp() {
        CustomerTemplates missing = new CustomerTemplates(mongo, store, "RETAIL");

        assertThatThrownBy(() -> missing.seedAndCheck(List.of(CustomerFilterTest.TEMPLATE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bookings.customers.default-template is RETAIL, but no customer template RETAIL exists "
                        + "(known: [BOOKINGS]); add it under bookings.customers.templates or create it over "
                        + "POST /api/customer-templates");
    }

    @Test
    void seedingKeepsChangesMadeOverTheApiAndOnlyUnusedNonDefaultTemplatesCanBeDeleted() {
        CustomerRegistrar registrar = registrar(CustomerProperties.Filter.acceptAll());
        CustomerTemplate changed = new CustomerTemplate("BOOKINGS", "changed", "FOREIGN", "EU", "EU", null, null, "EUR",
                "", null, false);
        templates.update(changed);
        templates.seedAndCheck(List.of(CustomerFilterTest.TEMPLATE));
        assertThat(templates.find("BOOKINGS")).contains(changed);

        registrar.register(ann("Ann Smith", null, "Aarhus"), new Discovery("e1", T1));
        assertThat(store.find("C00010").orElseThrow().customerPostingGroup()).isEqualTo("FOREIGN");

        templates.create(new CustomerTemplate("SPARE", null, "DOMESTIC", "DOMESTIC", "DOMESTIC", null, null, "", "", null,
                false));
        templates.delete("SPARE");
        assertThat(templates.find("SPARE")).isEmpty();
        assertThatThrownBy(() -> templates.delete("BOOKINGS")).isInstanceOf(TemplateConflictException.class)
                .hasMessageContaining("is the default template");
        CustomerTemplates otherDefault = new CustomerTemplates(mongo, store, "SPARE2");
        templates.create(new CustomerTemplate("SPARE2", null, "DOMESTIC", "DOMESTIC", "DOMESTIC", null, null, "", "",
                null, false));
        assertThatThrownBy(() -> otherDefault.delete("BOOKINGS")).isInstanceOf(TemplateConflictException.class)
                .hasMessage("customer template BOOKINGS is in use: customers were created from it, so it cannot be deleted");
    }

    /**
     * A Bookings customer's state as the version before the shared registration kernel stored it (field for field),
     * and its customer: a re-delivery re-publishes the stored event, and a later change follows the stored link.
     */
    @Test
    void aStateStoredByTheEarlierVersionIsReadAsItWas() {
        CustomerRegistrar registrar = registrar(CustomerProperties.Filter.acceptAll());
        mongo.insert(Document.parse("""
                {"_id": "salon/c3", "businessId": "salon", "bookingsCustomerId": "c3", "customerNo": "C00020",
                 "newCustomer": true, "appliedEventId": "e10", "appliedOccurredAt": {"$date": "2026-11-01T10:03:00Z"},
                 "snapshot": {"displayName": "Bo B", "emailAddress": "bo@x.dk", "phone": "+45", "street": "st",
                              "city": "Aarhus", "state": null, "postalCode": "8000", "countryOrRegion": "DK"},
                 "lastEvent": {"eventId": "15ca3002-4c30-3139-a2c7-b5f2684785ab",
                               "occurredAt": {"$date": "2026-11-01T10:03:00Z"}, "kind": "Updated",
                               "customerNo": "C00020", "name": "Bo B", "emailAddress": "bo@x.dk", "phone": "+45",
                               "changedFields": ["name"], "customerPostingGroup": "DOMESTIC",
                               "genBusPostingGroup": "DOMESTIC", "vatBusPostingGroup": "DOMESTIC"}}"""),
                CustomerStore.MAPPINGS);
        mongo.insert(Document.parse("""
                {"_id": "C00020", "email": "bo@x.dk", "templateCode": "BOOKINGS", "customerPostingGroup": "DOMESTIC",
                 "genBusPostingGroup": "DOMESTIC", "vatBusPostingGroup": "DOMESTIC", "pricesIncludingVat": false,
                 "bookingsIds": [{"businessId": "salon", "bookingsCustomerId": "c3"}], "name": "Bo B",
                 "phone": "+45", "address": {"street": "st", "city": "Aarhus", "postalCode": "8000",
                                             "countryOrRegion": "DK"}}"""), CustomerStore.CUSTOMERS);
        BookingsCustomer bo = new BookingsCustomer("salon", "c3", "Bo B", "bo@x.dk", "+45",
                new BookingsCustomer.Address("st", "Aarhus", null, "8000", "DK"));

        RegistrationOutcome.Updated again = (RegistrationOutcome.Updated) registrar
                .register(bo, new Discovery("e10", Instant.parse("2026-11-01T10:03:00Z"))).orElseThrow();
        assertThat(again.eventId()).isEqualTo("15ca3002-4c30-3139-a2c7-b5f2684785ab");
        assertThat(again.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:03:00Z"));
        assertThat(again.customerNo()).isEqualTo("C00020");
        assertThat(again.changedFields()).containsExactly("name");
        assertThat(again.posting().vatBusPostingGroup()).isEqualTo("DOMESTIC");

        RegistrationOutcome.Updated renamed = (RegistrationOutcome.Updated) registrar.register(new BookingsCustomer(
                "salon", "c3", "Bo Berg", "bo@x.dk", "+45", bo.address()), new Discovery("e11", T4)).orElseThrow();
        assertThat(renamed.customerNo()).isEqualTo("C00020");
        assertThat(renamed.changedFields()).containsExactly("name");
        assertThat(renamed.eventId()).isNotEqualTo(again.eventId());
        assertThat(store.find("C00020").orElseThrow().name()).isEqualTo("Bo Berg");
        assertThat(store.lastNumber()).isZero();
    }

    private static BookingsCustomer ann(String name, String phone, String city) {
        return new BookingsCustomer("salon", "c1", name, "Ann@Example.com", phone,
                new BookingsCustomer.Address("Main Street 1", city, null, "8000", "DK"));
    }
}
