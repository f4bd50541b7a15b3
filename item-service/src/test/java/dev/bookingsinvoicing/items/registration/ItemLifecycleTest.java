package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.items.templates.ItemTemplates;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.service.registration.NumberSeries;
import dev.bookingsinvoicing.service.web.TemplateConflictException;

/**
 * A Bookings service's life as the registrar sees it, against the real wire-protocol MongoDB server: registered
 * once, its name and price followed as updates, re-deliveries answered with the same event, history replays ignored;
 * templates checked at start-up and deleted only when unused.
 */
class ItemLifecycleTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    @AutoClose
    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.template("items");
    private final ItemStore store = new ItemStore(mongo);
    private final ItemTemplates templates = new ItemTemplates(mongo, store, "SVC");

    private ItemRegistrar registrar() {
        templates.seedAndCheck(List.of(ItemRulesTest.TEMPLATE));
        return new ItemRegistrar(new ItemFilter(ItemProperties.Filter.acceptAll()), templates::defaultTemplate,
                new NumberSeries("item", "SVC", 4, 10), store);
    }

    @Test
    void aNewPriceOrNameIsAnItemUpdateAndReDeliveriesOrHistoryChangeNothing() {
        ItemRegistrar registrar = registrar();
        RegistrationOutcome registered = registrar.register(haircut("Haircut", "25"), new Discovery("e1", T1)).orElseThrow();
        assertThat(registered).isInstanceOf(RegistrationOutcome.Registered.class);
        assertThat(registrar.register(haircut("Haircut", "25"), new Discovery("e1", T1))).contains(registered);
        assertThat(registrar.register(haircut("Haircut", "25.00"), new Discovery("e1", T2))).contains(registered);

        RegistrationOutcome.Updated repriced = (RegistrationOutcome.Updated) registrar
                .register(haircut("Haircut deluxe", "30"), new Discovery("e2", T3)).orElseThrow();
        assertThat(repriced.itemNo()).isEqualTo("SVC0010");
        assertThat(repriced.changedFields()).containsExactly("description", "unitPrice");
        assertThat(repriced.unitPrice()).isEqualTo(new BigDecimal("30.00"));
        ItemRecord item = store.find("SVC0010").orElseThrow();
        assertThat(item.description()).isEqualTo("Haircut deluxe");
        assertThat(item.genProdPostingGroup()).isEqualTo("SERVICES");

        // replaying history: the old record announces nothing and does not move the price back
        assertThat(registrar.register(haircut("Haircut", "25"), new Discovery("e1", T1))).isEmpty();
        assertThat(store.find("SVC0010").orElseThrow().unitPrice()).isEqualByComparingTo("30");
        assertThat(store.lastNumber()).isEqualTo(10);
    }

    @Test
    void aSetupNamingATemplateThatDoesNotExistIsRefusedAtStartUp() {
        ItemTemplates missing = new ItemTemplates(mongo, store, "RETAIL");

        assertThatThrownBy(() -> missing.seedAndCheck(List.of(ItemRulesTest.TEMPLATE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bookings.items.default-template is RETAIL, but no item template RETAIL exists");
    }

    @Test
    void onlyUnusedTemplatesThatAreNotTheDefaultCanBeDeleted() {
        registrar().register(haircut("Haircut", "25"), new Discovery("e1", T1));
        templates.create(new ItemTemplate("SPARE", null, "Service", "PCS", "SERVICES", "VAT25", null, false));
        templates.delete("SPARE");
        assertThat(templates.find("SPARE")).isEmpty();
        assertThatThrownBy(() -> templates.delete("SVC")).isInstanceOf(TemplateConflictException.class)
                .hasMessageContaining("is the default template");
        templates.create(new ItemTemplate("OTHER", null, "Service", "PCS", "SERVICES", "VAT25", null, false));
        assertThatThrownBy(() -> new ItemTemplates(mongo, store, "OTHER").delete("SVC"))
                .isInstanceOf(TemplateConflictException.class)
                .hasMessage("item template SVC is in use: items were created from it, so it cannot be deleted");
    }

    /**
     * Services' states as the version before the shared registration kernel stored them (field for field), with a
     * mapping and an item: re-deliveries re-publish the stored events, a rejection and an update alike, and a later
     * price change follows the stored mapping.
     */
    @Test
    void statesStoredByTheEarlierVersionAreReadAsTheyWere() {
        ItemRegistrar registrar = registrar();
        mongo.insert(List.of(Document.parse("""
                {"_id": "salon/s2", "businessId": "salon", "serviceId": "s2", "itemNo": "SVC0020",
                 "appliedEventId": "e6", "appliedOccurredAt": {"$date": "2026-11-01T10:01:00Z"},
                 "description": "Beard trim", "unitPrice": "20.00",
                 "lastEvent": {"eventId": "ce4e6a57-87d9-32fc-bab3-735d790ee6b6",
                               "occurredAt": {"$date": "2026-11-01T10:01:00Z"}, "kind": "Updated",
                               "itemNo": "SVC0020", "description": "Beard trim", "unitPrice": "20.00",
                               "changedFields": ["description"], "baseUnitOfMeasure": "HOUR",
                               "genProdPostingGroup": "SERVICES", "vatProdPostingGroup": "VAT25"}}"""),
                Document.parse("""
                {"_id": "salon/s3", "businessId": "salon", "serviceId": "s3", "itemNo": null, "appliedEventId": "e8",
                 "appliedOccurredAt": {"$date": "2026-11-01T10:01:00Z"}, "description": null, "unitPrice": null,
                 "lastEvent": {"eventId": "d1a0e8ed-ea64-3c2b-b868-fbd7672137fb",
                               "occurredAt": {"$date": "2026-11-01T10:00:00Z"}, "kind": "Rejected",
                               "rule": "hidden-from-customers", "reason": "service Secret is hidden from customers and \
                bookings.items.filter.include-hidden is false"}}""")), ItemStore.STATES);
        mongo.insert(Document.parse("""
                {"_id": "salon/s2", "businessId": "salon", "serviceId": "s2", "itemNo": "SVC0020"}"""),
                ItemStore.MAPPINGS);
        mongo.insert(Document.parse("""
                {"_id": "SVC0020", "type": "Service", "baseUnitOfMeasure": "HOUR", "templateCode": "SVC",
                 "genProdPostingGroup": "SERVICES", "vatProdPostingGroup": "VAT25", "taxGroupCode": null,
                 "businessId": "salon", "serviceId": "s2", "description": "Beard trim", "unitPrice": "20.00",
                 "currency": "EUR", "priceType": "fixedPrice"}"""), ItemStore.ITEMS);
        Instant t = Instant.parse("2026-11-01T10:01:00Z");

        RegistrationOutcome.Rejected hidden = (RegistrationOutcome.Rejected) registrar.register(new BookingsService(
                "salon", "s3", "Secret", "fixedPrice", new BigDecimal("80"), "EUR", true), new Discovery("e8", t))
                .orElseThrow();
        assertThat(hidden.eventId()).isEqualTo("d1a0e8ed-ea64-3c2b-b868-fbd7672137fb");
        assertThat(hidden.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(hidden.rule()).isEqualTo("hidden-from-customers");
        RegistrationOutcome.Updated renamed = (RegistrationOutcome.Updated) registrar.register(beardTrim("20"),
                new Discovery("e6", t)).orElseThrow();
        assertThat(renamed.eventId()).isEqualTo("ce4e6a57-87d9-32fc-bab3-735d790ee6b6");
        assertThat(renamed.unitPrice()).isEqualTo(new BigDecimal("20.00"));
        assertThat(renamed.posting().baseUnitOfMeasure()).isEqualTo("HOUR");

        RegistrationOutcome.Updated repriced = (RegistrationOutcome.Updated) registrar.register(beardTrim("25"),
                new Discovery("e11", T3)).orElseThrow();
        assertThat(repriced.itemNo()).isEqualTo("SVC0020");
        assertThat(repriced.changedFields()).containsExactly("unitPrice");
        assertThat(store.find("SVC0020").orElseThrow().unitPrice()).isEqualByComparingTo("25");
        assertThat(store.lastNumber()).isZero();
    }

    private static BookingsService beardTrim(String price) {
        return new BookingsService("salon", "s2", "Beard trim", "fixedPrice", new BigDecimal(price), "EUR", false);
    }

    private static BookingsService haircut(String name, String price) {
        return new BookingsService("salon", "s1", name, "fixedPrice", new BigDecimal(price), "EUR", false);
    }
}
