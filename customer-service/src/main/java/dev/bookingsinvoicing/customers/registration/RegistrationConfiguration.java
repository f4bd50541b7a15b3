package dev.bookingsinvoicing.customers.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the plain registration classes from the validated settings. */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    CustomerStore customerStore(MongoTemplate mongo) {
        return new CustomerStore(mongo);
    }

    @Bean
    CustomerRegistrar customerRegistrar(CustomerProperties properties, CustomerStore store) {
        return new CustomerRegistrar(new CustomerFilter(properties.filter()), properties.template(),
                new CustomerNumbers(properties.numberSeries()), store);
    }
}
