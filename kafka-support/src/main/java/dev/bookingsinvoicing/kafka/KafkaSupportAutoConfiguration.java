package dev.bookingsinvoicing.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Topic;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.schemas.UnreadableRecordException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one error policy of every listener, the topics every service expects, and fixed transactional ids for a
 * service that writes in Kafka transactions ({@link TransactionalProducers}).
 *
 * <p>A record that fails is retried with bounded exponential back-off, then published to {@code <topic>-dlt}
 * (same partition) with the original key, value bytes, the exception in spring-kafka's
 * {@code kafka_dlt-*} headers and the root cause in {@value #REASON_HEADER}; the consumer then moves on. Records that can never succeed (undecodable bytes,
 * invalid content) skip the retries. Each dead-lettered record counts in {@value #DEAD_LETTERS}{topic} (the topic it
 * came from), the records an operator has to look at.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(BookingsKafkaProperties.class)
public class KafkaSupportAutoConfiguration {

    /** Header on every dead-lettered record: why it could not be processed, in one line. */
    public static final String REASON_HEADER = "dlt-reason";

    /** Counter of the records sent to a dead-letter topic, tagged with the topic they came from. */
    public static final String DEAD_LETTERS = "bookings.kafka.dead.letters";

    /** A fixed set of transactional ids, so that a restarted instance reuses (and fences) its predecessor's. */
    @Bean
    @ConditionalOnProperty(prefix = "spring.kafka.producer", name = "transaction-id-prefix")
    DefaultKafkaProducerFactoryCustomizer fixedTransactionalIds(BookingsKafkaProperties properties) {
        return factory -> factory.setTransactionIdSuffixStrategy(
                new DefaultTransactionIdSuffixStrategy(properties.transactionalProducers()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.kafka.producer", name = "transaction-id-prefix")
    TransactionalProducers transactionalProducers(ProducerFactory<?, ?> producers, BookingsKafkaProperties properties) {
        return new TransactionalProducers(producers, properties.transactionalProducers());
    }

    @Bean
    DeadLetterProducers deadLetterProducers(KafkaProperties kafkaProperties) {
        return new DeadLetterProducers(deadLetterProducerFactory(kafkaProperties));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(DeadLetterProducers deadLetterProducers, BookingsKafkaProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(deadLetterProducers.factory));
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders().add(REASON_HEADER,
                reasonOf(exception).getBytes(StandardCharsets.UTF_8)));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties.retry()));
        handler.addNotRetryableExceptions(UnreadableRecordException.class, DeserializationException.class,
                InvalidMessageException.class);
        meters.ifAvailable(registry -> handler.setRetryListeners(deadLettersCounted(registry)));
        return handler;
    }

    /** Told by the error handler once a record is on its dead-letter topic (not for each failed attempt). */
    private static RetryListener deadLettersCounted(MeterRegistry registry) {
        return new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
                Counter.builder(DEAD_LETTERS).tag("topic", record.topic())
                        .description("Records sent to the topic's -dlt after failing, with the reason in a header")
                        .register(registry).increment();
            }
        };
    }

    /**
     * The innermost message of the failure: spring-kafka's own exception header says "failed to deserialize" or
     * "Listener failed"; operators need the cause ("unknown schema fingerprint ...").
     */
    static String reasonOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * Dead-letter records hold either the original bytes (the record could not be decoded) or the decoded
     * Avro record (processing failed), so the value serializer is chosen by type. Not a bean: a
     * {@code ProducerFactory} or {@code KafkaTemplate} bean would make Boot back off from the service's own.
     */
    private static DefaultKafkaProducerFactory<Object, Object> deadLetterProducerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new LinkedHashMap<>(kafkaProperties.buildProducerProperties());
        config.remove("transactional.id");
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(SpecificRecord.class, new AvroSerializer());
        return new DefaultKafkaProducerFactory<>(config, new DelegatingByTypeSerializer(byType, true),
                new DelegatingByTypeSerializer(byType, true));
    }

    /**
     * Closes the dead-letter producers with the context. The factory is not a bean (see above), so nothing else
     * would: its producers outlived a stopped stack, reconnecting to the gone broker, their sockets taking ports a
     * restarted stack wanted.
     */
    static final class DeadLetterProducers implements DisposableBean {

        final DefaultKafkaProducerFactory<Object, Object> factory;

        DeadLetterProducers(DefaultKafkaProducerFactory<Object, Object> factory) {
            this.factory = factory;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }

    private static ExponentialBackOff backOff(BookingsKafkaProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxRetries());
        return backOff;
    }

    /** Every catalog topic (compacted where the catalog says so) and its dead-letter twin; existing ones are left as they are. */
    @Bean
    @ConditionalOnProperty(prefix = "bookings.kafka.topics", name = "create", matchIfMissing = true)
    KafkaAdmin.NewTopics catalogTopics(BookingsKafkaProperties properties) {
        BookingsKafkaProperties.Topics settings = properties.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topics.CATALOG) {
            TopicBuilder source = TopicBuilder.name(topic.name()).partitions(settings.partitions())
                    .replicas(settings.replicationFactor());
            topics.add(topic.cleanup() == Topic.Cleanup.COMPACT ? source.compact().build() : source.build());
            // never compacted: two failures with one key are two records to look at (retention is the broker's)
            topics.add(TopicBuilder.name(topic.deadLetter()).partitions(settings.partitions())
                    .replicas(settings.replicationFactor()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
