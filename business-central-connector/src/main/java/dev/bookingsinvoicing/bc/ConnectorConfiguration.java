package dev.bookingsinvoicing.bc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bookingsinvoicing.bc.client.AccessTokens;
import dev.bookingsinvoicing.bc.client.BusinessCentralClient;
import dev.bookingsinvoicing.bc.client.BusinessCentralProperties;
import dev.bookingsinvoicing.bc.client.RequestLimits;
import dev.bookingsinvoicing.bc.export.InvoiceExporter;

/** The Business Central client and its limits, from {@code bookings.business-central.*}. */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    BusinessCentralClient businessCentralClient(BusinessCentralProperties properties) {
        return new BusinessCentralClient(properties,
                new RequestLimits(properties.maxConcurrentRequests(), properties.requestsPerSecond()),
                AccessTokens.of(properties));
    }

    @Bean
    InvoiceExporter invoiceExporter(BusinessCentralClient client, BusinessCentralProperties properties) {
        return new InvoiceExporter(client, properties.localCurrencyCode());
    }
}
