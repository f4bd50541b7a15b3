// Avro single-object decoding built only from .avsc files, as any non-Java team would do it.
// Spec: https://avro.apache.org/docs/1.12.0/specification/#single-object-encoding
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const avro = require('avsc');

const MARKER = Buffer.from([0xc3, 0x01]);
const HEADER_LENGTH = 10;

// CRC-64-AVRO, exactly as the Avro specification gives it ("Schema Fingerprints").
const EMPTY = 0xc15d213aa4d7a795n;
const MASK_64 = 0xffffffffffffffffn;
const FP_TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) {
    fp = (fp >> 1n) ^ (EMPTY & (-(fp & 1n) & MASK_64));
  }
  return fp;
});

/** CRC-64-AVRO of a string (the Parsing Canonical Form of a schema), as an unsigned 64-bit BigInt. */
function crc64Avro(text) {
  let fp = EMPTY;
  for (const b of Buffer.from(text, 'utf8')) {
    fp = (fp >> 8n) ^ FP_TABLE[Number((fp ^ BigInt(b)) & 0xffn)];
  }
  return fp;
}

/**
 * The schema's Parsing Canonical Form: avsc's schema() without attributes keeps only name, type, fields,
 * symbols, items, values and size, with full names, in that order, and drops logicalType, doc and defaults.
 */
function canonicalForm(type) {
  return JSON.stringify(type.schema());
}

/** decimal (bytes, big-endian two's complement, fixed scale) -> exact decimal string, e.g. "-12.50". */
class DecimalType extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    this.scale = schema.scale || 0;
  }

  _fromValue(buf) {
    let unscaled = 0n;
    for (const b of buf) {
      unscaled = (unscaled << 8n) | BigInt(b);
    }
    if (buf.length > 0 && buf[0] & 0x80) {
      unscaled -= 1n << BigInt(buf.length * 8);
    }
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  _toValue(text) {
    const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(text));
    if (!match || (match[3] || '').length > this.scale) {
      throw new Error(`not a decimal of scale ${this.scale}: ${text}`);
    }
    let unscaled = BigInt(match[2] + (match[3] || '').padEnd(this.scale, '0'));
    if (match[1]) {
      unscaled = -unscaled;
    }
    let hex = (unscaled < 0n ? (1n << 256n) + unscaled : unscaled).toString(16);
    hex = hex.length % 2 ? `0${hex}` : hex;
    let bytes = Buffer.from(hex, 'hex');
    if (unscaled < 0n) {
      let start = 0;
      while (start < bytes.length - 1 && bytes[start] === 0xff && bytes[start + 1] & 0x80) start++;
      bytes = bytes.subarray(start);
    } else if (bytes[0] & 0x80) {
      bytes = Buffer.concat([Buffer.from([0]), bytes]);
    }
    return bytes;
  }

  _resolve(writer) {
    if (writer instanceof DecimalType && writer.scale === this.scale) {
      return (value) => value;
    }
    if (avro.Type.isType(writer, 'bytes')) {
      return (value) => this._fromValue(value);
    }
    return undefined;
  }
}

/** timestamp-millis (long) -> JavaScript Date. */
class TimestampMillisType extends avro.types.LogicalType {
  _fromValue(millis) {
    return new Date(Number(millis));
  }

  _toValue(date) {
    return date instanceof Date ? date.getTime() : date;
  }

  _resolve(writer) {
    if (writer instanceof TimestampMillisType) {
      return (value) => value;
    }
    if (avro.Type.isType(writer, 'long', 'int')) {
      return (value) => this._fromValue(value);
    }
    return undefined;
  }
}

const LOGICAL_TYPES = { decimal: DecimalType, 'timestamp-millis': TimestampMillisType };

function readSchemaFile(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Parses every .avsc file of a folder into one registry; files may refer to named types of other files
 * (AppointmentCompleted uses Attendee and PriceType), so files whose references are not defined yet are
 * retried after the others.
 */
function parseFolder(dir) {
  const registry = {};
  let pending = fs.readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort().map((f) => path.join(dir, f));
  const types = [];
  while (pending.length > 0) {
    const failed = [];
    const errors = [];
    for (const file of pending) {
      // Parse into a copy first so that a failed attempt leaves no half-registered names behind.
      const attempt = { ...registry };
      try {
        const type = avro.Type.forSchema(readSchemaFile(file), { registry: attempt, logicalTypes: LOGICAL_TYPES });
        Object.assign(registry, attempt);
        types.push(type);
      } catch (e) {
        failed.push(file);
        errors.push(`${path.basename(file)}: ${e.message}`);
      }
    }
    if (failed.length === pending.length) {
      throw new Error(`cannot parse the schemas in ${dir}: ${errors.join('; ')}`);
    }
    pending = failed;
  }
  return types.filter((t) => avro.Type.isType(t, 'record'));
}

/**
 * Reader types from the current .avsc files, indexed by fingerprint. Released older versions of each record
 * (schemas/src/main/resources/schema-history/<FullName>/vN.avsc) are indexed too, each with a resolver to
 * today's reader schema, so records written by older producers still decode.
 */
function loadSchemas(avscDir, historyDir = path.join(avscDir, '..', 'resources', 'schema-history')) {
  const byFingerprint = new Map();
  for (const reader of parseFolder(avscDir)) {
    byFingerprint.set(crc64Avro(canonicalForm(reader)), { name: reader.name, reader, resolver: undefined });
    const versions = path.join(historyDir, reader.name);
    if (!fs.existsSync(versions)) {
      continue;
    }
    for (const file of fs.readdirSync(versions).filter((f) => /^v\d+\.avsc$/.test(f))) {
      const writer = avro.Type.forSchema(readSchemaFile(path.join(versions, file)), { logicalTypes: LOGICAL_TYPES });
      const fingerprint = crc64Avro(canonicalForm(writer));
      if (!byFingerprint.has(fingerprint)) {
        byFingerprint.set(fingerprint, { name: reader.name, reader, resolver: reader.createResolver(writer) });
      }
    }
  }
  return byFingerprint;
}

/** Decodes one single-object-encoded value: { name, value } or an Error that says why not. */
function decodeSingleObject(schemas, bytes) {
  if (!bytes || bytes.length < HEADER_LENGTH || !bytes.subarray(0, 2).equals(MARKER)) {
    throw new Error('not Avro single-object encoding (expected marker C3 01 and a fingerprint)');
  }
  const fingerprint = bytes.readBigUInt64LE(2);
  const known = schemas.get(fingerprint);
  if (!known) {
    throw new Error(`unknown schema fingerprint ${fingerprint.toString(16).padStart(16, '0')}`);
  }
  return { name: known.name, value: known.reader.fromBuffer(bytes.subarray(HEADER_LENGTH), known.resolver) };
}

module.exports = { loadSchemas, decodeSingleObject, crc64Avro, canonicalForm };
