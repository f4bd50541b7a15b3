package dev.bookingsinvoicing.bc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import dev.bookingsinvoicing.service.security.ReaderAdminApiSecurity;
import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/**
 * Writes the draft invoices of {@code invoicing.invoices}, with their customers and items, to Dynamics 365 Business
 * Central as draft Sales Invoices, and announces each result on {@code business-central.exports}.
 */
@SpringBootApplication
@Import({ ReaderAdminApiSecurity.class, ProblemDetailApiDocs.class })
@ConfigurationPropertiesScan
public class BusinessCentralConnectorApplication {

    /** The way every launcher (main, tests, the local stack) starts this service: with its own config file name. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BusinessCentralConnectorApplication.class)
                .properties("spring.config.name=business-central-connector");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
