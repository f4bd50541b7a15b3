package dev.bookingsinvoicing.items;

import org.junit.jupiter.api.AutoClose;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.registration.testing.RegistrationOperatorEndpointsTest;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.schemas.Topics;

/** {@link RegistrationOperatorEndpointsTest} for item-service. */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = ItemServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=item-service",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms" })
class OperatorEndpointsIntegrationTest extends RegistrationOperatorEndpointsTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("items"));
    }

    @Override
    protected String inputTopic() {
        return Topics.SERVICES;
    }

    @Override
    protected String numberSeries() {
        return "item";
    }
}
