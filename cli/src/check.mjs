// `aliyun-idv check <file>`: every record through the library's checks, streaming; a report of
// per-code counts (English and Chinese), the invalid rows (row, line, field, code, masked value),
// what normalisation changed and the warnings. Memory stays flat: counts are kept, rows are
// written as they are found (at most --max-listed of them are kept for --json).
import { statSync } from "node:fs";
import { openInput } from "./input.mjs";
import { createRowChecker, rowError } from "./rowcheck.mjs";
import { createProgress } from "./progress.mjs";

export const WARNING_MESSAGES = {
  REGION_UNRECOGNIZED: ["The address code is not a county-level code of the GB/T 2260 table (valid, worth a second look).", "地址码不是 GB/T 2260 中的县级代码（号码有效，建议复核）。"],
  REGION_ABOLISHED_BEFORE_BIRTH: ["The address code was abolished 5 or more years before the birth year (valid, worth a second look).", "地址码在出生年份前 5 年以上已撤销（号码有效，建议复核）。"],
};

/**
 * Runs the check. `io` = { stdout, stderr } writable streams (stderr.isTTY decides the progress bar
 * unless options.progress is true/false). Returns the exit code: 0 every row valid, 1 some invalid.
 */
export async function runCheck(idv, file, options, io) {
  const started = process.hrtime.bigint();
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // openInput reports it
  }
  const progress = createProgress(io.stderr, { total: size, enabled: options.progress });
  const input = await openInput(file, { format: options.format, encoding: options.encoding, map: options.map, onBytes: progress.bytes });
  const check = createRowChecker(idv, { columns: input.columns, today: options.today });
  const maxListed = options.maxListed ?? 1000;
  const json = Boolean(options.json);
  const maxExamples = json ? maxListed : Math.min(10, maxListed);
  const out = io.stdout;

  const errorCounts = new Map();
  const warningCounts = new Map();
  const normalised = {};
  const listed = [];
  // Examples of what normalisation rewrote (masked): as many as --max-listed with --json, 10 in the text.
  const normExamples = [];
  let listedCount = 0;
  let rows = 0;
  let valid = 0;
  let invalid = 0;
  let withWarnings = 0;
  let normalisedRows = 0;

  if (!json) {
    const cols = Object.entries(input.columns).map(([f, h]) => `${f} ← ${JSON.stringify(h)}`).join(", ");
    out.write(`aliyun-idv check ${file}\n  ${input.format.toUpperCase()}, ${input.encoding === "gbk" ? "GBK" : "UTF-8"}; columns: ${cols}\n`);
  }
  let headed = false;
  const list = (row, line, e) => {
    listedCount++;
    if (listedCount > maxListed) return undefined;
    const entry = { row, line, field: e.field, code: e.code, value: e.value };
    if (json) {
      listed.push(entry);
      return undefined;
    }
    if (!headed) {
      out.write("\nInvalid rows (row = data record, line = file line; values masked):\n");
      headed = true;
    }
    // Written as found; a slow reader of stdout holds the loop back rather than filling memory.
    if (!out.write(`  row ${row ?? "-"} (line ${line ?? "?"})  ${(e.field ?? "-").padEnd(9)} ${e.code.padEnd(26)} ${e.value ?? ""}\n`)) {
      return new Promise((resolve) => out.once("drain", resolve));
    }
    return undefined;
  };
  const count = (e) => {
    const c = errorCounts.get(e.code);
    if (c) c.count++;
    else errorCounts.set(e.code, { code: e.code, count: 1, message: e.message, messageZh: e.messageZh });
  };

  let tick = 0;
  for await (const record of input.records) {
    rows++;
    if (record.error) {
      invalid++;
      const e = rowError(record);
      count(e);
      const w = list(record.row, record.line, e);
      if (w) await w;
    } else {
      const r = check(record.fields);
      if (r.ok) valid++;
      else {
        invalid++;
        for (const e of r.errors) {
          count(e);
          const w = list(record.row, record.line, e);
          if (w) await w;
        }
      }
      if (r.warnings.length) {
        withWarnings++;
        for (const w of r.warnings) warningCounts.set(w.code, (warningCounts.get(w.code) ?? 0) + 1);
      }
      if (r.changed.length) {
        normalisedRows++;
        for (const f of r.changed) normalised[f] = (normalised[f] ?? 0) + 1;
        for (const c of r.changes) if (normExamples.length < maxExamples) normExamples.push({ row: record.row, line: record.line, ...c });
      }
    }
    if (++tick === 4096) {
      tick = 0;
      progress.rows(rows);
    }
  }
  progress.done(rows);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  const errors = [...errorCounts.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const warnings = [...warningCounts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => ({ code, count: n, message: WARNING_MESSAGES[code]?.[0] ?? code, messageZh: WARNING_MESSAGES[code]?.[1] ?? code }));

  if (json) {
    const summary = {
      file, format: input.format, encoding: input.encoding, columns: input.columns,
      rows, valid, invalid, withWarnings, normalisedRows,
      errors, warnings, normalised, normalisedExamples: normExamples,
      invalidRows: listed, invalidListed: Math.min(listedCount, maxListed), invalidFindings: listedCount,
      elapsedMs: Math.round(elapsedMs),
    };
    out.write(JSON.stringify(summary, null, 2) + "\n");
  } else {
    if (listedCount > maxListed) out.write(`  … ${listedCount - maxListed} more (raise --max-listed, or use --json)\n`);
    const pct = (n) => (rows ? ` (${((100 * n) / rows).toFixed(1)}%)` : "");
    out.write(`\nRows: ${rows}; valid ${valid}${pct(valid)}, invalid ${invalid}${pct(invalid)}, with warnings ${withWarnings}, normalised ${normalisedRows}\n`);
    if (errors.length) {
      out.write("\nErrors by code / 按错误代码统计:\n");
      for (const e of errors) out.write(`  ${String(e.count).padStart(9)}  ${e.code.padEnd(26)} ${e.message}\n  ${" ".repeat(9)}  ${" ".repeat(26)} ${e.messageZh}\n`);
    }
    if (warnings.length) {
      out.write("\nWarnings / 警告:\n");
      for (const w of warnings) out.write(`  ${String(w.count).padStart(9)}  ${w.code.padEnd(30)} ${w.message}\n  ${" ".repeat(9)}  ${" ".repeat(30)} ${w.messageZh}\n`);
    }
    if (normalisedRows) {
      out.write("\nNormalised (whitespace, full-width digits, x → X, look-alike dots, +86, date separators; verify sends the normalised value) / 已规范化:\n");
      for (const [f, n] of Object.entries(normalised)) out.write(`  ${String(n).padStart(9)}  ${f}\n`);
      out.write("  e.g.\n");
      for (const c of normExamples) out.write(`  row ${c.row} (line ${c.line})  ${c.field.padEnd(14)} ${c.value} → ${c.normalised}\n`);
    }
    const rate = elapsedMs > 0 ? Math.round((rows / elapsedMs) * 60000) : 0;
    out.write(`\n${rows} rows in ${(elapsedMs / 1000).toFixed(2)} s (${rate.toLocaleString("en-US")} rows/min)\n`);
  }
  return invalid === 0 ? 0 : 1;
}
