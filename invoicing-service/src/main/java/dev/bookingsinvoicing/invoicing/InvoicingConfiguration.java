package dev.bookingsinvoicing.invoicing;

import java.time.Clock;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import dev.bookingsinvoicing.invoicing.api.DashboardCache;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.CommandValidator;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanStore;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;
import dev.bookingsinvoicing.invoicing.correction.Correction;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedListener;

/** Wires the plain domain classes and creates the MongoDB indexes the queries need. */
@Configuration(proxyBeanMethods = false)
public class InvoicingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Pricing pricing() {
        return new Pricing();
    }

    @Bean
    BookingRows bookingRows(Pricing pricing) {
        return new BookingRows(pricing);
    }

    @Bean
    CommandValidator commandValidator(InvoicingProperties properties) {
        return new CommandValidator(properties.maxSelection());
    }

    @Bean
    DashboardCache dashboardCache(InvoicingProperties properties, Clock clock, TaskExecutor applicationTaskExecutor,
            ObjectProvider<MeterRegistry> meters) {
        InvoicingProperties.Dashboard dashboard = properties.dashboard();
        DashboardCache cache = new DashboardCache(dashboard.maxAge(), dashboard.maxStale(), dashboard.maxEntries(),
                clock, applicationTaskExecutor);
        if (cache.caffeine() != null) {
            // hits, misses, loads, evictions and size as cache.* meters tagged cache=dashboard
            meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, cache.caffeine(), "dashboard"));
        }
        return cache;
    }

    @Bean
    InvoicePlanner invoicePlanner(InvoicingProperties properties) {
        return new InvoicePlanner(properties.maxLinesPerInvoice(), properties.grouping(),
                properties.hourUnitOfMeasure());
    }

    @Bean
    InvoicePlanStore invoicePlanStore(MongoTemplate mongo, InvoicingProperties properties) {
        return new InvoicePlanStore(mongo, properties.planLinesPerDocument());
    }

    /**
     * The view's listeners publish nothing, so they need no Kafka transaction: a begin/commit per record would
     * only slow the projection down. Same settings and error policy as the default factory otherwise. Commands
     * keep the default, transactional factory (events + offset in one transaction).
     */
    @Bean(BookingsNotInvoicedListener.CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> viewListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setKafkaAwareTransactionManager(null);
        return factory;
    }

    /**
     * Creates the indexes declared on {@link BookingRow}, {@link DraftInvoice}, {@link CommandResult} and
     * {@link Correction} at start-up
     * (Spring Data no longer does it by itself). The embedded server accepts and ignores them; a real MongoDB needs
     * them for the view's and the dashboard's queries.
     */
    @Bean
    ApplicationRunner bookingRowIndexes(MongoTemplate mongo) {
        return args -> {
            MongoPersistentEntityIndexResolver resolver = new MongoPersistentEntityIndexResolver(
                    mongo.getConverter().getMappingContext());
            for (Class<?> type : new Class<?>[] { BookingRow.class, DraftInvoice.class, CommandResult.class,
                    Correction.class }) {
                IndexOperations indexes = mongo.indexOps(type);
                resolver.resolveIndexFor(type).forEach(indexes::createIndex);
            }
        };
    }
}
