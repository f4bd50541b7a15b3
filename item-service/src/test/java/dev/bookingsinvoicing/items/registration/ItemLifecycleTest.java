package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.bookingsinvoicing.items.templates.ItemTemplates;
import dev.bookingsinvoicing.service.web.TemplateConflictException;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * A Bookings service's life as the registrar sees it, against the real wire-protocol MongoDB server: registered
 * once, its name and price followed as updates, re-deliveries answered with the same event, history replays ignored;
 * templates checked at start-up and deleted only when unused.
 */
class ItemLifecycleTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "items");
    private final ItemStore store = new ItemStore(mongo);
    private final ItemTemplates templates = new ItemTemplates(mongo, store, "SVC");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

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
        ItemRecord item = store.item("SVC0010").orElseThrow();
        assertThat(item.description()).isEqualTo("Haircut deluxe");
        assertThat(item.genProdPostingGroup()).isEqualTo("SERVICES");

        // replaying history: the old record announces nothing and does not move the price back
        assertThat(registrar.register(haircut("Haircut", "25"), new Discovery("e1", T1))).isEmpty();
        assertThat(store.item("SVC0010").orElseThrow().unitPrice()).isEqualByComparingTo("30");
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

    private static BookingsService haircut(String name, String price) {
        return new BookingsService("salon", "s1", name, "fixedPrice", new BigDecimal(price), "EUR", false);
    }
}
