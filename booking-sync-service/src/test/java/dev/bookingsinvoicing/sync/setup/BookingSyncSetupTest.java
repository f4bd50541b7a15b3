package dev.bookingsinvoicing.sync.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;
import dev.bookingsinvoicing.sync.setup.BookingSyncSetup.Settings;

class BookingSyncSetupTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(3600);
    static final CustomerData ANA = new CustomerData("c1", "Ana Silva", "ana@contoso.com", null, "Main 1",
            "Amsterdam", null, "1000", "NL");
    static final CustomerData WALK_IN = new CustomerData("c2", "Walk-in", null, null, null, null, null, null, null);
    static final ServiceData HIDDEN = new ServiceData("s1", "Staff only", "free", BigDecimal.ZERO, 15, 1, true);

    @Test
    void filtersMatchFieldsCaseInsensitivelyWithWildcardsAndAlternatives() {
        assertThat(SetupFilters.customers("email=*@CONTOSO.com").accepts(ANA)).isTrue();
        assertThat(SetupFilters.customers("email=*@contoso.com").accepts(WALK_IN)).isFalse();
        assertThat(SetupFilters.customers("email=''").accepts(WALK_IN)).isTrue();
        assertThat(SetupFilters.customers("city=Berlin|amsterdam; country=NL").accepts(ANA)).isTrue();
        assertThat(SetupFilters.customers("city=Berlin|amsterdam; country=DE").accepts(ANA)).isFalse();
        assertThat(SetupFilters.customers(" ").accepts(WALK_IN)).isTrue();
        assertThat(SetupFilters.items("hidden=false").accepts(HIDDEN)).isFalse();
        assertThat(SetupFilters.items("name=Staff*").accepts(HIDDEN)).isTrue();
    }

    @Test
    void aWrongFilterIsRefusedWithTheSettingAndTheFieldsItKnows() {
        assertThatThrownBy(() -> SetupFilters.customers("mail=x")).hasMessageContaining("customer-filter")
                .hasMessageContaining("unknown filter field 'mail'").hasMessageContaining("email");
        assertThatThrownBy(() -> SetupFilters.items("hidden")).hasMessageContaining("item-filter")
                .hasMessageContaining("not field=value");
        assertThatThrownBy(() -> BookingSyncSetup.create("b@x.com", settings(null, "price=1", null)))
                .hasMessageContaining("item-filter");
    }

    @Test
    void changingAFilterClearsItsLastSyncMarkAndForcesAResyncLikeBusinessCentral() {
        BookingSyncSetup synced = new BookingSyncSetup("b@x.com", "B", true, true, "", "BOOKINGS", true, "", "SVC",
                null, T0, T0, T0, T0, null, null, 3);

        BookingSyncSetup customersChanged = synced.change(settings("email=*@x.com", null, null), T1);
        assertThat(customersChanged.lastCustomerSync()).isNull();
        assertThat(customersChanged.customersResyncFrom()).isEqualTo(T1);
        assertThat(customersChanged.lastServiceSync()).isEqualTo(T0);
        assertThat(customersChanged.servicesResyncFrom()).isNull();
        assertThat(customersChanged.appointmentWatermark()).isEqualTo(T0);
        assertThat(customersChanged.version()).isEqualTo(4);

        BookingSyncSetup itemsChanged = synced.change(settings(null, "hidden=false", null), T1);
        assertThat(itemsChanged.lastServiceSync()).isNull();
        assertThat(itemsChanged.servicesResyncFrom()).isEqualTo(T1);
        assertThat(itemsChanged.lastCustomerSync()).isEqualTo(T0);

        // the same filter again, or a template or display name change, is not a filter change
        BookingSyncSetup renamed = synced.change(new Settings("Renamed", null, null, "", "OTHER", null, "", null,
                Duration.ofMinutes(5)), T1);
        assertThat(renamed.lastCustomerSync()).isEqualTo(T0);
        assertThat(renamed.lastServiceSync()).isEqualTo(T0);
        assertThat(renamed.customerTemplateCode()).isEqualTo("OTHER");
        assertThat(renamed.interval(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(5));

        // switching customer sync back on is a full customer resync too
        BookingSyncSetup off = synced.change(new Settings(null, null, false, null, null, null, null, null, null), T1);
        BookingSyncSetup on = off.change(new Settings(null, null, true, null, null, null, null, null, null),
                T1.plusSeconds(1));
        assertThat(on.lastCustomerSync()).isNull();
        assertThat(on.customersResyncFrom()).isEqualTo(T1.plusSeconds(1));
    }

    @Test
    void aNewBusinessStartsWithNothingSyncedAndDefaultsSwitchedOn() {
        BookingSyncSetup created = BookingSyncSetup.create("b@x.com", settings(null, null, null));
        assertThat(created.enabled()).isTrue();
        assertThat(created.syncCustomers()).isTrue();
        assertThat(created.syncServices()).isTrue();
        assertThat(created.appointmentWatermark()).isNull();
        assertThat(created.lastCustomerSync()).isNull();
        assertThat(created.displayName()).isEqualTo("b@x.com");
    }

    private static Settings settings(String customerFilter, String itemFilter, Boolean syncServices) {
        return new Settings(null, null, null, customerFilter, null, syncServices, itemFilter, null, null);
    }
}
