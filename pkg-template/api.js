// The public API of aliyun-idv, shared by every runtime entry (node.cjs and node.mjs over it,
// workerd.mjs, browser.mjs, bundler.mjs). Each entry instantiates its WebAssembly module (the full
// server module, or the checks-only browser module) and hands its generated bindings to
// `initCore`. This file checks argument types before they cross into WebAssembly, fills defaults
// that need the host (today's date in China), parses response bodies (JSON.parse: the core never
// sees JSON), and speaks the core's one protocol (src/bindings/mod.rs): several strings cross as
// one string plus their UTF-16 lengths; answers come back as one string plus a status and lengths
// in a scratch area of the module's memory; hot checks answer numbers in scratch slots.
//
// Nothing the caller passes reaches the core as is: every argument is read here once, own
// property by own property and inside try/catch, and copied into plain strings. A getter that
// throws, or a Proxy, must never throw through the WebAssembly frames: that skips the core's
// stack-pointer restore and poisons the instance ("memory access out of bounds", then
// "unreachable") for every later call.

/** `String(v)` that never throws (a Symbol, an object whose toString throws); "" for undefined. */
function text(v) {
  if (v === undefined) return "";
  try {
    return String(v);
  } catch {
    return "";
  }
}

/** An error with a stable `code`. Never carries the access key secret or a full ID number, name or mobile. */
export class AliyunIdvError extends Error {
  constructor(code, message, details) {
    super(text(message));
    this.name = "AliyunIdvError";
    this.code = typeof code === "string" ? code : text(code) || "INTERNAL";
    if (details !== null && (typeof details === "object" || typeof details === "function")) {
      for (const key of ["field", "messageZh", "httpStatus", "requestId"]) {
        try {
          const v = details[key];
          if (v !== undefined && v !== null) this[key] = v;
        } catch {
          // A getter that throws: that detail is left out; the error is still made.
        }
      }
    }
  }
}

import { asciiText, core, notAvailable, reply, scratch, scratchText, unavailable, writeFields, writeInput } from "./core.js";
import { rpcParamList } from "./params.js";
import { BUILD_OPTIONS, readBuildOptionValues, SIGN_OPTIONS } from "./options.js";

export { default, initSync, __wasmMemoryBytes } from "./core.js";

const ABSENT = 0xffffffff;
const SIGN_ERROR = 1000;

// The core's static tables (catalog sections, see src/bindings/fast.rs and requests.rs), fetched once.
const sections = new Map();
function section(n) {
  let s = sections.get(n);
  if (s === undefined) {
    const text = core.catalog(n);
    s = text === "" ? [] : text.split("\0");
    sections.set(n, s);
  }
  return s;
}
function groups(n, size) {
  const s = section(n);
  const out = [];
  for (let i = 0; i + size <= s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}
let cat = null;
function catalog() {
  if (cat === null) {
    cat = {
      codes: groups(0, 3).map(([code, message, messageZh]) => ({ code, message, messageZh })),
      fields: section(1),
      carriers: section(2),
    };
  }
  return cat;
}

function failure(status, n) {
  // Slots first: a call into the module may grow its memory (`n` then reads undefined).
  const field = n[1], hintLength = n[0];
  const c = catalog();
  const code = c.codes[status - 1];
  const error = { code: code.code, field: c.fields[field], message: code.message, messageZh: code.messageZh };
  if (hintLength > 0) error.hint = scratchText(hintLength);
  return { ok: false, error };
}

/**
 * Several strings (or undefined: absent) as one string and their lengths. Joined, not
 * concatenated: `join` builds one flat string, where `+=` builds a rope the glue then flattens.
 */
function pack(values) {
  const n = values.length;
  // One lengths array, reused (a new Uint32Array costs about 0.6 µs: an ArrayBuffer each time);
  // the glue copies the view before the call returns.
  if (packLens.length < n) packLens = new Uint32Array(Math.max(n, 2 * packLens.length));
  const lens = packLens.subarray(0, n);
  const parts = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === undefined) {
      lens[i] = ABSENT;
      parts[i] = "";
    } else {
      const w = wf(v);
      lens[i] = w.length;
      parts[i] = w;
    }
  }
  return [parts.join(""), lens];
}

let packLens = new Uint32Array(64);

/** The fields of a reply (undefined: absent), after the call that answered `text`. */
function replyFields(text) {
  const r = reply();
  const n = r[2];
  const out = new Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = r[3 + i];
    if (len === ABSENT) continue;
    out[i] = text.slice(at, at + len);
    at += len;
  }
  return out;
}

