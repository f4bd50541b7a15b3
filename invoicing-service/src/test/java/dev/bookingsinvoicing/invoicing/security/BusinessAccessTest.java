package dev.bookingsinvoicing.invoicing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.service.security.ServiceUsersProperties;
import dev.bookingsinvoicing.service.security.ServiceUsersProperties.User;

class BusinessAccessTest {

    private final BusinessAccessResolver users = new BusinessAccessResolver(new ServiceUsersProperties(List.of(
            new User("ops", "{noop}x", List.of("OPERATOR"), List.of()),
            new User("north", "{noop}x", List.of("OPERATOR"), List.of("spa", "clinic")))));

    @Test
    void aUserWithoutBusinessesSeesEveryBusinessAndAListedUserOnlyTheirs() {
        BusinessAccess ops = users.of("ops");
        BusinessAccess north = users.of("north");

        assertThat(ops.everyBusiness()).isTrue();
        assertThat(ops.allowsBooking("salon/a1/c1")).isTrue();
        assertThat(north.businesses()).containsExactly("clinic", "spa");
        assertThat(north.allowsBooking("spa/a1/c1")).isTrue();
        assertThat(north.allowsBooking("salon/a1/c1")).isFalse();
        // a booking id without a business is nobody's
        assertThat(north.allowsBooking("spa")).isFalse();
    }

    @Test
    void aUserTheConfigurationDoesNotKnowSeesNothing() {
        BusinessAccess stranger = users.of("stranger");
        assertThat(stranger.everyBusiness()).isFalse();
        assertThat(stranger.allows("spa")).isFalse();
    }

    @Test
    void namingAnotherBusinessIsRefusedWithTheBusinessInTheMessage() {
        BusinessAccess north = users.of("north");
        north.check("spa");
        north.check(null);
        assertThatThrownBy(() -> north.checkBookings(List.of("spa/a1/c1", "salon/a2/c1")))
                .isInstanceOf(BusinessNotAllowedException.class)
                .hasMessage("User north may not see or act on business salon");
    }

    @Test
    void anInvoiceIsVisibleWhenAllItsLinesAreAndACommandWhenItsSenderOrAllItsBusinessesAre() {
        BusinessAccess north = users.of("north");

        assertThat(north.seesInvoice(List.of("spa/a1/c1", "clinic/a2/c1"))).isTrue();
        assertThat(north.seesInvoice(List.of("spa/a1/c1", "salon/a2/c1"))).isFalse();
        assertThat(north.seesInvoice(List.of())).isFalse();

        assertThat(north.seesCommand("ops", List.of("spa"))).isTrue();
        assertThat(north.seesCommand("ops", List.of("spa", "salon"))).isFalse();
        assertThat(north.seesCommand("ops", List.of())).isFalse();
        assertThat(north.seesCommand("north", List.of())).isTrue();
        assertThat(users.of("ops").seesCommand("north", List.of("salon"))).isTrue();
    }
}
