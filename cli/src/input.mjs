// Streaming readers of the input file: CSV (a header row, RFC 4180 quoting, UTF-8 with or without
// BOM, or GBK when asked) and JSON Lines. Both yield the same records, one at a time, so memory
// stays flat whatever the file's size:
//   { row, line, fields: { idNumber?, name?, mobile?, validFrom?, validTo? } }   a data record
//   { row, line, error: { code, detail } }                                          a record that cannot be read
// `row` numbers the data records from 1 (the header is not one); `line` is the file line where
// the record ends (the line an editor shows). A CSV record too malformed to parse has row null.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
import { resolveColumns } from "./columns.mjs";
import { usage } from "./usage.mjs";

/** Codes of records that cannot be read (the library's own codes cover the fields). */
export const ROW_CODES = {
  ROW_MALFORMED: ["The record cannot be parsed (quoting or JSON syntax).", "该行无法解析（引号或 JSON 格式错误）。"],
  ROW_COLUMN_COUNT: ["The record does not have as many columns as the header.", "该行的列数与表头不一致。"],
  ROW_ENCODING: ["The record holds bytes that are not valid in the file's encoding (a GBK file read as UTF-8? use --encoding gbk).", "该行含有不符合文件编码的字节（GBK 文件按 UTF-8 读取？请使用 --encoding gbk）。"],
  ROW_NOT_OBJECT: ["The JSON line is not an object.", "该 JSON 行不是对象。"],
  FIELD_TYPE: ["The value is not a string (ID numbers written as JSON numbers lose digits).", "该值不是字符串（以 JSON 数字书写的身份证号码会丢失位数）。"],
};

/** The format from the option or the file name: `.jsonl`/`.ndjson` are JSON Lines, anything else CSV. */
export function detectFormat(file, format) {
  if (format) {
    if (format !== "csv" && format !== "jsonl") throw usage(`--format must be csv or jsonl, not ${JSON.stringify(format)}`);
    return format;
  }
  return /\.(jsonl|ndjson)$/i.test(file) ? "jsonl" : "csv";
}

/** utf8 (default; a BOM is skipped) or gbk (also gb18030, cp936). */
function normaliseEncoding(encoding) {
  const e = String(encoding ?? "utf8").toLowerCase().replace(/[-_]/g, "");
  if (e === "utf8") return "utf8";
  if (e === "gbk" || e === "gb18030" || e === "cp936" || e === "gb2312") return "gbk";
  throw usage(`--encoding must be utf8 or gbk, not ${JSON.stringify(encoding)}`);
}

/** A byte stream decoded to text: GBK through the WHATWG decoder (Node's ICU), UTF-8 likewise. */
function decoder(encoding) {
  const d = new TextDecoder(encoding === "gbk" ? "gbk" : "utf-8", { ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk, _enc, cb) {
      cb(null, d.decode(chunk, { stream: true }));
    },
    flush(cb) {
      const rest = d.decode();
      cb(null, rest || undefined);
    },
  });
}

const REPLACEMENT = "\uFFFD";

/**
 * Opens `file` and returns { format, encoding, columns, records } where `records` is an async
 * iterator. `columns` says which header (or JSON key) feeds each field. Options: format, encoding,
 * map ({ idNumber?, name?, mobile?, validFrom?, validTo? } from the flags), onBytes(n) (progress).
 */
export async function openInput(file, options = {}) {
  const format = detectFormat(file, options.format);
  const encoding = normaliseEncoding(options.encoding);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  await new Promise((resolve, reject) => {
    stream.once("open", resolve);
    stream.once("error", (e) => reject(usage(`cannot read ${file}: ${e.code || e.message}`)));
  });
  if (options.onBytes) stream.on("data", (chunk) => options.onBytes(chunk.length));
  const text = stream.pipe(decoder(encoding));
  stream.on("error", (e) => text.destroy(e));
  return format === "csv" ? openCsv(text, encoding, options) : openJsonl(text, encoding, options);
}

async function openCsv(text, encoding, options) {
  const parser = text.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }),
  );
  text.on("error", (e) => parser.destroy(e));
  const skipped = [];
  parser.on("skip", (e) => skipped.push({ row: null, line: e.lines ?? null, error: { code: "ROW_MALFORMED", detail: e.code } }));
  const it = parser[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) {
    return { format: "csv", encoding, columns: {}, header: [], records: (async function* () { yield* skipped; })() };
  }
  const header = first.value.record.map((h) => String(h).trim());
  const columns = resolveColumns(header, options.map ?? {}, "csv");
  const index = {};
  for (const [field, name] of Object.entries(columns)) index[field] = header.indexOf(name);
  const width = header.length;
  const entries = Object.entries(index);
  async function* records() {
    let row = 0;
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const { record, info } = next.value;
      while (skipped.length && skipped[0].line !== null && skipped[0].line < info.lines) yield skipped.shift();
      row++;
      if (record.length !== width) {
        yield { row, line: info.lines, error: { code: "ROW_COLUMN_COUNT", detail: `${record.length} of ${width}` } };
        continue;
      }
      const fields = {};
      let bad = false;
      for (const [field, i] of entries) {
        const v = record[i];
        if (v.includes(REPLACEMENT)) bad = true;
        fields[field] = v;
      }
      if (bad) yield { row, line: info.lines, error: { code: "ROW_ENCODING", detail: encoding } };
      else yield { row, line: info.lines, fields };
    }
    yield* skipped.splice(0);
  }
  return { format: "csv", encoding, columns, header, records: records() };
}

async function openJsonl(text, encoding, options) {
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  text.on("error", (e) => lines.emit("error", e));
  const it = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  let pending = null;
  // The mapping needs keys: take them from the first object (later objects may have more or fewer).
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    lineNo++;
    const s = lineNo === 1 && next.value.charCodeAt(0) === 0xfeff ? next.value.slice(1) : next.value;
    if (s.trim() === "") continue;
    pending = { s, lineNo };
    break;
  }
  let firstObject = null;
  if (pending) {
    try {
      const v = JSON.parse(pending.s);
      if (v && typeof v === "object" && !Array.isArray(v)) firstObject = v;
    } catch {
      // reported as a row below
    }
  }
  const columns = resolveColumns(firstObject ? Object.keys(firstObject) : [], options.map ?? {}, "jsonl");
  const entries = Object.entries(columns);
  function toRecord(s, row, line) {
    if (s.includes(REPLACEMENT)) return { row, line, error: { code: "ROW_ENCODING", detail: encoding } };
    let v;
    try {
      v = JSON.parse(s);
    } catch {
      return { row, line, error: { code: "ROW_MALFORMED", detail: "json" } };
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) return { row, line, error: { code: "ROW_NOT_OBJECT", detail: typeof v } };
    const fields = {};
    for (const [field, key] of entries) {
      if (!Object.hasOwn(v, key)) continue;
      const value = v[key];
      if (value === null || value === undefined) continue;
      if (typeof value !== "string") return { row, line, error: { code: "FIELD_TYPE", field, detail: typeof value } };
      fields[field] = value;
    }
    return { row, line, fields };
  }
  async function* records() {
    let row = 0;
    if (pending) yield toRecord(pending.s, ++row, pending.lineNo);
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      lineNo++;
      if (next.value.trim() === "") continue;
      yield toRecord(next.value, ++row, lineNo);
    }
  }
  return { format: "jsonl", encoding, columns, header: firstObject ? Object.keys(firstObject) : [], records: records() };
}
