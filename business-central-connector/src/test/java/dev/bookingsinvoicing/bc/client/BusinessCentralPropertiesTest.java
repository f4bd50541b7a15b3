package dev.bookingsinvoicing.bc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.bc.client.BusinessCentralProperties.Auth;

/** The connector's addressing, its share of Business Central's rate limit and its reading of Retry-After. */
class BusinessCentralPropertiesTest {

    private static BusinessCentralProperties properties(Auth auth, String secret, int requests, Duration window) {
        return new BusinessCentralProperties("https://api.businesscentral.dynamics.com/", "tenant-1", "sandbox",
                "company-1", auth, "client-1", secret, "token", null, "https://api.businesscentral.dynamics.com/.default",
                5, requests, window, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(4), "", 2);
    }

    @Test
    void addressesTheCompanyAsTheApiReferenceDoes() {
        assertThat(properties(Auth.CLIENT_SECRET, "s", 6000, Duration.ofMinutes(5)).companyUrl()).isEqualTo(
                "https://api.businesscentral.dynamics.com/v2.0/tenant-1/sandbox/api/v2.0/companies(company-1)");
    }

    @Test
    void noSlidingWindowOfFiveMinutesHoldsMoreThan6000Requests() {
        int perSecond = properties(Auth.CLIENT_SECRET, "s", 6000, Duration.ofMinutes(5)).requestsPerSecond();
        // a window of 300 s overlaps at most 301 one-second cycles of the rate limiter
        assertThat(perSecond * 301).isLessThanOrEqualTo(6000);
        assertThat((perSecond + 1) * 301).isGreaterThan(6000);
    }

    @Test
    void refusesToStartWithoutTheAppRegistrationsSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> properties(Auth.CLIENT_SECRET, null, 6000, Duration.ofMinutes(5)))
                .hasMessageContaining("bookings.business-central.client-id and client-secret");
        assertThat(properties(Auth.CLIENT_SECRET, "very-secret", 6000, Duration.ofMinutes(5)).toString())
                .doesNotContain("very-secret").contains("clientSecret=****");
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(BusinessCentralClient.retryAfter("7")).contains(Duration.ofSeconds(7));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(BusinessCentralClient.retryAfter(inTenSeconds)).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
        assertThat(BusinessCentralClient.retryAfter("soon")).isEmpty();
    }
}
