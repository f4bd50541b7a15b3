package dev.bookingsinvoicing.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money and quantities in the events: an exact field (scale {@value #EXACT_SCALE}, added in a later schema version)
 * beside the field of the first version (scale 2 for money, 4 for quantities), which old readers keep reading.
 * Writers fill both, readers prefer the exact one (records written before it existed carry only the other). Avro
 * refuses a decimal whose scale is not the schema's, so every value is brought to the field's scale here.
 */
public final class DecimalFields {

    /** The scale of the exact fields: Business Central's quantity and unit-price precision (0.00001). */
    public static final int EXACT_SCALE = 5;

    /** The scale of money fields of the first schema versions. */
    public static final int LEGACY_MONEY_SCALE = 2;

    /** The scale of quantity fields of the first schema versions. */
    public static final int LEGACY_QUANTITY_SCALE = 4;

    private DecimalFields() {
    }

    /** For an exact field: the value at scale 5 (null stays null). */
    public static BigDecimal exact(BigDecimal value) {
        return value == null ? null : value.setScale(EXACT_SCALE, RoundingMode.HALF_UP);
    }

    /** For a money field of the first versions: rounded half up to 2 decimals (null stays null). */
    public static BigDecimal legacyMoney(BigDecimal value) {
        return value == null ? null : value.setScale(LEGACY_MONEY_SCALE, RoundingMode.HALF_UP);
    }

    /** For a quantity field of the first versions: rounded half up to 4 decimals (null stays null). */
    public static BigDecimal legacyQuantity(BigDecimal value) {
        return value == null ? null : value.setScale(LEGACY_QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    /** What a reader uses: the exact field when the record has it, else the field of the first versions. */
    public static BigDecimal read(BigDecimal exact, BigDecimal legacy) {
        return exact != null ? exact : legacy;
    }
}
