package dev.bookingsinvoicing.registration;

import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

import dev.bookingsinvoicing.kafka.InvalidMessageException;

/**
 * What a service's discovery listener does with each discovered Bookings record: registers it and publishes the
 * outcome, keyed by the record, waiting for the broker.
 */
public final class RegistrationPublisher<S extends BookingsRecord, O extends Outcome> {

    private final Registrar<S, ?, ?, O> registrar;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final String topic;
    private final BinaryOperator<String> key;
    private final Function<O, SpecificRecord> toEvent;

    /**
     * @param key     the record key of an outcome, from the business and own id of its Bookings record ({@code Keys})
     * @param toEvent the service's event for an outcome; every outcome carries its own occurredAt, so a re-published
     *                outcome is the very same event
     */
    public RegistrationPublisher(Registrar<S, ?, ?, O> registrar, KafkaTemplate<String, SpecificRecord> kafka,
            String topic, BinaryOperator<String> key, Function<O, SpecificRecord> toEvent) {
        this.registrar = registrar;
        this.kafka = kafka;
        this.topic = topic;
        this.key = key;
        this.toEvent = toEvent;
    }

    /**
     * Fails an event that lacks what its registration needs ({@code required}: ids, its time): it never will, so it is
     * dead-lettered at once with {@code problem} as the reason.
     */
    public static void require(String problem, Object... required) {
        for (Object value : required) {
            if (value == null || value instanceof String text && text.isBlank()) {
                throw new InvalidMessageException(problem);
            }
        }
    }

    public void register(S source, Discovery discovery) {
        registrar.register(source, discovery)
                // wait for the broker: a failed publish must fail the record, so it is retried (Mongo writes are
                // idempotent and the retry re-publishes the very same event)
                .ifPresent(outcome -> kafka.send(topic, key.apply(source.businessId(), source.sourceId()),
                        toEvent.apply(outcome)).join());
    }
}
