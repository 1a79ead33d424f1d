// The public API of aliyun-idv, shared by every runtime entry (node.mjs, node.cjs, workerd.mjs,
// browser.mjs, bundler.mjs). It wraps the generated bindings (aliyun_idv.js): checks argument
// types before they cross into WebAssembly, fills defaults that need the host (today's date in
// China), passes options and results as JSON text (or scratch slots, for the hot checks), and
// turns the core's error answers into AliyunIdvError.
//
// Nothing the caller passes reaches the core as is: every argument is read here once, property by
// property and inside try/catch, and copied into a fresh plain object of strings and booleans. A
// getter that throws, or a Proxy, must never throw through the WebAssembly frames: that skips the
// core's stack-pointer restore and poisons the instance ("memory access out of bounds", then
// "unreachable") for every later call.
import initWasm, * as raw from "./aliyun_idv.js";

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

let ready = false;

function notReady() {
  return new AliyunIdvError(
    "NOT_INITIALIZED",
    "aliyun-idv is not initialised: in a browser, `await init()` once before calling it " +
      "(or import the package through a bundler, or use it from Node or Workers, where it initialises itself).",
  );
}

/** Instantiates the WebAssembly module from a `WebAssembly.Module` or the bytes of the .wasm file. */
export function initSync(input) {
  if (ready) return;
  const module = input && Object.getPrototypeOf(input) === Object.prototype ? input.module : input;
  attach(raw.initSync({ module }));
}

/**
 * Instantiates the WebAssembly module; by default fetches aliyun_idv_bg.wasm next to this file.
 * Safe to call more than once and from every entry: later calls resolve at once.
 */
export default async function init(input) {
  if (ready) return;
  const moduleOrPath = input && Object.getPrototypeOf(input) === Object.prototype ? input.module_or_path ?? input.module : input;
  attach(await initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }));
}

// ---- The scratch area the hot checks answer through (see src/bindings/fast.rs) -------------

/** The instance's memory, as the generated init functions return it with the other exports. */
let memory = null;
let numsPtr = 0;
let bytesPtr = 0;
let nums = new Uint32Array(0);
let bytes = new Uint8Array(0);
let cat = null;
const regionNames = new Map();
const utf8 = new TextDecoder();

function attach(exports) {
  memory = exports.memory;
  numsPtr = raw.scratchNums();
  bytesPtr = raw.scratchBytes();
  ready = true;
}

/**
 * Diagnostic, not part of the documented API: the size in bytes of the WebAssembly instance's
 * linear memory (0 before initialisation). Memory only grows, so a steady value over many calls
 * shows that nothing leaks across the boundary.
 */
export function __wasmMemoryBytes() {
  return memory instanceof WebAssembly.Memory ? memory.buffer.byteLength : 0;
}

/** Views on the scratch area, renewed when the memory has grown (which detaches old views). */
function scratch() {
  if (nums.buffer !== memory.buffer) {
    nums = new Uint32Array(memory.buffer, numsPtr, 8);
    bytes = new Uint8Array(memory.buffer, bytesPtr, 256);
  }
  return nums;
}

function catalog() {
  if (cat === null) cat = JSON.parse(raw.catalog());
  return cat;
}

/** The value the check wrote (when normalisation changed it). */
function scratchText(len) {
  return utf8.decode(bytes.subarray(0, len));
}

function failure(status, n) {
  const c = catalog();
  const code = c.codes[status - 1];
  const error = { code: code.code, field: c.fields[n[1]], message: code.message, messageZh: code.messageZh };
  if (n[0] > 0) error.hint = scratchText(n[0]);
  return { ok: false, error };
}

function regionName(code) {
  let name = regionNames.get(code);
  if (name === undefined) {
    name = raw.regionName(code) || null;
    regionNames.set(code, name);
  }
  return name;
}

const pad2 = (n) => (n < 10 ? "0" + n : "" + n);

// Today in China, recomputed only when a day has passed (as text, and as YYYYMMDD for idCheck).
let todayText = "";
let todayNumber = 0;
let todayUntil = 0;
function refreshToday() {
  const now = Date.now();
  if (now >= todayUntil) {
    todayText = chinaToday(new Date(now));
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
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) s = s.slice(0, 4) + s.slice(5, 7) + s.slice(8);
  return s.length === 8 && /^[0-9]{8}$/.test(s) ? Number(s) : 0;
}

// Options and results cross into WebAssembly as JSON text (see src/bindings/mod.rs).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string for JSON text to the core: lone surrogates become U+FFFD, as they do for string
 * arguments (which cross as UTF-8); JSON would otherwise carry them as escapes that are not
 * Unicode text. Every string copied into an options object passes through here.
 */