/** The error a non-zero reply status stands for, as `{ code, field, message, messageZh, hint? }`. */
function replyError(status, text) {
  if (status >= SIGN_ERROR) {
    const [code, field, message, messageZh] = groups(6, 4)[status - SIGN_ERROR];
    return { code, field, message, messageZh };
  }
  const c = catalog();
  const code = c.codes[status - 1];
  const error = { code: code.code, field: c.fields[reply()[1]], message: code.message, messageZh: code.messageZh };
  const hint = replyFields(text)[0];
  if (hint) error.hint = hint;
  return error;
}

/** The fields of a reply, or throws its error as an AliyunIdvError. */
function unwrap(text) {
  const status = reply()[0];
  if (status !== 0) throw fromCore(replyError(status, text));
  return replyFields(text);
}

// Region names and code strings cached by the entry's row in the table (slot 6 of idCheck: a
// dense key, so an array rather than a Map), province names by their two digits. Only names are
// cached: the browser module before loadRegionNames (and 68 old entries) has none, asked again.
const rowNames = [];
const rowCodes = [];
const provinceNames = [];

/** `a[i] = v`, growing `a` one by one so it stays packed (fast), not sparse. */
function put(a, i, v) {
  while (a.length <= i) a.push(undefined);
  a[i] = v;
  return v;
}

/** The name of the entry at `row` (1-based; 0: none) for the 6-digit `code`, or null. */
function regionNameAt(row, code) {
  const name = rowNames[row];
  if (name !== undefined) return name;
  const len = row === 0 ? 0 : core.regionName(code);
  const fetched = len === 0 ? "" : scratchText(len);
  return fetched === "" ? null : put(rowNames, row, fetched);
}

/** The code as text (the first six characters of `value`), one string per row. */
function regionCodeAt(row, value) {
  return rowCodes[row] ?? (row === 0 ? value.slice(0, 6) : put(rowCodes, row, value.slice(0, 6)));
}

/** The name of province `XX0000` (`p` its two digits), or "". */
function provinceName(p) {
  const name = provinceNames[p];
  if (name !== undefined) return name;
  const len = core.regionName(p * 10000);
  const fetched = len === 0 ? "" : scratchText(len);
  return fetched === "" ? "" : put(provinceNames, p, fetched);
}

/**
 * Makes region names available to `checkIdNumber` (`info.regionName`, `info.province`). The
 * server module has them compiled in (this resolves at once); the browser module loads them on
 * demand (about 23 KB gzipped) — see browser.mjs.
 */
export async function loadRegionNames() {
  return true;
}


// Today in China, recomputed only when a day has passed (as text, and as YYYYMMDD for idCheck).
// The clock is read once per synchronous run of the caller (a loop of a million checks reads it
// once): `todayRead` is cleared by a microtask.
let todayText = "";
let todayNumber = 0;
let todayUntil = 0;
let todayRead = false;
const clearTodayRead = () => {
  todayRead = false;
};
function refreshToday() {
  if (todayRead) return;
  todayRead = true;
  queueMicrotask(clearTodayRead);
  const now = Date.now();
  if (now >= todayUntil) {
    todayText = chinaDate(now);
    todayNumber = ymdNumber(todayText);
    const china = now + 8 * 3600 * 1000;
    todayUntil = (Math.floor(china / 86400000) + 1) * 86400000 - 8 * 3600 * 1000;
  }
}
function defaultToday() {
  refreshToday();
  return todayText;
}

