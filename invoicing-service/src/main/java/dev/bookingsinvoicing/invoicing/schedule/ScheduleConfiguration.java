package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

import dev.bookingsinvoicing.invoicing.command.CommandSender;

/** Runs the billing schedules every {@code bookings.invoicing.schedules.tick}, on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ScheduleConfiguration {

    @Bean
    BillingScheduleRunner billingScheduleRunner(BillingScheduleStore schedules, CommandSender sender, Clock clock) {
        return new BillingScheduleRunner(schedules, sender, clock);
    }

    @Bean
    SchedulingConfigurer billingScheduleTick(BillingScheduleRunner runner, ScheduleProperties properties) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(runner::runDue, properties.tick(),
                properties.tick()));
    }
}
