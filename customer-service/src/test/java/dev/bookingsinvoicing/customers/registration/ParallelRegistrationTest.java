package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * Two service instances (two registrars, each with its own MongoDB client) register the same Bookings customers
 * at the same time, each customer twice: every email ends up with exactly one number, and no number is shared.
 */
class ParallelRegistrationTest {

    @AutoClose
    private final TestMongo server = new TestMongo();

    @Test
    void concurrentInstancesNeverGiveOneEmailTwoNumbersOrTwoEmailsOneNumber() throws Exception {
        List<CustomerRegistrar> instances = List.of(registrar(), registrar());
        List<BookingsCustomer> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // 40 Bookings customers in two businesses over 10 emails, in varying case
            String email = (i % 2 == 0 ? "Person" : "person") + (i % 10) + "@Example.com";
            customers.add(new BookingsCustomer("business-" + (i % 2), "c" + i, "Person " + i, email, null, null));
        }
        List<Callable<RegistrationOutcome.Registered>> work = new ArrayList<>();
        for (CustomerRegistrar instance : instances) {
            for (BookingsCustomer customer : customers) {
                work.add(() -> (RegistrationOutcome.Registered) instance.register(customer,
                        new Discovery("discovered-" + customer.bookingsCustomerId(), AT)).orElseThrow());
            }
        }
        Collections.shuffle(work, new java.util.Random(42));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<RegistrationOutcome.Registered> outcomes = new ArrayList<>();
        try {
            for (Future<RegistrationOutcome.Registered> f : pool.invokeAll(work)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        Map<String, List<String>> numbersByEmail = outcomes.stream().collect(Collectors.groupingBy(
                RegistrationOutcome.Registered::emailAddress,
                Collectors.mapping(RegistrationOutcome.Registered::customerNo, Collectors.toList())));
        assertThat(numbersByEmail).hasSize(10);
        assertThat(numbersByEmail.values()).allSatisfy(numbers -> assertThat(numbers).containsOnly(numbers.get(0)));
        assertThat(numbersByEmail.values().stream().map(n -> n.get(0)).distinct()).hasSize(10);
        // each Bookings customer got one answer, whichever instance processed it
        assertThat(outcomes.stream().collect(Collectors.groupingBy(RegistrationOutcome.Registered::bookingsCustomerId,
                Collectors.mapping(RegistrationOutcome.Registered::eventId, Collectors.toSet()))).values())
                .allSatisfy(ids -> assertThat(ids).hasSize(1));
        // exactly one Bookings customer created each customer
        assertThat(outcomes.stream().filter(RegistrationOutcome.Registered::newCustomer)
                .map(RegistrationOutcome.Registered::bookingsCustomerId).distinct()).hasSize(10);
    }

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    /** One more service instance: a registrar over a MongoDB client of its own. */
    private CustomerRegistrar registrar() {
        return new CustomerRegistrar(new CustomerFilter(CustomerProperties.Filter.acceptAll()),
                () -> CustomerFilterTest.TEMPLATE, new NumberSeries("customer", "C", 5, 10),
                new CustomerStore(server.template("customers")));
    }
}