function wf(s) {
  if (typeof s.isWellFormed === "function") return s.isWellFormed() ? s : s.toWellFormed();
  return s.replace(LONE_SURROGATE, "\uFFFD");
}

const toJson = JSON.stringify;

/** A function that throws in JS answers `{ok, value}` or `{ok: false, error}`. */
function unwrap(text) {
  const r = JSON.parse(text);
  if (r.ok) return r.value;
  throw fromCore(r.error);
}

/** A signed request answered as NUL-separated fields (see src/bindings/requests.rs), or JSON for an error. */
function signedFrom(text, debug) {
  if (text.charCodeAt(0) === 123) return unwrap(text); // "{": an error, thrown
  const p = text.split("\0");
  const headers = {};
  for (let i = 7; i + 1 < p.length; i += 2) headers[p[i]] = p[i + 1];
  const req = { method: p[0], url: p[1], headers, body: p[2] === "1" ? p[3] : null };
  if (debug) {
    req.canonicalRequest = p[4];
    req.stringToSign = p[5];
    req.signature = p[6];
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
  const out = {};
  try {
    for (const key of keys) out[key] = ownValue(obj, key);
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
  const china = new Date(validTime(now, "now") + 8 * 3600 * 1000);
  if (Number.isNaN(china.getTime())) throw badThrow("now"); // a valid Date too close to the end of time
  return china.toISOString().slice(0, 10);
}

function guarded(fn) {
  if (!ready) throw notReady();
  try {
    return fn();
  } catch (e) {
    throw fromCore(e);
  }
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
  key: 4096, value: 65536, header: 16384, mask: 1024, body: 1024 * 1024,
};
/** The most parameters (or headers) accepted in one request description (or answer). */
const MAX_PARAMS = 1000;
/** The code a too-long value of a field answers with: the field's own length code where it has one. */
const TOO_LONG_CODE = {
  idNumber: "ID_LENGTH", name: "NAME_TOO_LONG", mobile: "MOBILE_LENGTH", validityStart: "PERIOD_START_INVALID",
  validityEnd: "PERIOD_END_INVALID", today: "TODAY_INVALID", endpoint: "ENDPOINT_INVALID",
};

function tooLong(field, s) {
  return s.length > (MAX_CHARS[field] ?? 4096);
}

/** The check-shaped error for a too-long `field` (the core's message for its code). */
function tooLongError(field) {
  const code = TOO_LONG_CODE[field];
  const known = code && catalog().codes.find((c) => c.code === code);
  return known ? { code, field, message: known.message, messageZh: known.messageZh } : { ...BAD_ARGUMENT, field };
}

function tooLongThrow(field) {
  const e = tooLongError(field);
  return new AliyunIdvError(e.code, e.message + (e.code === BAD_ARGUMENT.code ? " (" + field + " is too long)" : ""), e);
}

/** A JSON body with escaped lone surrogates (`"\ud800"`), which JSON.parse accepts and the core's
 * strict parser refuses, re-encoded with U+FFFD: an odd character in an unrelated field (a Message)
 * must not make a billed answer unreadable. Other bodies pass untouched. */
function surrogateSafe(body) {
  if (!/\\u[dD][89a-fA-F]/.test(body)) return body;
  try {
    return JSON.stringify(JSON.parse(body), (k, v) => (typeof v === "string" ? wf(v) : v));
  } catch {
    return body;
  }
}

// ---- Checks: never throw on bad input -------------------------------------------------------

/** Checks a typed resident ID number. Never throws on bad input: returns `{ ok: false, error }`. */
export function checkIdNumber(input, opts) {
  if (!ready) throw notReady();
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
  const status = raw.idCheck(input, day, allow);
  const n = scratch();
  if (status !== 0) return failure(status, n);
  const flags = n[1];
  const value = n[0] > 0 ? scratchText(n[0]) : input;
  const ymd = n[2];
  const year = Math.floor(ymd / 10000);
  const warnings = [];
  if (flags & 4) warnings.push("REGION_UNRECOGNIZED");
  if (flags & 8) warnings.push("REGION_ABOLISHED_BEFORE_BIRTH");
  return {
    ok: true,
    value,
    info: {
      birthDate: (year < 1000 ? ("000" + year).slice(-4) : "" + year) + "-" + pad2(Math.floor(ymd / 100) % 100) + "-" + pad2(ymd % 100),
      gender: flags & 2 ? "male" : "female",
      age: n[3],
      regionCode: value.slice(0, 6),
      regionName: regionName(n[4]),
      province: regionName(n[5] * 10000) ?? "",
    },
    warnings,
    changed: (flags & 1) === 1,
  };
}

/** A check answered through the scratch slots: `info(n, flags)` reads its facts. */
function scratchCheck(input, field, check, info) {
  if (!ready) throw notReady();
  if (typeof input !== "string") return badCheck(field);
  if (tooLong(field, input)) return { ok: false, error: tooLongError(field) };
  const status = check(input);
  const n = scratch();
  if (status !== 0) return failure(status, n);
  const flags = n[1];
  return { ok: true, value: n[0] > 0 ? scratchText(n[0]) : input, info: info(n, flags), warnings: [], changed: (flags & 1) === 1 };
}

/** Checks a real name as printed on the ID card. */
export function checkName(input) {
  return scratchCheck(input, "name", raw.nameCheck, (n, flags) => ({ length: n[2], minorityName: (flags & 2) === 2 }));
}

/** Checks a mainland mobile number and names the operator its prefix was assigned to. */
export function checkMobile(input) {
  return scratchCheck(input, "mobile", raw.mobileCheck, (n, flags) => ({
    carrier: catalog().carriers[n[2]],
    mvno: (flags & 2) === 2,
    dataCard: (flags & 4) === 4,
    satellite: (flags & 8) === 8,
  }));
}

/** Checks an ID card validity period `{ start, end, idNumber?, today? }`. */
export function checkValidityPeriod(input) {
  if (!ready) throw notReady();
  const i = pick(input, ["start", "end", "idNumber", "today"]);
  if (i === null) return badCheck("input");
  if (typeof i.start !== "string") return badCheck("validityStart");
  if (typeof i.end !== "string") return badCheck("validityEnd");
  if (!absent(i.idNumber) && typeof i.idNumber !== "string") return badCheck("idNumber");
  if (!absent(i.today) && typeof i.today !== "string") return badCheck("today");
  for (const [key, field] of [["start", "validityStart"], ["end", "validityEnd"], ["idNumber", "idNumber"], ["today", "today"]]) {
    if (typeof i[key] === "string" && tooLong(field, i[key])) return { ok: false, error: tooLongError(field) };
  }
  const clean = { start: wf(i.start), end: wf(i.end), today: typeof i.today === "string" ? wf(i.today) : defaultToday() };
  if (typeof i.idNumber === "string") clean.idNumber = wf(i.idNumber);
  return JSON.parse(raw.checkValidityPeriod(toJson(clean)));
}

/** The 18-digit form of a first-generation 15-digit number; throws AliyunIdvError on other input. */
export function upgradeLegacyIdNumber(id15) {
  if (typeof id15 !== "string") return guarded(() => { throw badThrow("idNumber"); });
  if (tooLong("idNumber", id15)) return guarded(() => { throw tooLongThrow("idNumber"); });
  return guarded(() => unwrap(raw.upgradeLegacyIdNumber(id15)));
}

function masker(rawFn) {
  return (s) => {
    if (!ready) throw notReady();
    const v = typeof s === "string" ? s : typeof s === "number" || typeof s === "bigint" ? String(s) : "";
    return v.length > MAX_CHARS.mask ? "********" : rawFn(v); // far longer than any ID, name or mobile
  };
}

/** `110105********002X`. Never fails. */
export const maskIdNumber = masker((s) => raw.maskIdNumber(s));
/** `张*`. Never fails. */
export const maskName = masker((s) => raw.maskName(s));
/** `138****5678`. Never fails. */
export const maskMobile = masker((s) => raw.maskMobile(s));

/** Lower-case hex MD5 of the UTF-8 bytes of `s` (the md5 parameter mode). */
export function md5Hex(s) {
  if (typeof s !== "string") return guarded(() => { throw badThrow("input"); });
  if (tooLong("value", s)) return guarded(() => { throw tooLongThrow("input"); });
  return guarded(() => raw.md5Hex(s));
}

// ---- Requests: build and sign, never send -------------------------------------------------

/** UTC `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds), as both signature versions want it. */
export function acsTimestamp(date = new Date()) {
  return new Date(validTime(date, "date")).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const OPTION_KEYS = ["accessKeyId", "accessKeySecret", "securityToken", "timestamp", "nonce", "signatureVersion", "endpoint", "longTermAs", "today"];

/** The options of a builder or of signRequest as a fresh object of strings (a Date timestamp formatted). */
function buildOptions(opts) {
  const o = pick(opts, OPTION_KEYS);
  if (o === null) throw badThrow("options");
  if (dateTime(o.timestamp) !== undefined) o.timestamp = acsTimestamp(o.timestamp);
  const out = {};
  for (const key of OPTION_KEYS) {
    if (absent(o[key])) continue;
    if (typeof o[key] !== "string") throw badThrow(key);
    if (tooLong(key, o[key])) throw tooLongThrow(key);
    out[key] = wf(o[key]);
  }
  return out;
}

/** The string fields of an input object (absent ones left out), or throws INVALID_ARGUMENT. */
function stringFields(input, keys) {
  const i = pick(input, keys);
  if (i === null) throw badThrow("input");
  const out = {};
  for (const key of keys) {
    if (absent(i[key])) continue;
    if (typeof i[key] !== "string") throw badThrow(key);
    if (tooLong(key, i[key])) throw tooLongThrow(key);
    out[key] = wf(i[key]);
  }
  return out;
}

function builder(rawFn, keys) {
  return (input, opts) =>
    guarded(() => {
      const i = stringFields(input, keys);
      const o = buildOptions(opts);
      o.today ??= defaultToday();
      return signedFrom(rawFn(toJson(i), toJson(o)), false);
    });
}

/** Id2MetaVerifyIntl (name + ID number). Throws AliyunIdvError with the check's code on bad input. */
export const buildId2MetaVerifyIntl = builder((i, o) => raw.buildId2MetaVerifyIntl(i, o), ["idNumber", "name", "paramType"]);
/** Mobile3MetaVerifyIntl (name + ID number + mobile; `paramType: "md5"` hashes each). */
export const buildMobile3MetaVerifyIntl = builder((i, o) => raw.buildMobile3MetaVerifyIntl(i, o), ["idNumber", "name", "mobile", "paramType"]);
/** Id2MetaPeriodVerifyIntl (name + ID number + card validity period). */
export const buildId2MetaPeriodVerifyIntl = builder((i, o) => raw.buildId2MetaPeriodVerifyIntl(i, o), [
  "idNumber", "name", "validityStart", "validityEnd", "merchantBizId", "merchantUserId", "sceneCode",
]);
/** Id2MetaVerify, the mainland 2019-03-07 API (name + ID number). */
export const buildId2MetaVerify = builder((i, o) => raw.buildId2MetaVerify(i, o), ["idNumber", "name", "paramType"]);

/** `{ name: value }` with string values, copied; or throws INVALID_ARGUMENT naming `field`. */
function params(v, field) {
  if (absent(v)) return {};
  if (!isObject(v)) throw badThrow(field);
  let entries;
  try {
    entries = Object.entries(v);
  } catch {
    throw badThrow(field);
  }
  if (entries.length > MAX_PARAMS) throw tooLongThrow(field);
  // A null-prototype object: a `__proto__` key is kept and signed as given, never dropped.
  const out = Object.create(null);
  for (const [k, value] of entries) {
    if (typeof value !== "string") throw badThrow(field);
    if (tooLong("key", k) || tooLong("value", value)) throw tooLongThrow(field);
    out[wf(k)] = wf(value);
  }
  return out;
}

/** Signs any RPC request exactly as given; returns the intermediate strings too. */
export function signRequest(req, opts) {
  return guarded(() => {
    const r = pick(req, ["method", "host", "action", "version", "query", "form"]);
    if (r === null) throw badThrow("request");
    for (const key of ["method", "host", "action", "version"]) {
      if (r[key] !== undefined && typeof r[key] !== "string") throw badThrow(key);
      if (typeof r[key] === "string" && tooLong("key", r[key])) throw tooLongThrow(key);
    }
    const query = params(r.query, "query");
    const form = params(r.form, "form");
    const o = buildOptions(opts);
    delete o.today;
    const text = (v) => (typeof v === "string" ? wf(v) : "");
    const description = { method: r.method, host: text(r.host), action: text(r.action), version: text(r.version), query, form };
    return signedFrom(raw.signRequest(toJson(description), toJson(o)), true);
  });
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

/** Interprets an answer of the service. Never throws: any input gives a VerifyResult. */
export function parseResponse(action, httpStatus, body, headers) {
  if (!ready) throw notReady();
  const status = Number.isInteger(httpStatus) && httpStatus >= 0 && httpStatus <= 65535 ? httpStatus : 0;
  try {
    const h = toJson(plainHeaders(headers));
    const a = typeof action === "string" && !tooLong("key", action) ? action : "";
    // A body far larger than any answer is not copied into WebAssembly: it is not the service's.
    const b = typeof body === "string" ? (tooLong("body", body) ? "" : surrogateSafe(body)) : "";
    return JSON.parse(raw.parseResponse(a, status, b, h));
  } catch {
    // Unreachable by design (the core never fails); keep the promise of never throwing.
    return {
      verdict: "error", billed: false, retryable: false, requestId: null, code: null, message: null,
      errorKind: "malformed_response",
      description: "The answer could not be interpreted.", descriptionZh: "无法解析服务返回的结果。",
    };
  }
}
