package dev.bookingsinvoicing.registration;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A registration service's listener waits for each publish before it takes the next record (so a failed publish
 * fails the record), hence the shared producer default {@code linger.ms=5} would only add 5 ms to every record. A
 * service opts in with {@code @Import(PublishWithoutLinger.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class PublishWithoutLinger {

    @Bean
    public DefaultKafkaProducerFactoryCustomizer publishWithoutLinger() {
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    }
}
