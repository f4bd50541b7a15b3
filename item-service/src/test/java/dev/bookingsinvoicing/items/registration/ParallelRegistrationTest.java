package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Two service instances (two registrars, each with its own MongoDB client) register the same Bookings services at
 * the same time, each service several times: every service ends up with exactly one item no., never shared.
 */
class ParallelRegistrationTest {

    @AutoClose
    private final TestMongo server = new TestMongo();

    @Test
    void concurrentInstancesGiveEachServiceExactlyOneItemNumber() throws Exception {
        List<ItemRegistrar> instances = List.of(registrar(), registrar());
        List<Callable<RegistrationOutcome.Registered>> work = new ArrayList<>();
        for (ItemRegistrar instance : instances) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    BookingsService service = new BookingsService("business-" + (i % 2), "s" + i, "Service " + (i % 7),
                            "fixedPrice", new BigDecimal("10.00"), "EUR", false);
                    work.add(() -> (RegistrationOutcome.Registered) instance.register(service,
                            new Discovery("d-" + service.serviceId(), AT)).orElseThrow());
                }
            }
        }
        Collections.shuffle(work, new Random(7));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<RegistrationOutcome.Registered> outcomes = new ArrayList<>();
        try {
            for (Future<RegistrationOutcome.Registered> f : pool.invokeAll(work)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        Map<String, List<String>> numbersByService = outcomes.stream().collect(Collectors.groupingBy(
                o -> o.businessId() + "/" + o.serviceId(),
                Collectors.mapping(RegistrationOutcome.Registered::itemNo, Collectors.toList())));
        assertThat(numbersByService).hasSize(20);
        assertThat(numbersByService.values()).allSatisfy(numbers -> assertThat(numbers).containsOnly(numbers.get(0)));
        assertThat(numbersByService.values().stream().map(n -> n.get(0)).distinct()).hasSize(20);
    }

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    /** One more service instance: a registrar over a MongoDB client of its own. */
    private ItemRegistrar registrar() {
        return new ItemRegistrar(new ItemFilter(ItemProperties.Filter.acceptAll()), () -> ItemRulesTest.TEMPLATE,
                new NumberSeries("item", "SVC", 4, 10), new ItemStore(server.template("items")));
    }
}
