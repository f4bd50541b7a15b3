#!/usr/bin/env node
// Reads invoicing.invoices from the beginning and prints one line per draft invoice event.
// Values are decoded with nothing but the repository's .avsc files: no generated code, no registry.
'use strict';

const path = require('node:path');
const { parseArgs } = require('node:util');
const { Kafka, logLevel } = require('kafkajs');
const { loadSchemas, decodeSingleObject } = require('./avro');

const USAGE = `usage: node consumer.js [--bootstrap-servers host:port[,host:port]] [--topic invoicing.invoices]
                        [--group-id id] [--max-messages N] [--schemas-dir dir]
  --bootstrap-servers  Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS or localhost:9092)
  --topic              topic to read (default: invoicing.invoices)
  --group-id           consumer group (default: a fresh one, so every run reads from the beginning)
  --max-messages       stop after this many records (default: run until Ctrl-C)
  --schemas-dir        folder of .avsc files (default: the repository's schemas/src/main/avro)`;

function options() {
  const { values } = parseArgs({
    options: {
      'bootstrap-servers': { type: 'string', default: process.env.KAFKA_BOOTSTRAP_SERVERS || 'localhost:9092' },
      topic: { type: 'string', default: 'invoicing.invoices' },
      'group-id': { type: 'string' },
      'max-messages': { type: 'string' },
      'schemas-dir': { type: 'string', default: path.join(__dirname, '..', '..', 'schemas', 'src', 'main', 'avro') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const maxMessages = values['max-messages'] === undefined ? Infinity : Number(values['max-messages']);
  if (!(maxMessages > 0)) {
    console.error(`--max-messages must be a positive number, got ${values['max-messages']}\n${USAGE}`);
    process.exit(2);
  }
  return {
    brokers: values['bootstrap-servers'].split(',').map((b) => b.trim()).filter(Boolean),
    topic: values.topic,
    groupId: values['group-id'] || `node-invoice-consumer-${process.pid}-${Date.now()}`,
    maxMessages,
    schemasDir: values['schemas-dir'],
  };
}

/**
 * One readable line per event (invoices, corrections of invoiced bookings, credit notes); other record types are
 * named, not dropped silently. Corrections come at least once: a consumer that acts on them keeps their correctionId.
 */
function describe(name, invoice) {
  switch (name) {
    case 'dev.bookingsinvoicing.events.DraftInvoiceCreated':
      return `DraftInvoiceCreated invoice=${invoice.invoiceId} customer=${invoice.customerNo}`
        + ` name="${invoice.customerName}" lines=${invoice.lines.length}`
        + ` total=${invoice.totalAmount} ${invoice.currency}`;
    case 'dev.bookingsinvoicing.events.DraftInvoiceDeleted':
      return `DraftInvoiceDeleted invoice=${invoice.invoiceId} customer=${invoice.customerNo}`
        + ` released=${invoice.bookingIds.length}`;
    case 'dev.bookingsinvoicing.events.InvoicedBookingChanged': {
      const now = invoice.currentLine ? invoice.currentLine.amount ?? invoice.currentReason : '-';
      return `InvoicedBookingChanged correction=${invoice.correctionId} invoice=${invoice.invoiceId}`
        + ` customer=${invoice.customerNo} booking=${invoice.bookingId} kind=${invoice.kind}`
        + ` invoiced=${invoice.invoicedLine.amount} now=${now} ${invoice.currency}`;
    }
    case 'dev.bookingsinvoicing.events.DraftCreditNoteCreated':
      return `DraftCreditNoteCreated creditNote=${invoice.creditNoteId} invoice=${invoice.originalInvoiceId}`
        + ` customer=${invoice.customerNo} lines=${invoice.lines.length}`
        + ` total=${invoice.totalAmount} ${invoice.currency}`;
    default:
      return `${name} (not an invoice event)`;
  }
}

/**
 * kafkajs logs every retriable broker answer at ERROR, e.g. "group coordinator is not available" while a fresh
 * broker creates __consumer_offsets, then retries; those lines are dropped. What it gives up on still fails run().
 */
function quietLogs() {
  return ({ level, log }) => {
    if (level > logLevel.WARN || log.message.startsWith('[Connection] Response')) {
      return;
    }
    const { message, timestamp, logger, ...details } = log;
    const name = Object.keys(logLevel).find((key) => logLevel[key] === level) || level;
    console.error(`${timestamp} ${name} ${message} ${JSON.stringify(details)}`);
  };
}

async function main() {
  const opts = options();
  const schemas = loadSchemas(opts.schemasDir);
  const kafka = new Kafka({
    clientId: 'node-invoice-consumer',
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator: quietLogs,
  });
  // Invoices are written in Kafka transactions: read_committed hides records of aborted attempts.
  const consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false });

  let seen = 0;
  let finished;
  const done = new Promise((resolve) => { finished = resolve; });
  const stop = async () => {
    await consumer.disconnect();
    finished();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // kafkajs restarts the consumer after retriable failures; when it gives up, so does this program
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) {
      console.error(`node-invoice-consumer: consumer stopped: ${payload.error && payload.error.stack}`);
      process.exit(1);
    }
  });

  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (seen >= opts.maxMessages) {
        return;
      }
      seen += 1;
      const where = `p${partition}@${message.offset} key=${message.key ? message.key.toString('utf8') : ''}`;
      try {
        const { name, value } = decodeSingleObject(schemas, message.value);
        console.log(`${where} ${describe(name, value)}`);
      } catch (e) {
        // A consumer of someone else's topic reports what it cannot read and keeps going.
        console.log(`${where} UNREADABLE ${e.message}`);
      }
      if (seen >= opts.maxMessages) {
        setImmediate(stop);
      }
    },
  });
  await done;
}

main().catch((e) => {
  console.error(`node-invoice-consumer: ${e.stack || e}`);
  process.exit(1);
});
