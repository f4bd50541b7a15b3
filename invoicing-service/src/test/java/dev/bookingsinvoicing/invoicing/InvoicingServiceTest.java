package dev.bookingsinvoicing.invoicing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A test of the whole service on a random port, with an embedded Kafka broker (one partition per topic, quick
 * retries); its MongoDB comes from {@link EmbeddedMongo}. Add a test's own settings with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = InvoicingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=invoicing-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms" })
public @interface InvoicingServiceTest {
}
