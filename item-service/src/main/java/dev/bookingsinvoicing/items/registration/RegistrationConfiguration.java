package dev.bookingsinvoicing.items.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the plain registration classes from the validated settings. */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    ItemStore itemStore(MongoTemplate mongo) {
        return new ItemStore(mongo);
    }

    @Bean
    ItemRegistrar itemRegistrar(ItemProperties properties, ItemStore store) {
        return new ItemRegistrar(new ItemFilter(properties.filter()), properties.template(),
                new ItemNumbers(properties.numberSeries()), store);
    }
}
