package dev.bookingsinvoicing.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fails the build when a schema change would break a consumer or producer of an earlier version. */
class SchemaHistoryTest {

    static List<Class<? extends SpecificRecord>> recordTypes() {
        return List.copyOf(EventSchemas.recordTypes());
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void theCurrentSchemaIsReleasedAsTheLatestVersion(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = EventSchemas.history(current.getFullName());

        assertThat(history).as("released versions of %s under schema-history/", current.getFullName()).isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1)))
                .as("%s changed: release it as the next v<N>.avsc", current.getFullName())
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void everyReleasedVersionIsBackwardAndForwardCompatibleWithTheCurrentOne(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.get().getSchema(type);
        for (Schema released : EventSchemas.history(current.getFullName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released).getType())
                    .as("current %s reads records written with an earlier version", current.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released, current).getType())
                    .as("an earlier reader of %s reads records written now", current.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
