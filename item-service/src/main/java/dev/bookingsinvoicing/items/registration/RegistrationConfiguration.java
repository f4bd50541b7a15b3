package dev.bookingsinvoicing.items.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.items.templates.ItemTemplates;
import dev.bookingsinvoicing.registration.PublishWithoutLinger;
import dev.bookingsinvoicing.service.registration.NumberSeriesMonitor;

/** Wires the plain registration classes from the validated settings (the store takes just the MongoTemplate). */
@Configuration(proxyBeanMethods = false)
@Import({ ItemStore.class, PublishWithoutLinger.class })
public class RegistrationConfiguration {

    /** Seeds the configured templates and fails the start-up when the default template does not exist. */
    @Bean
    ItemTemplates itemTemplates(MongoTemplate mongo, ItemStore store, ItemProperties properties) {
        ItemTemplates templates = new ItemTemplates(mongo, store, properties.defaultTemplate());
        templates.seedAndCheck(properties.templates());
        return templates;
    }

    @Bean
    ItemRegistrar itemRegistrar(ItemProperties properties, ItemStore store, ItemTemplates templates) {
        return new ItemRegistrar(new ItemFilter(properties.filter()), templates::defaultTemplate,
                properties.numberSeries().numbers(), store);
    }

    /**
     * Health {@code itemNumberSeries} and the gauge {@code bookings.numbers.remaining{series=item}}, read from the
     * shared counter; a series already past its warning share is logged again at start-up.
     */
    @Bean
    NumberSeriesMonitor itemNumberSeries(ItemProperties properties, ItemStore store) {
        return NumberSeriesMonitor.started(properties.numberSeries().numbers(), store::lastNumber);
    }
}
