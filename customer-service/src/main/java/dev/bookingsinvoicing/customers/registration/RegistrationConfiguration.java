package dev.bookingsinvoicing.customers.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.registration.PublishWithoutLinger;
import dev.bookingsinvoicing.service.registration.NumberSeriesMonitor;

/** Wires the plain registration classes from the validated settings (the store takes just the MongoTemplate). */
@Configuration(proxyBeanMethods = false)
@Import({ CustomerStore.class, PublishWithoutLinger.class })
public class RegistrationConfiguration {

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
        return NumberSeriesMonitor.started(properties.numberSeries().numbers(), store::lastNumber);
    }
}
