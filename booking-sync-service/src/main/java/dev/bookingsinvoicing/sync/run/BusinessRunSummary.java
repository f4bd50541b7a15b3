package dev.bookingsinvoicing.sync.run;

/**
 * What one run did for one business.
 *
 * @param published  events published (services, customers, completed and cancelled appointments)
 * @param unchanged  things read that were already published with the same content
 * @param error      why the run failed for this business, null when it succeeded
 */
public record BusinessRunSummary(String businessId, int services, int customers, int appointments,
        int servicesPublished, int customersPublished, int appointmentsPublished, int cancellationsPublished,
        int unchanged, String error) {

    static BusinessRunSummary failure(String businessId, String error) {
        return new BusinessRunSummary(businessId, 0, 0, 0, 0, 0, 0, 0, 0, error);
    }

    public int published() {
        return servicesPublished + customersPublished + appointmentsPublished + cancellationsPublished;
    }
}
