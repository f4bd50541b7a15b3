package dev.bookingsinvoicing.invoicing.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.data.mongodb.core.query.Criteria;

import dev.bookingsinvoicing.schemas.Keys;

/**
 * The Bookings businesses one signed-in user may see and act on: every business, or the ones listed for the user in
 * {@code bookings.security.users[].businesses}. Every read of the view, the draft invoices and the command history
 * is narrowed by it, and the page checks every booking a command would name against it.
 *
 * <p>A booking belongs to the business its id starts with ({@code {businessId}/{appointmentId}/{customerId}}); a
 * draft invoice is visible when all its lines are; a command result when the user sent it, or when it names
 * businesses and all of them are the user's (a result naming none, e.g. a rejected "invoice all", stays with its
 * sender and the users who see every business).
 */
public final class BusinessAccess {

    private final String user;
    /** null: every business. */
    private final SortedSet<String> businesses;

    private BusinessAccess(String user, SortedSet<String> businesses) {
        this.user = user;
        this.businesses = businesses;
    }

    public static BusinessAccess everyBusiness(String user) {
        return new BusinessAccess(user, null);
    }

    public static BusinessAccess only(String user, Collection<String> businesses) {
        return new BusinessAccess(user, Collections.unmodifiableSortedSet(new TreeSet<>(businesses)));
    }

    public String user() {
        return user;
    }

    public boolean everyBusiness() {
        return businesses == null;
    }

    /** The user's businesses, sorted; only meaningful when not {@link #everyBusiness()}. */
    public SortedSet<String> businesses() {
        return businesses == null ? Collections.emptySortedSet() : businesses;
    }

    public boolean allows(String businessId) {
        return businesses == null || businesses.contains(businessId);
    }

    public boolean allowsBooking(String bookingId) {
        return allows(Keys.businessOf(bookingId));
    }

    /** Refuses a business the request names but the user may not see. */
    public void check(String businessId) {
        if (businessId != null && !allows(businessId)) {
            throw new BusinessNotAllowedException(user, businessId);
        }
    }

    /** Refuses the first booking id of a business the user may not act on. */
    public void checkBookings(Collection<String> bookingIds) {
        bookingIds.stream().filter(id -> !allowsBooking(id)).findFirst()
                .ifPresent(id -> check(Keys.businessOf(id)));
    }

    /** {@code criteria} narrowed to the view rows (and claims, overrides...) of the user's businesses. */
    public Criteria rows(Criteria criteria) {
        return businesses == null ? criteria : and(criteria, where("businessId").in(businesses));
    }

    /** {@code criteria} narrowed to draft invoices without a line of another business. */
    public Criteria invoices(Criteria criteria) {
        return businesses == null ? criteria
                : and(criteria, where("lines").not().elemMatch(where("businessId").nin(businesses))
                        .and("lines.0").exists(true));
    }

    /** {@code criteria} narrowed to command results the user sent or that name only the user's businesses. */
    public Criteria commands(Criteria criteria) {
        return businesses == null ? criteria
                : and(criteria, new Criteria().orOperator(where("issuedBy").is(user),
                        where("businessIds").not().elemMatch(new Criteria().nin(businesses))
                                .and("businessIds.0").exists(true)));
    }

    public boolean seesInvoice(List<String> lineBookingIds) {
        return businesses == null || (!lineBookingIds.isEmpty() && lineBookingIds.stream().allMatch(this::allowsBooking));
    }

    public boolean seesCommand(String issuedBy, List<String> businessIds) {
        return businesses == null || user.equals(issuedBy)
                || (!businessIds.isEmpty() && businesses.containsAll(businessIds));
    }

    private static Criteria and(Criteria criteria, Criteria limit) {
        return criteria.getCriteriaObject().isEmpty() ? limit : new Criteria().andOperator(criteria, limit);
    }

    @Override
    public String toString() {
        return "BusinessAccess[" + user + ": " + (businesses == null ? "every business" : businesses) + "]";
    }
}
