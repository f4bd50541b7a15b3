package dev.bookingsinvoicing.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceGrouping;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CurrencyTotal;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.ExportedDocumentType;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.events.PreviewedInvoice;
import dev.bookingsinvoicing.events.PreviewedLine;
import dev.bookingsinvoicing.events.SkippedBooking;

/**
 * Real evolutions, end to end: CommandCompleted v2 added {@code bookingIds} (default []), DraftInvoiceCreated v2 added
 * each line's {@code serviceLocalDate} and {@code timeZone} (default null), CommandCompleted v4 the preview of an
 * InvoiceBookings, InvoiceBookings v4 its {@code grouping} (default null: the service's default), InvoiceExported v2
 * its {@code documentType} (default INVOICE, CREDIT_MEMO for a credit note's export). Records written by
 * a v1 producer still decode into today's class, and a consumer still on v1 (or v3) reads what we write today.
 */
class SchemaEvolutionTest {

    private static final String NAME = "dev.bookingsinvoicing.events.CommandCompleted";

    private static Schema v1() {
        return EventSchemas.history(NAME).get(0);
    }

    @Test
    void aRecordWrittenWithV1IsReadIntoTheCurrentClassWithTheNewFieldDefaulted() throws Exception {
        Schema v1 = v1();
        assertThat(v1.getField("bookingIds")).as("v1 had no bookingIds").isNull();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("eventId", "e-1").set("occurredAt", 1_700_000_000_000L).set("commandId", "cmd-1")
                .set("commandType", "InvoiceBookings").set("invoiceIds", List.of("DI-1")).set("bookingsInvoiced", 2)
                .set("skipped", List.of()).build();
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);

        CommandCompleted current = (CommandCompleted) EventSchemas.get().decode(array);

