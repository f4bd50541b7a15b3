package dev.bookingsinvoicing.customers.registration;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.service.registration.NumberSeriesMonitor;

/** Wires the plain registration classes from the validated settings. */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    CustomerStore customerStore(MongoTemplate mongo) {
        return new CustomerStore(mongo);
    }

    /** Seeds the configured templates and fails the start-up when the default template does not exist. */
    @Bean
    CustomerTemplates customerTemplates(MongoTemplate mongo, CustomerStore store, CustomerProperties properties) {
        CustomerTemplates templates = new CustomerTemplates(mongo, store, properties.defaultTemplate());
        templates.seedAndCheck(properties.templates());
        return templates;
    }

    @Bean
    CustomerRegistrar customerRegistrar(CustomerProperties properties, CustomerStore store,
            CustomerTemplates templates) {
        return new CustomerRegistrar(new CustomerFilter(properties.filter()), templates::defaultTemplate,
                properties.numberSeries().numbers(), store);
    }

    /**
     * Health {@code customerNumberSeries} and the gauge {@code bookings.numbers.remaining{series=customer}}, read from
     * the shared counter; a series already past its warning share is logged again at start-up.
     */
    @Bean
    NumberSeriesMonitor customerNumberSeries(CustomerProperties properties, CustomerStore store) {
        NumberSeriesMonitor monitor = new NumberSeriesMonitor(properties.numberSeries().numbers(), store::lastNumber);
        monitor.warnIfPastWarning();
        return monitor;
    }

    /**
     * The listener waits for each publish before it takes the next record (so a failed publish fails the record),
     * hence the shared producer default {@code linger.ms=5} would only add 5 ms to every record here.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer publishWithoutLinger() {
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    }
}
