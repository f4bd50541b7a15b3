package dev.bookingsinvoicing.invoicing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/** The invoicing service: the "Bookings Not Invoiced" view, its query API and the invoicing commands. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProblemDetailApiDocs.class)
public class InvoicingServiceApplication {

    /** Reads invoicing-service.yml, not application.yml: every service shares one classpath in the local stack. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(InvoicingServiceApplication.class)
                .properties("spring.config.name=invoicing-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