        assertThat(current.getCommandId()).isEqualTo("cmd-1");
        assertThat(current.getInvoiceIds()).containsExactly("DI-1");
        assertThat(current.getBookingIds()).isEmpty();
    }

    @Test
    void aConsumerStillOnV1ReadsWhatIsWrittenToday() throws Exception {
        CommandCompleted today = new CommandCompleted("e-2", Instant.parse("2026-11-26T10:00:00Z"), "cmd-2",
                "MarkBookingsInvoiced", List.of(), 0,
                List.of(new SkippedBooking("b/a/c", "already invoiced", "ALREADY_INVOICED")),
                List.of("b/a/d"), false, List.of(), List.of(), false);
        byte[] bytes = EventSchemas.get().encode(today);

        BinaryMessageDecoder<GenericRecord> oldReader = new BinaryMessageDecoder<>(GenericData.get(), v1());
        oldReader.addSchema(CommandCompleted.getClassSchema());
        GenericRecord seenByV1 = oldReader.decode(bytes);

        assertThat(seenByV1.get("commandId").toString()).isEqualTo("cmd-2");
        assertThat(seenByV1.getSchema().getField("bookingIds")).isNull();
        assertThat(((List<?>) seenByV1.get("skipped"))).hasSize(1);
    }

    @Test
    void aConsumerStillOnV3ReadsAPreviewAsAResultThatInvoicedNothing() throws Exception {
        CommandCompleted preview = CommandCompleted.newBuilder().setEventId("e-3").setOccurredAt(Instant.EPOCH)
                .setCommandId("cmd-3").setCommandType("InvoiceBookings").setInvoiceIds(List.of())
                .setBookingsInvoiced(0).setSkipped(List.of()).setPreview(true)
                .setPreviewedInvoices(List.of(new PreviewedInvoice("C00010", "Ann", "EUR", List.of("b"), 1,
                        new BigDecimal("45.00000"), List.of(new PreviewedLine("b/a/c", "SVC0010",
                                "Haircut - 2026-11-01", new BigDecimal("1.00000"), new BigDecimal("45.00000"),
                                new BigDecimal("45.00000"))))))
                .setPreviewTotals(List.of(new CurrencyTotal("EUR", 1, 1, new BigDecimal("45.00000")))).build();
        byte[] bytes = EventSchemas.get().encode(preview);

        BinaryMessageDecoder<GenericRecord> v3Reader = new BinaryMessageDecoder<>(GenericData.get(),
                EventSchemas.history(NAME).get(2));
        v3Reader.addSchema(CommandCompleted.getClassSchema());
        GenericRecord seenByV3 = v3Reader.decode(bytes);

        assertThat(seenByV3.getSchema().getField("previewedInvoices")).isNull();
        assertThat((List<?>) seenByV3.get("invoiceIds")).isEmpty();
        assertThat(seenByV3.get("bookingsInvoiced")).isEqualTo(0);
        assertThat(EventSchemas.get().decode(bytes)).isEqualTo(preview);
    }

    @Test
    void aV1InvoiceIsReadWithoutLocalDatesAndTwoDecodedInvoicesCompareEqual() throws Exception {
        Schema v1 = EventSchemas.history("dev.bookingsinvoicing.events.DraftInvoiceCreated").get(0);
        Schema lineV1 = v1.getField("lines").schema().getElementType();
        assertThat(lineV1.getField("serviceLocalDate")).as("v1 lines had no local date").isNull();
        GenericRecord line = new GenericRecordBuilder(lineV1).set("lineNo", 1).set("bookingId", "b/a/c")
                .set("businessId", "b").set("itemNo", "SVC0010").set("description", "Haircut - 2026-11-01")
                .set("serviceDate", 1_793_000_000_000L).set("quantity", ByteBuffer.wrap(new byte[] { 39, 16 }))
                .set("unitPrice", ByteBuffer.wrap(new byte[] { 3, -24 })).set("amount", ByteBuffer.wrap(new byte[] { 3, -24 }))
                .build();
        GenericRecord old = new GenericRecordBuilder(v1).set("eventId", "e-1").set("occurredAt", 1_793_000_000_000L)
                .set("invoiceId", "DI-1").set("commandId", "cmd-1").set("customerNo", "C00010")
                .set("customerName", "Ann").set("currency", "EUR").set("lines", List.of(line))
                .set("totalAmount", ByteBuffer.wrap(new byte[] { 3, -24 })).build();
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);

        DraftInvoiceCreated current = (DraftInvoiceCreated) EventSchemas.get().decode(array);

        assertThat(current.getLines()).singleElement().satisfies(l -> {
            assertThat(l.getDescription()).isEqualTo("Haircut - 2026-11-01");
            assertThat(l.getAmount()).isEqualByComparingTo("10.00");
            assertThat(l.getServiceLocalDate()).isNull();
            assertThat(l.getTimeZone()).isNull();
        });

        // decoded lists compare like any list (Avro's own array type would throw on the date inside a union)
        current.getLines().get(0).setServiceLocalDate(LocalDate.of(2026, 11, 1));
        byte[] today = EventSchemas.get().encode(current);
        assertThat(EventSchemas.get().decode(today))
                .isEqualTo(EventSchemas.get().decode(today)).isEqualTo(current);
    }

    @Test
    void anInvoiceBookingsOfV3IsReadWithTheServicesDefaultGroupingAndAV3ReaderSkipsTheGrouping() throws Exception {
        String name = InvoiceBookings.getClassSchema().getFullName();
        Schema v3 = EventSchemas.history(name).get(2);
        assertThat(v3.getField("grouping")).as("v3 had no grouping").isNull();
        GenericRecord old = new GenericRecordBuilder(v3).set("commandId", "cmd-v3").set("issuedAt", 0L)
                .set("issuedBy", "ops").set("scope", new GenericData.EnumSymbol(v3.getField("scope").schema(), "ALL"))
                .build();
        BinaryMessageDecoder<InvoiceBookings> current = new BinaryMessageDecoder<>(
                org.apache.avro.specific.SpecificData.get(), InvoiceBookings.getClassSchema());
        current.addSchema(v3);

        InvoiceBookings read = current.decode(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3)
                .encode(old));

        assertThat(read.getCommandId()).isEqualTo("cmd-v3");
        assertThat(read.getGrouping()).isNull();

        InvoiceBookings today = InvoiceBookings.newBuilder().setCommandId("cmd-v4").setIssuedAt(Instant.EPOCH)
                .setIssuedBy("ops").setScope(InvoiceScope.ALL).setToDate(LocalDate.of(2026, 2, 28))
                .setGrouping(InvoiceGrouping.CUSTOMER_AND_MONTH).build();
        BinaryMessageDecoder<GenericRecord> v3Reader = new BinaryMessageDecoder<>(GenericData.get(), v3);
        v3Reader.addSchema(InvoiceBookings.getClassSchema());
        GenericRecord seenByV3 = v3Reader.decode(InvoiceBookings.getEncoder().encode(today));

        assertThat(seenByV3.get("commandId").toString()).isEqualTo("cmd-v4");
        assertThat(seenByV3.get("toDate")).isEqualTo((int) LocalDate.of(2026, 2, 28).toEpochDay());
        assertThat(seenByV3.getSchema().getField("grouping")).isNull();
    }

    @Test
    void aV1ExportIsReadAsAnInvoiceAndAV1ReaderReadsACreditMemosExport() throws Exception {
        String name = InvoiceExported.getClassSchema().getFullName();
        Schema v1 = EventSchemas.history(name).get(0);
        assertThat(v1.getField("documentType")).as("v1 had no documentType").isNull();
        GenericRecord old = new GenericRecordBuilder(v1).set("eventId", "e-v1").set("occurredAt", 0L)
                .set("invoiceId", "DI-1").set("customerNo", "C00010").set("businessCentralId", "bc-1")
                .set("businessCentralNumber", "S-INV100001").set("businessCentralStatus", "Draft")
                .set("companyId", "company").set("alreadyThere", false).set("deleted", false).build();
        BinaryMessageDecoder<InvoiceExported> current = new BinaryMessageDecoder<>(
                org.apache.avro.specific.SpecificData.get(), InvoiceExported.getClassSchema());
        current.addSchema(v1);

        InvoiceExported read = current.decode(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old));

        assertThat(read.getInvoiceId()).isEqualTo("DI-1");
        assertThat(read.getDocumentType()).isEqualTo(ExportedDocumentType.INVOICE);

        InvoiceExported creditMemo = InvoiceExported.newBuilder(read).setEventId("e-v2").setInvoiceId("CN-1")
                .setBusinessCentralNumber("S-CR100001").setDocumentType(ExportedDocumentType.CREDIT_MEMO).build();
        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), v1);
        v1Reader.addSchema(InvoiceExported.getClassSchema());
        GenericRecord seenByV1 = v1Reader.decode(InvoiceExported.getEncoder().encode(creditMemo));

        assertThat(seenByV1.get("invoiceId").toString()).isEqualTo("CN-1");
        assertThat(seenByV1.get("businessCentralNumber").toString()).isEqualTo("S-CR100001");
        assertThat(seenByV1.hasField("documentType")).isFalse();
    }
}
