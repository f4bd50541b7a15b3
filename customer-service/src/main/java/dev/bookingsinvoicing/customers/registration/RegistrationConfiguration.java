package dev.bookingsinvoicing.customers.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;

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
                new CustomerNumbers(properties.numberSeries()), store);
    }
}
