package dev.bookingsinvoicing.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Outcome ids are part of the contract: consumers deduplicate by them, and a re-processed discovery must give the
 * id it gave before, in this version and the next. Their recipe, as the services have always used it: the
 * name-based UUID of the event's name and content joined by U+001F, the previous event's id last as "after:id".
 */
class EventIdsTest {

    @Test
    void anIdIsTheNameBasedUuidOfItsPartsAndOfTheEventBefore() {
        String first = EventIds.of(null, "CustomerRejected", "salon", "c1", "email-required", "no email");
        assertThat(first).isEqualTo(nameBased("CustomerRejected\u001fsalon\u001fc1\u001femail-required\u001fno email"));

        List<String> update = List.of("ItemUpdated", "salon", "s1", "SVC0010", "Haircut", "30.00", "unitPrice");
        assertThat(EventIds.of(first, update)).isEqualTo(nameBased("ItemUpdated\u001fsalon\u001fs1\u001fSVC0010"
                + "\u001fHaircut\u001f30.00\u001funitPrice\u001fafter:" + first));
    }

    @Test
    void partsNeverRunIntoEachOtherAndTheEventBeforeMakesADifferentId() {
        assertThat(EventIds.of(null, "ItemRejected", "a/b", "c")).isNotEqualTo(EventIds.of(null, "ItemRejected", "a",
                "b/c"));
        assertThat(EventIds.of("e1", "ItemRejected", "a")).isNotEqualTo(EventIds.of("e2", "ItemRejected", "a"))
                .isNotEqualTo(EventIds.of(null, "ItemRejected", "a"));
    }

    private static String nameBased(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
