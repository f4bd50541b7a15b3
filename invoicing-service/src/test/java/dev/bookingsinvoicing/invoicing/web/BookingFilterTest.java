package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.view.BookingStatus;

/** The list's filter as it travels in links, and the command ids a page action derives. */
class BookingFilterTest {

    @Test
    void unknownSortsAndSizesFallBackAndBlankFiltersAreNone() {
        BookingFilter filter = new BookingFilter(" ", "", null, null, null, "nonsense", "sideways", -3, 7);
        assertThat(filter.businessId()).isNull();
        assertThat(filter.customer()).isNull();
        assertThat(filter.sort()).isEqualTo("date");
        assertThat(filter.dir()).isEqualTo("asc");
        assertThat(filter.page()).isZero();
        assertThat(filter.size()).isEqualTo(50);
        assertThat(filter.filtered()).isFalse();
    }

    @Test
    void linksKeepTheFilterAndFlipTheSortOfTheCurrentColumn() {
        BookingFilter filter = new BookingFilter("salon", "Ann Smith", BookingStatus.READY, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), "customer", "asc", 2, 25);
        assertThat(filter.query(3)).isEqualTo("?businessId=salon&customer=Ann%20Smith&status=READY&from=2026-03-01"
                + "&to=2026-03-31&sort=customer&dir=asc&page=3&size=25");
        assertThat(filter.sortedBy("customer")).contains("sort=customer&dir=desc&page=0");
        assertThat(filter.sortedBy("amount")).contains("sort=amount&dir=asc&page=0");
        assertThat(filter.ariaSort("customer")).isEqualTo("ascending");
        assertThat(filter.ariaSort("date")).isEqualTo("none");
        assertThat(filter.scopeDescription(true)).isEqualTo("business salon, 2026-03-01 to 2026-03-31");
    }

    @Test
    void theSameFormSubmittedTwiceGivesTheSameCommandIdsAndAnotherRequestNewOnes() {
        String once = OperatorActions.actionId("token-1", "invoice-selected", List.of("salon/a1/c1", "salon/a2/c1"));
        assertThat(OperatorActions.actionId("token-1", "invoice-selected", List.of("salon/a1/c1", "salon/a2/c1")))
                .isEqualTo(once);
        assertThat(OperatorActions.actionId("token-1", "invoice-selected", List.of("salon/a1/c1"))).isNotEqualTo(once);
        assertThat(OperatorActions.actionId("token-1", "mark-invoiced", List.of("salon/a1/c1", "salon/a2/c1")))
                .isNotEqualTo(once);
        assertThat(OperatorActions.actionId("token-2", "invoice-selected", List.of("salon/a1/c1", "salon/a2/c1")))
                .isNotEqualTo(once);
    }
}
