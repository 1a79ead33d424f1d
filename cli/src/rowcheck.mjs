// One record through the library's checks. Shared by `check` (which reports) and `verify` (which
// sends only the rows that pass, with the normalised values).
import { ROW_CODES } from "./input.mjs";

const LONG_TERM_AS_TYPED = new Set(["长期", "long-term"]);

/** The masking function of each field: what a report may show of a value. */
export function maskers(idv) {
  const period = (s) => (typeof s === "string" && /^\d{4}[-./]?\d{2}[-./]?\d{2}$/.test(s.trim()) ? s.trim().slice(0, 4) + "****" : "****");
  return {
    idNumber: (s) => idv.maskIdNumber(s),
    name: (s) => idv.maskName(s),
    mobile: (s) => idv.maskMobile(s),
    validFrom: period,
    validTo: period,
  };
}

/**
 * Checks the fields a record has (a field whose column exists but is empty is checked as empty).
 * Returns { ok, errors: [{ field, code, message, messageZh, value }], warnings: [{ field, code }],
 * changed: [field], changes: [{ field, value, normalised }], values } where `value` (and `normalised`) is masked and `values` holds the normalised values of
 * a valid record.
 */
export function createRowChecker(idv, { columns, today }) {
  const mask = maskers(idv);
  const has = (f) => columns[f] !== undefined;
  const idOpts = today ? { today } : undefined;
  return function checkRecord(fields) {
    const errors = [];
    const warnings = [];
    const changed = [];
    const changes = [];
    const values = {};
    const take = (field, input, r, masker) => {
      if (r.ok) {
        values[field] = r.value;
        if (r.changed) {
          changed.push(field);
          changes.push({ field, value: masker(input), normalised: masker(r.value) });
        }
        for (const w of r.warnings) warnings.push({ field, code: w });
      } else {
        errors.push({ field, code: r.error.code, message: r.error.message, messageZh: r.error.messageZh, value: masker(input) });
      }
      return r.ok;
    };
    let idOk = false;
    if (has("idNumber")) {
      const v = fields.idNumber ?? "";
      idOk = take("idNumber", v, idv.checkIdNumber(v, idOpts), mask.idNumber);
    }
    if (has("name")) {
      const v = fields.name ?? "";
      take("name", v, idv.checkName(v), mask.name);
    }
    if (has("mobile")) {
      const v = fields.mobile ?? "";
      take("mobile", v, idv.checkMobile(v), mask.mobile);
    }
    if (has("validFrom")) {
      const start = fields.validFrom ?? "";
      const end = fields.validTo ?? "";
      const input = { start, end };
      if (idOk) input.idNumber = values.idNumber;
      if (today) input.today = today;
      const r = idv.checkValidityPeriod(input);
      if (r.ok) {
        values.validFrom = r.value.start;
        values.validTo = r.value.end;
        // Only a rewrite a user would see: 长期 / long-term as typed are the same value.
        const sameEnd = end.trim() === r.value.end || (r.value.end === "long-term" && LONG_TERM_AS_TYPED.has(end.trim()));
        if (start.trim() !== r.value.start || !sameEnd) {
          changed.push("validityPeriod");
          changes.push({ field: "validityPeriod", value: `${mask.validFrom(start)}–${mask.validTo(end)}`, normalised: `${mask.validFrom(r.value.start)}–${r.value.end === "long-term" ? "long-term" : mask.validTo(r.value.end)}` });
        }
        for (const w of r.warnings) warnings.push({ field: "validityPeriod", code: w });
      } else {
        const field = /_END_|EXPIRED/.test(r.error.code) ? "validTo" : "validFrom";
        errors.push({
          field, code: r.error.code, message: r.error.message, messageZh: r.error.messageZh,
          value: mask[field](field === "validTo" ? end : start),
        });
      }
    }
    return { ok: errors.length === 0, errors, warnings, changed, changes, values };
  };
}

/** The finding of a record that could not be read. */
export function rowError(record) {
  const [message, messageZh] = ROW_CODES[record.error.code] ?? ["The record cannot be read.", "该行无法读取。"];
  return { field: record.error.field ?? null, code: record.error.code, message, messageZh, value: null };
}
