package dev.bookingsinvoicing.customers;

import org.junit.jupiter.api.AutoClose;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.registration.testing.RegistrationOperatorEndpointsTest;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.schemas.Topics;

/** {@link RegistrationOperatorEndpointsTest} for customer-service. */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=customer-service",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms" })
class OperatorEndpointsIntegrationTest extends RegistrationOperatorEndpointsTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("customers"));
    }

    @Override
    protected String inputTopic() {
        return Topics.CUSTOMERS;
    }

    @Override
    protected String numberSeries() {
        return "customer";
    }
}
