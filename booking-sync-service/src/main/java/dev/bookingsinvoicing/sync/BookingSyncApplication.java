package dev.bookingsinvoicing.sync;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/** Polls Microsoft Graph per Bookings business and publishes what it finds to Kafka. */
@SpringBootApplication
@EnableScheduling
@Import(ProblemDetailApiDocs.class)
@ConfigurationPropertiesScan
public class BookingSyncApplication {

    /** The service's own config file name, so several services can share one classpath (the local stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BookingSyncApplication.class)
                .properties("spring.config.name=booking-sync-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