/** `YYYYMMDD` or `YYYY-MM-DD` as the number YYYYMMDD; 0 for any other shape (the core then answers TODAY_INVALID). */
function ymdNumber(s) {
  // Digits read one by one (no regular expression: compiling one costs the first check ~0.05 ms).
  const dashed = s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45;
  if (!dashed && s.length !== 8) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (dashed && (i === 4 || i === 7)) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Lone surrogates become U+FFFD, as they do when a string crosses into the core (as UTF-8); done
 * here where two keys could otherwise collapse into one after crossing.
 */
function wf(s) {
  if (typeof s.isWellFormed === "function") return s.isWellFormed() ? s : s.toWellFormed();
  return s.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * The headers of a signed request as an object. The signer's header names are a fixed few, in
 * sorted order: a store per name with the name written out is a fast, monomorphic store (a
 * computed key is a slow, megamorphic one: about 40 ns a header).
 */
function headersFrom(p) {
  const h = {};
  for (let i = 6; i + 1 < p.length; i += 2) {
    const v = p[i + 1];
    switch (p[i]) {
      case "authorization": h.authorization = v; break;
      case "content-type": h["content-type"] = v; break;
      case "host": h.host = v; break;
      case "x-acs-accesskey-id": h["x-acs-accesskey-id"] = v; break;
      case "x-acs-action": h["x-acs-action"] = v; break;
      case "x-acs-content-sha256": h["x-acs-content-sha256"] = v; break;
      case "x-acs-date": h["x-acs-date"] = v; break;
      case "x-acs-security-token": h["x-acs-security-token"] = v; break;
      case "x-acs-signature-nonce": h["x-acs-signature-nonce"] = v; break;
      case "x-acs-version": h["x-acs-version"] = v; break;
      default: h[p[i]] = v;
    }
  }
  return h;
}

/**
 * A signed request from the reply of `signRequest` or `build` (src/bindings/requests.rs): ASCII
 * fields written at `at`, their lengths in the reply slots; or throws the reply's error.
 */
function signedFrom(at, debug) {
  const r = reply();
  const status = r[0];
  if (status !== 0) throw fromCore(replyError(status, ""));
  const n = r[2];
  let total = 0;
  for (let i = 0; i < n; i++) if (r[3 + i] !== ABSENT) total += r[3 + i];
  const text = asciiText(at, total);
  const p = replyFields(text);
  const headers = headersFrom(p);
  const req = { method: p[0], url: p[1], headers, body: p[2] ?? null };
  if (debug) {
    req.canonicalRequest = p[3];
    req.stringToSign = p[4];
    req.signature = p[5];
  }
  return req;
}

function fromCore(e) {
  if (e instanceof AliyunIdvError) return e;
  if (e && typeof e === "object" && typeof e.code === "string") {
    return new AliyunIdvError(e.code, String(e.message ?? e.code), e);
  }
  return new AliyunIdvError("INTERNAL", "aliyun-idv failed unexpectedly: " + text(e && e.message ? e.message : e));
}

// Errors for arguments of the wrong type, in the same shapes as the core's (codes in the core's table).
const BAD_ARGUMENT = {
  code: "INVALID_ARGUMENT",
  message: "An argument has the wrong type or shape.",
  messageZh: "参数类型或格式不正确。",
};

function badCheck(field) {
  return { ok: false, error: { ...BAD_ARGUMENT, field } };
}

function badThrow(field) {
  return new AliyunIdvError(BAD_ARGUMENT.code, BAD_ARGUMENT.message + " (" + field + ")", { ...BAD_ARGUMENT, field });
}

// ---- Reading arguments safely ---------------------------------------------------------------

const absent = (v) => v === undefined || v === null;

/** An object argument: not null, not an array, not a function. Never throws (a revoked Proxy). */
function isObject(v) {
  try {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** `{ key: obj[key] }` for each OWN key, read once (a key only on the prototype reads as undefined);
 * null when `obj` is not an object or a read throws. */
function pick(obj, keys) {
  if (!isObject(obj)) return null;
  // Null-prototype results: a key the caller left out reads as undefined, never as a polluted
  // Object.prototype value.
  const out = Object.create(null);
  try {
    for (const key of keys) out[key] = ownValue(obj, key);
  } catch {
    return null;
  }
  return out;
}

/** The OWN values of `keys` of `obj`, in order, each read once; null as for `pick`. */
function pickValues(obj, keys) {
  if (!isObject(obj)) return null;
  const out = new Array(keys.length);
  try {
    for (let i = 0; i < keys.length; i++) out[i] = ownValue(obj, keys[i]);
  } catch {
    return null;
  }
  return out;
}

/** The time of a real `Date` (from any realm), or undefined for anything else. Never throws. */
function dateTime(v) {
  if (v === null || typeof v !== "object") return undefined;
  try {
    return Date.prototype.getTime.call(v);
  } catch {
    return undefined;
  }
}

/** A valid Date's time, or throws INVALID_ARGUMENT naming `field`. */
function validTime(v, field) {
  const t = dateTime(v);
  if (t === undefined || Number.isNaN(t)) throw badThrow(field);
  return t;
}

/** Today's date in China (UTC+8) as YYYY-MM-DD: the default `today` of every check. */
export function chinaToday(now = new Date()) {
  return chinaDate(validTime(now, "now"));
}

/** The date in China (UTC+8) at time `ms` (a valid Date's time) as YYYY-MM-DD. */
function chinaDate(ms) {
  const china = ms + 8 * 3600 * 1000;
  const ymd = civilDate(Math.floor(china / 86400000));
  if (ymd !== null) return ymd;
  const d = new Date(china);
  if (Number.isNaN(d.getTime())) throw badThrow("now"); // a valid Date too close to the end of time
  return d.toISOString().slice(0, 10);
}

/**
 * YYYY-MM-DD of the day `days` after 1970-01-01 (proleptic Gregorian, as Date counts), for years
 * 0000-9999; null outside them. Arithmetic, not `toISOString`, whose first call in a process
 * costs about 0.2 ms (the first check of a fresh process reads today's date).
 */
function civilDate(days) {
  // civil_from_days (H. Hinnant), on eras of 400 years from 0000-03-01.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 0 && year <= 9999)) return null;
  return String(year).padStart(4, "0") + "-" + two(month) + "-" + two(day);
}

// ---- Own properties and input bounds (issue 11) ---------------------------------------------
// Only OWN properties of what callers pass are read: a polluted Object.prototype (an `endpoint`,
// an `idNumber`) must change nothing. And every string is refused, in JS and before anything is
// copied into WebAssembly, when it is far longer than any valid value: no input grows the
// instance's memory past a few MB.

/** `obj[key]` when `key` is an own property of `obj`, else undefined. May throw (a getter, a Proxy). */
function ownValue(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The longest string accepted per field, in UTF-16 units: generous, far beyond any valid value. */
const MAX_CHARS = {
  idNumber: 256, name: 256, mobile: 256, validityStart: 256, validityEnd: 256, today: 256, paramType: 256,
  merchantBizId: 256, merchantUserId: 256, sceneCode: 256, longTermAs: 256, signatureVersion: 256,
  endpoint: 512, accessKeyId: 4096, accessKeySecret: 4096, securityToken: 16384, nonce: 4096, timestamp: 256,
  bankCard: 256, productType: 256, verifyMode: 256, identityType: 256, registerDate: 256, paramsIn: 256, allowResidencePermit: 256,
  key: 4096, value: 65536, header: 16384, mask: 1024, body: 1024 * 1024,
};
/** The most parameters (or headers) accepted in one request description (or answer). */
const MAX_PARAMS = 1000;
/** The code a too-long value of a field answers with: the field's own length code where it has one. */
const TOO_LONG_CODE = {
  idNumber: "ID_LENGTH", name: "NAME_TOO_LONG", mobile: "MOBILE_LENGTH", validityStart: "PERIOD_START_INVALID",
  validityEnd: "PERIOD_END_INVALID", today: "TODAY_INVALID", endpoint: "ENDPOINT_INVALID", bankCard: "BANK_CARD_LENGTH",
  registerDate: "REGISTER_DATE_INVALID",
};

function tooLong(field, s) {
  return s.length > (MAX_CHARS[field] ?? 4096);
}

/** The check-shaped error for a too-long `field` (the core's message for its code). */
function tooLongError(field) {
  const code = TOO_LONG_CODE[field];
  // (the browser module has no messages for the signer's and builders' codes: "" there)
  const known = code && catalog().codes.find((c) => c.code === code && c.message !== "");
  return known ? { code, field, message: known.message, messageZh: known.messageZh } : { ...BAD_ARGUMENT, field };
}

function tooLongThrow(field) {
  const e = tooLongError(field);
  return new AliyunIdvError(e.code, e.message + (e.code === BAD_ARGUMENT.code ? " (" + field + " is too long)" : ""), e);
}

function guarded(fn) {
  try {
    return fn();
  } catch (e) {
    throw fromCore(e);
  }
}

// ---- Checks: never throw on bad input -------------------------------------------------------

/** Checks a typed resident ID number. Never throws on bad input: returns `{ ok: false, error }`. */
export function checkIdNumber(input, opts) {
  if (typeof input !== "string") return badCheck("idNumber");
  if (tooLong("idNumber", input)) return { ok: false, error: tooLongError("idNumber") };
  let today = null;
  let allow = false;
  if (!absent(opts)) {
    const o = pick(opts, ["today", "allowResidencePermit"]);
    if (o === null) return badCheck("options");
    if (!absent(o.today) && typeof o.today !== "string") return badCheck("today");
    if (!absent(o.allowResidencePermit) && typeof o.allowResidencePermit !== "boolean") return badCheck("options");
    if (typeof o.today === "string") today = o.today;
    allow = o.allowResidencePermit === true;
  }
  let day;
  if (today === null) {
    refreshToday();
    day = todayNumber;
  } else {
    day = ymdNumber(today);
  }
  const status = core.idCheck(writeInput(input), day, allow);
  const n = scratch();
  if (status !== 0) return failure(status, n);
  const flags = n[1];
  const province = n[5]; // read before regionNameAt: see failure()
  const value = n[0] > 0 ? scratchText(n[0]) : input;
  const warnings = [];
  if (flags & 4) warnings.push("REGION_UNRECOGNIZED");
  if (flags & 8) warnings.push("REGION_ABOLISHED_BEFORE_BIRTH");
  return {
    ok: true,
    value,
    info: {
      birthDate: birthDate(n[2]),
      gender: flags & 2 ? "male" : "female",
      age: n[3],
      regionCode: regionCodeAt(n[6], value),
      regionName: regionNameAt(n[6], n[4]),
      province: provinceName(province),
    },
    warnings,
    changed: (flags & 1) === 1,
  };
}

// Birth dates as text from the core's YYYYMMDD: a year (1900 on: earlier is refused) and a
// "-MM-DD", each made on first use and kept, so a result costs one concatenation, not seven
// strings (and the first call does not build whole tables: measured 0.17 ms of it).
const years = [];
const monthDays = [];
const two = (n) => (n < 10 ? "0" : "") + n;
function birthDate(ymd) {
  const year = Math.floor(ymd / 10000);
  const md = ymd % 10000;
  const y = year >= 1900 && year <= 2199 ? (years[year - 1900] ?? put(years, year - 1900, String(year))) : String(year).padStart(4, "0");
  return y + (monthDays[md] ?? put(monthDays, md, "-" + two(Math.floor(md / 100)) + "-" + two(md % 100)));
}

/** A check answered through the scratch slots: `info(n, flags)` reads its facts. */
function scratchCheck(input, field, check, info) {
  if (typeof input !== "string") return badCheck(field);
  if (tooLong(field, input)) return { ok: false, error: tooLongError(field) };
  const status = check(writeInput(input));
  const n = scratch();
  if (status !== 0) return failure(status, n);
  const flags = n[1];
  return { ok: true, value: n[0] > 0 ? scratchText(n[0]) : input, info: info(n, flags), warnings: [], changed: (flags & 1) === 1 };
}

/** Checks a real name as printed on the ID card. */
export function checkName(input) {
  return scratchCheck(input, "name", (len) => core.nameCheck(len), (n, flags) => ({ length: n[2], minorityName: (flags & 2) === 2 }));
}

/** Checks a mainland mobile number and names the operator its prefix was assigned to. */
export function checkMobile(input) {
  return scratchCheck(input, "mobile", (len) => core.mobileCheck(len), (n, flags) => {
    const carrier = n[2]; // before catalog(): see failure()
    return {
      carrier: catalog().carriers[carrier],
      mvno: (flags & 2) === 2,
      dataCard: (flags & 4) === 4,
      satellite: (flags & 8) === 8,
    };
  });
}

/** Checks an ID card validity period `{ start, end, idNumber?, today? }`. */
export function checkValidityPeriod(input) {
  const i = pick(input, ["start", "end", "idNumber", "today"]);
  if (i === null) return badCheck("input");
  if (typeof i.start !== "string") return badCheck("validityStart");
  if (typeof i.end !== "string") return badCheck("validityEnd");
  if (!absent(i.idNumber) && typeof i.idNumber !== "string") return badCheck("idNumber");
  if (!absent(i.today) && typeof i.today !== "string") return badCheck("today");
  for (const [key, field] of [["start", "validityStart"], ["end", "validityEnd"], ["idNumber", "idNumber"], ["today", "today"]]) {
    if (typeof i[key] === "string" && tooLong(field, i[key])) return { ok: false, error: tooLongError(field) };
  }
  const today = typeof i.today === "string" ? i.today : defaultToday();
  const text = core.periodCheck(...pack([i.start, i.end, typeof i.idNumber === "string" ? i.idNumber : undefined, today]));
  const status = reply()[0];
  if (status !== 0) return { ok: false, error: replyError(status, text) };
  const flags = reply()[1];
  const [start, end, expiresOn] = replyFields(text);
  const longTerm = (flags & 2) === 2;
  return {
    ok: true,
    value: { start, end },
    info: { termYears: longTerm ? null : flags >>> 8, longTerm, expiresOn: expiresOn ?? null },
    warnings: [],
    changed: (flags & 1) === 1,
  };
}

/** Checks a bank card number: digits once spaces and hyphens are removed, 13 to 19 of them; a Luhn failure is the warning BANK_CARD_LUHN. */
export function checkBankCard(input) {
  if (typeof input !== "string") return badCheck("bankCard");
  if (tooLong("bankCard", input)) return { ok: false, error: tooLongError("bankCard") };
  const text = core.checkBankCard(input);
  const status = reply()[0];
  if (status !== 0) return { ok: false, error: replyError(status, text) };
  const flags = reply()[1];
  const luhn = (flags & 2) === 2;
  return { ok: true, value: replyFields(text)[0], info: { length: flags >>> 8, luhn }, warnings: luhn ? [] : ["BANK_CARD_LUHN"], changed: (flags & 1) === 1 };
}

/** The 18-digit form of a first-generation 15-digit number; throws AliyunIdvError on other input. */
export function upgradeLegacyIdNumber(id15) {
  if (typeof id15 !== "string") return guarded(() => { throw badThrow("idNumber"); });
  if (tooLong("idNumber", id15)) return guarded(() => { throw tooLongThrow("idNumber"); });
  return guarded(() => unwrap(core.upgradeLegacyIdNumber(id15))[0]);
}

function masker(rawFn) {
  return (s) => {
    const v = typeof s === "string" ? s : typeof s === "number" || typeof s === "bigint" ? String(s) : "";
    return v.length > MAX_CHARS.mask ? "********" : rawFn(v); // far longer than any ID, name or mobile
  };
}

/** `110105********002X`. Never fails. */
export const maskIdNumber = masker((s) => core.maskIdNumber(s));
/** `张*`. Never fails. */
export const maskName = masker((s) => core.maskName(s));
/** `138****5678`. Never fails. */
export const maskMobile = masker((s) => core.maskMobile(s));

/** Lower-case hex MD5 of the UTF-8 bytes of `s` (the md5 parameter mode). */
export function md5Hex(s) {
  if (typeof s !== "string") return guarded(() => { throw badThrow("input"); });
  if (tooLong("value", s)) return guarded(() => { throw tooLongThrow("input"); });
  return guarded(() => core.md5Hex(s));
}

// ---- Requests: build and sign, never send -------------------------------------------------

/** UTC `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds), as both signature versions want it. */
export function acsTimestamp(date = new Date()) {
  const second = Math.floor(validTime(date, "date") / 1000);
  if (second !== stampSecond) {
    // toISOString ends in ".sssZ" for every year (±YYYYYY ones too)
    const iso = new Date(second * 1000).toISOString();
    stampText = iso.slice(0, iso.length - 5) + "Z";
    stampSecond = second;
  }
  return stampText;
}
/** The last second acsTimestamp formatted: a builder called many times a second formats it once. */
let stampSecond = NaN;
let stampText = "";

/** The option names, in the core's order (catalog section 4), and each name's place in it. */
const optionKeys = () => section(4);
let optionSlotMap = null;
const optionSlots = () => (optionSlotMap ??= new Map(optionKeys().map((k, i) => [k, i])));

/**
 * The options of a builder or of signRequest as strings in the core's order (undefined: absent;
 * a Date timestamp formatted, a boolean as "true"/"false"). Own properties only, each read once;
 * an unknown key or a wrong type throws INVALID_OPTION naming the key (options.js).
 */
function buildOptions(opts, where = "a request builder", schema = BUILD_OPTIONS) {
  const keys = optionKeys();
  const values = readBuildOptionValues(opts, where, schema, optionSlots());
  const t = optionSlots().get("timestamp");
  if (values[t] !== undefined && typeof values[t] !== "string") values[t] = acsTimestamp(values[t]);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v === undefined) continue;
    if (typeof v === "boolean") values[i] = v = String(v);
    else if (typeof v !== "string") throw badThrow(keys[i]);
    if (tooLong(keys[i], v)) throw tooLongThrow(keys[i]);
  }
  return values;
}

/**
 * The core's actions: name -> its place in the core's table and the indexes (in section 3's
 * order) of the input fields it reads (catalog sections 3 and 5).
 */
let actionTable = null;
function actionOf(action) {
  if (actionTable === null) {
    actionTable = new Map(groups(5, 2).map(([name, idx], index) => [name, { index, inputs: idx === "" ? [] : idx.split(",").map(Number) }]));
  }
  return actionTable.get(action);
}

/**
 * The one builder: `action` (its API name) plus every input field and option of the core's tables
 * (the action table, src/request/table.rs), through the core's one `build` export. The named
 * builders below are entries of a table. Options as for the named builders, plus
 * `allowResidencePermit` (boolean) and `paramsIn` ("body", the default, or "sdk": where the
 * official SDK puts them).
 */
export function buildAction(action, input, opts) {
  try {
    const build = core.build; // NOT_INITIALIZED before anything is read
    if (build === unavailable) throw notAvailable();
    if (typeof action !== "string") throw badThrow("action");
    const known = actionOf(action);
    if (known === undefined) {
      throw new AliyunIdvError("ACTION_UNKNOWN", "This action is not one the library builds.", { field: "action", messageZh: "本库不支持构建该接口。" });
    }
    const used = known.inputs;
    // The input fields the action reads (own properties, each read once), then every option.
    const names = section(3);
    const values = [];
    for (let k = 0; k < names.length; k++) values.push(undefined); // packed, not holey: read fast
    if (!isObject(input)) throw badThrow("input");
    try {
      for (let j = 0; j < used.length; j++) values[used[j]] = ownValue(input, names[used[j]]);
    } catch {
      throw badThrow("input");
    }
    for (let j = 0; j < used.length; j++) {
      const k = used[j];
      const v = values[k];
      if (v === null) values[k] = undefined;
      else if (v === undefined) continue;
      else if (typeof v !== "string") throw badThrow(names[k]);
      else if (tooLong(names[k], v)) throw tooLongThrow(names[k]);
    }
    const o = buildOptions(opts);
    o[optionSlots().get("today")] ??= defaultToday();
    for (let i = 0; i < o.length; i++) values.push(o[i]);
    return signedFrom(build(known.index, writeFields(values)), false);
  } catch (e) {
    throw fromCore(e);
  }
}

const builder = (action) => (input, opts) => buildAction(action, input, opts);

/** Id2MetaVerifyIntl (name + ID number). Throws AliyunIdvError with the check's code on bad input. */
export const buildId2MetaVerifyIntl = builder("Id2MetaVerifyIntl");
/** Mobile3MetaVerifyIntl (name + ID number + mobile; `paramType: "md5"` hashes each). */
export const buildMobile3MetaVerifyIntl = builder("Mobile3MetaVerifyIntl");
/** Id2MetaPeriodVerifyIntl (name + ID number + card validity period). */
export const buildId2MetaPeriodVerifyIntl = builder("Id2MetaPeriodVerifyIntl");
/** Id2MetaVerify, the mainland 2019-03-07 API (name + ID number; md5: the model's partial forms). */
export const buildId2MetaVerify = builder("Id2MetaVerify");
/** Mobile2MetaVerifyIntl (name + mobile; md5: full MD5s). */
export const buildMobile2MetaVerifyIntl = builder("Mobile2MetaVerifyIntl");
/** BankMetaVerifyIntl (bank card + name [+ ID number [+ mobile]] by productType). */
export const buildBankMetaVerifyIntl = builder("BankMetaVerifyIntl");
/** Id2MetaPeriodVerify, mainland (name + ID number + validity period). */
export const buildId2MetaPeriodVerify = builder("Id2MetaPeriodVerify");
/** Id2MetaStandardVerify, mainland (name + ID number). */
export const buildId2MetaStandardVerify = builder("Id2MetaStandardVerify");
/** Mobile2MetaVerify, mainland (name + mobile). */
export const buildMobile2MetaVerify = builder("Mobile2MetaVerify");
/** Mobile3MetaSimpleVerify, mainland (name + ID number + mobile). */
export const buildMobile3MetaSimpleVerify = builder("Mobile3MetaSimpleVerify");
/** Mobile3MetaDetailVerify, mainland (name + ID number + mobile, with SubCode). */
export const buildMobile3MetaDetailVerify = builder("Mobile3MetaDetailVerify");
/** Mobile3MetaSimpleStandardVerify, mainland. */
export const buildMobile3MetaSimpleStandardVerify = builder("Mobile3MetaSimpleStandardVerify");
/** Mobile3MetaDetailStandardVerify, mainland (with SubCode). */
export const buildMobile3MetaDetailStandardVerify = builder("Mobile3MetaDetailStandardVerify");
/** MobileRecycledMetaVerify, mainland (mobile + registerDate). */
export const buildMobileRecycledMetaVerify = builder("MobileRecycledMetaVerify");
/** BankMetaVerify, mainland (bank card + name [+ ID number [+ mobile]] by productType). */
export const buildBankMetaVerify = builder("BankMetaVerify");

/**
 * Pushes the flattened RPC parameters of `v` (params.js: the official SDKs' rules) onto `out` as
 * key, value, each bounded; answers how many.
 */
function pushParams(out, v, field) {
  const list = rpcParamList(v, field);
  for (let i = 0; i < list.length; i += 2) {
    const k = list[i];
    const value = list[i + 1];
    if (k.length > MAX_CHARS.key || value.length > MAX_CHARS.value) throw tooLongThrow(field);
    out.push(k, value);
  }
  return list.length / 2;
}

const REQUEST_KEYS = ["method", "host", "action", "version", "query", "form"];

/** Signs any RPC request exactly as given; returns the intermediate strings too. */
export function signRequest(req, opts) {
  try {
    const sign = core.signRequest;
    if (sign === unavailable) throw notAvailable();
    const r = pickValues(req, REQUEST_KEYS);
    if (r === null) throw badThrow("request");
    // method, host, action, version: a string, or absent (the method then defaults in the core,
    // the others are empty and refused there)
    const values = [];
    for (let i = 0; i < 4; i++) {
      const v = r[i];
      if (v === undefined) values.push(i === 0 ? undefined : "");
      else if (typeof v !== "string") throw badThrow(REQUEST_KEYS[i]);
      else if (tooLong("key", v)) throw tooLongThrow(REQUEST_KEYS[i]);
      else values.push(v);
    }
    const params = [];
    const queryCount = pushParams(params, r[4], "query");
    pushParams(params, r[5], "form");
    const o = buildOptions(opts, "signRequest", SIGN_OPTIONS);
    o[optionSlots().get("today")] = undefined;
    for (let i = 0; i < o.length; i++) values.push(o[i]);
    for (let i = 0; i < params.length; i++) values.push(params[i]);
    return signedFrom(sign(writeFields(values), queryCount), true);
  } catch (e) {
    throw fromCore(e);
  }
}

// ---- Responses -------------------------------------------------------------------------------

/** Header names (lower-cased) and values as plain strings; {} for anything unreadable. Never throws. */
function plainHeaders(headers) {
  const out = {};
  try {
    if (!headers || typeof headers !== "object") return out;
    const entries = typeof headers.entries === "function" && !Array.isArray(headers) ? headers.entries() : Object.entries(headers);
    let n = 0;
    for (const [k, v] of entries) {
      if (++n > MAX_PARAMS) break;
      if (typeof k !== "string" || k.length > MAX_CHARS.key || !(typeof v === "string" || typeof v === "number")) continue;
      const value = String(v);
      if (value.length <= MAX_CHARS.header) out[wf(k.toLowerCase())] = wf(value);
    }
    return out;
  } catch {
    return {};
  }
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** A JSON value tagged with its type for the core (src/bindings/requests.rs); undefined for other types. */
function tagged(v) {
  switch (typeof v) {
    case "string":
      return "s" + v;
    case "number":
      return Number.isSafeInteger(v) ? "n" + String(v) : undefined;
    case "boolean":
      return v ? "t" : "f";
    default:
      return undefined;
  }
}

let responseTables = null;
function responseTable() {
  if (responseTables === null) {
    responseTables = {
      result: groups(7, 3).map(([json, js, kind]) => ({ json, js, flag: kind === "f" })),
      envelope: section(8),
      objects: section(9),
      headers: section(10),
      verdicts: section(11),
      kinds: section(12),
    };
  }
  return responseTables;
}

/** Interprets an answer of the service. Never throws on any input (a module without it, the browser one, throws NOT_AVAILABLE). */
export function parseResponse(action, httpStatus, body, headers) {
  const parse = core.parseResponse;
  if (parse === unavailable) throw notAvailable();
  const status = Number.isInteger(httpStatus) && httpStatus >= 0 && httpStatus <= 65535 ? httpStatus : 0;
  try {
    const t = responseTable();
    const h = plainHeaders(headers);
    const names = Object.keys(h).sort();
    const values = t.headers.map((name) => {
      const k = names.find((k) => k.trim() === name);
      return k === undefined ? undefined : h[k];
    });
    let json;
    try {
      // A body far larger than any answer is not read: it is not the service's.
      json = typeof body === "string" && !tooLong("body", body) ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const isObject = isPlainObject(json);
    for (const name of t.envelope) values.push(isObject ? tagged(ownValue(json, name)) : undefined);
    let result;
    if (isObject) {
      for (const name of t.objects) {
        const r = ownValue(json, name);
        if (isPlainObject(r)) {
          result = r;
          break;
        }
      }
    }
    if (result !== undefined) for (const f of t.result) values.push(tagged(ownValue(result, f.json)));
    const text = parse(typeof action === "string" && !tooLong("key", action) ? action : "", status, isObject, result !== undefined, ...pack(values));
    const flags = reply()[1];
    const f = replyFields(text);
    const out = {
      verdict: t.verdicts[flags & 15],
      billed: (flags & 16) === 16,
      retryable: (flags & 32) === 32,
      requestId: f[0] ?? null,
      code: f[1] ?? null,
      message: f[2] ?? null,
    };
    const n = t.result.length;
    for (let i = 0; i < n; i++) {
      const v = f[3 + i];
      if (v !== undefined) out[t.result[i].js] = t.result[i].flag ? v === "t" : v;
    }
    const kind = flags >>> 8;
    if (kind > 0) out.errorKind = t.kinds[kind - 1];
    if (f[3 + n] !== undefined) out.retryAfterMs = Number(f[3 + n]);
    out.description = f[4 + n];
    out.descriptionZh = f[5 + n];
    return out;
  } catch {
    // Unreachable by design (the core never fails); keep the promise of never throwing.
    return {
      verdict: "error", billed: false, retryable: false, requestId: null, code: null, message: null,
      errorKind: "malformed_response",
      description: "The answer could not be interpreted.", descriptionZh: "无法解析服务返回的结果。",
    };
  }
}
