package dev.bookingsinvoicing.invoicing;

import java.time.Clock;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;

import dev.bookingsinvoicing.invoicing.command.CommandValidator;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;

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
    InvoicePlanner invoicePlanner() {
        return new InvoicePlanner();
    }

    /**
     * Creates the indexes declared on {@link BookingRow} at start-up (Spring Data no longer does it by itself).
     * The embedded server accepts and ignores them; a real MongoDB needs them for the view's queries.
     */
    @Bean
    ApplicationRunner bookingRowIndexes(MongoTemplate mongo) {
        return args -> {
            IndexOperations indexes = mongo.indexOps(BookingRow.class);
            new MongoPersistentEntityIndexResolver(mongo.getConverter().getMappingContext())
                    .resolveIndexFor(BookingRow.class).forEach(indexes::createIndex);
        };
    }
}
