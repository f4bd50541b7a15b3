package dev.bookingsinvoicing.sync.setup;

import java.time.Duration;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The Booking Sync setup of one Bookings business (Business Central table 6702), one document per business in
 * {@code booking_sync_setup} with {@code _id} = the business id (its mailbox address).
 *
 * @param syncInterval        ISO-8601 duration, null = the global {@code bookings.sync.interval}
 * @param lastCustomerSync    when customers were last synced completely; cleared when the customer filter changes
 * @param lastServiceSync     when services were last synced completely; cleared when the item filter changes
 * @param appointmentWatermark the "now" of the last fully successful run: the next incremental run reads from here
 *                            (minus the overlap); null = the next run reads the whole lookback window
 * @param lastFullSync        when a full-window (reconciliation) run last succeeded; cleared when one is asked for,
 *                            so the runs after it stay full-window until one succeeds
 * @param customersResyncFrom customers whose last publication is older than this are published again (a full resync)
 * @param servicesResyncFrom  services whose last publication is older than this are published again
 * @param version             incremented by every change over the API, so a run that started before a change does
 *                            not set the last-sync marks that change just cleared
 */
@Document(SetupStore.COLLECTION)
public record BookingSyncSetup(@Id String id, String displayName, boolean enabled, boolean syncCustomers,
        String customerFilter, String customerTemplateCode, boolean syncServices, String itemFilter,
        String itemTemplateCode, String syncInterval, Instant lastCustomerSync, Instant lastServiceSync,
        Instant appointmentWatermark, Instant lastFullSync, Instant customersResyncFrom, Instant servicesResyncFrom,
        long version) {

    /** The editable part of a setup, as configured or sent to {@code PUT /api/sync/setup/{id}}; null = unchanged. */
    public record Settings(String displayName, Boolean enabled, Boolean syncCustomers, String customerFilter,
            String customerTemplateCode, Boolean syncServices, String itemFilter, String itemTemplateCode,
            Duration syncInterval) {
    }

    /** A business seen for the first time: nothing synced yet, so the first run is a full one. */
    public static BookingSyncSetup create(String id, Settings settings) {
        BookingSyncSetup blank = new BookingSyncSetup(id, id, true, true, "", "", true, "", "", null, null, null,
                null, null, null, null, 0);
        return blank.apply(settings, null).validated();
    }

    /**
     * Applies a change. As in Business Central, changing the customer filter (or switching customer sync on) clears
     * the last customer sync and forces a full customer resync from {@code now}; the same for services.
     */
    public BookingSyncSetup change(Settings settings, Instant now) {
        return apply(settings, now).validated();
    }

    private BookingSyncSetup apply(Settings s, Instant now) {
        boolean newSyncCustomers = s.syncCustomers() != null ? s.syncCustomers() : syncCustomers;
        boolean newSyncServices = s.syncServices() != null ? s.syncServices() : syncServices;
        String newCustomerFilter = s.customerFilter() != null ? s.customerFilter().trim() : customerFilter;
        String newItemFilter = s.itemFilter() != null ? s.itemFilter().trim() : itemFilter;
        boolean customersReset = now != null && (!newCustomerFilter.equals(customerFilter)
                || (newSyncCustomers && !syncCustomers));
        boolean servicesReset = now != null && (!newItemFilter.equals(itemFilter) || (newSyncServices && !syncServices));
        return new BookingSyncSetup(id, s.displayName() != null ? s.displayName() : displayName,
                s.enabled() != null ? s.enabled() : enabled, newSyncCustomers, newCustomerFilter,
                s.customerTemplateCode() != null ? s.customerTemplateCode() : customerTemplateCode, newSyncServices,
                newItemFilter, s.itemTemplateCode() != null ? s.itemTemplateCode() : itemTemplateCode,
                s.syncInterval() != null ? s.syncInterval().toString() : syncInterval,
                customersReset ? null : lastCustomerSync, servicesReset ? null : lastServiceSync, appointmentWatermark,
                lastFullSync, customersReset ? now : customersResyncFrom, servicesReset ? now : servicesResyncFrom,
                now == null ? version : version + 1);
    }

    /** Refuses an id that is not a mailbox address, a filter with an unknown field or a non-positive interval. */
    private BookingSyncSetup validated() {
        BusinessId.requireValid(id);
        SetupFilters.customers(customerFilter);
        SetupFilters.items(itemFilter);
        if (syncInterval != null && (Duration.parse(syncInterval).isNegative() || Duration.parse(syncInterval).isZero())) {
            throw new IllegalArgumentException("sync-interval must be positive: " + syncInterval);
        }
        return this;
    }

    /** The interval of this business, or the given default. */
    public Duration interval(Duration defaultInterval) {
        return syncInterval == null ? defaultInterval : Duration.parse(syncInterval);
    }
}
