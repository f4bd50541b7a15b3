package dev.bookingsinvoicing.customers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns Bookings customers into customer records with numbers, and announces each registration or rejection. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerServiceApplication {

    /** The way every launcher (main, tests, the local stack) starts this service: with its own config file name. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CustomerServiceApplication.class)
                .properties("spring.config.name=customer-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
