package dev.bookingsinvoicing.items;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import dev.bookingsinvoicing.service.security.ReaderAdminApiSecurity;
import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/** Turns Bookings services into items of type Service with numbers, and announces each registration or rejection. */
@SpringBootApplication
@Import({ ReaderAdminApiSecurity.class, ProblemDetailApiDocs.class })
@ConfigurationPropertiesScan
public class ItemServiceApplication {

    /** The way every launcher (main, tests, the local stack) starts this service: with its own config file name. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ItemServiceApplication.class).properties("spring.config.name=item-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
