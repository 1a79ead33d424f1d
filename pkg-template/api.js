// The public API of aliyun-idv, shared by every runtime entry (node.mjs, node.cjs, workerd.mjs,
// browser.mjs, bundler.mjs). It wraps the generated bindings (aliyun_idv.js): checks argument
// types before they cross into WebAssembly, fills defaults that need the host (today's date in
// China), and turns error objects thrown by the core into AliyunIdvError.
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
/** The instance's exports (its memory among them), as the generated init functions return them. */
let instanceExports = null;

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
  instanceExports = raw.initSync({ module });
  ready = true;
}

/**
 * Instantiates the WebAssembly module; by default fetches aliyun_idv_bg.wasm next to this file.
 * Safe to call more than once and from every entry: later calls resolve at once.
 */
export default async function init(input) {
  if (ready) return;
  const moduleOrPath = input && Object.getPrototypeOf(input) === Object.prototype ? input.module_or_path ?? input.module : input;
  instanceExports = await initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  ready = true;
}

/**
 * Diagnostic, not part of the documented API: the size in bytes of the WebAssembly instance's
 * linear memory (0 before initialisation). Memory only grows, so a steady value over many calls
 * shows that nothing leaks across the boundary.
 */
export function __wasmMemoryBytes() {
  const memory = instanceExports && instanceExports.memory;
  return memory instanceof WebAssembly.Memory ? memory.buffer.byteLength : 0;
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

/** `{ key: obj[key] }` for each key, read once; null when `obj` is not an object or a read throws. */
function pick(obj, keys) {
  if (!isObject(obj)) return null;
  const out = {};
  try {
    for (const key of keys) out[key] = obj[key];
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
  return new Date(validTime(now, "now") + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function guarded(fn) {
  if (!ready) throw notReady();
  try {
    return fn();
  } catch (e) {
    throw fromCore(e);
  }
}

// ---- Checks: never throw on bad input -------------------------------------------------------

/** Checks a typed resident ID number. Never throws on bad input: returns `{ ok: false, error }`. */
export function checkIdNumber(input, opts) {
  if (!ready) throw notReady();
  if (typeof input !== "string") return badCheck("idNumber");
  const clean = {};
  if (!absent(opts)) {
    const o = pick(opts, ["today", "allowResidencePermit"]);
    if (o === null) return badCheck("options");
    if (!absent(o.today) && typeof o.today !== "string") return badCheck("today");
    if (!absent(o.allowResidencePermit) && typeof o.allowResidencePermit !== "boolean") return badCheck("options");
    if (typeof o.today === "string") clean.today = o.today;
    if (typeof o.allowResidencePermit === "boolean") clean.allowResidencePermit = o.allowResidencePermit;
  }
  clean.today ??= chinaToday();
  return raw.checkIdNumber(input, clean);
}

/** Checks a real name as printed on the ID card. */
export function checkName(input) {
  if (!ready) throw notReady();
  if (typeof input !== "string") return badCheck("name");
  return raw.checkName(input);
}

/** Checks a mainland mobile number and names the operator its prefix was assigned to. */
export function checkMobile(input) {
  if (!ready) throw notReady();
  if (typeof input !== "string") return badCheck("mobile");
  return raw.checkMobile(input);
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
  const clean = { start: i.start, end: i.end, today: typeof i.today === "string" ? i.today : chinaToday() };
  if (typeof i.idNumber === "string") clean.idNumber = i.idNumber;
  return raw.checkValidityPeriod(clean);
}

/** The 18-digit form of a first-generation 15-digit number; throws AliyunIdvError on other input. */
export function upgradeLegacyIdNumber(id15) {
  if (typeof id15 !== "string") return guarded(() => { throw badThrow("idNumber"); });
  return guarded(() => raw.upgradeLegacyIdNumber(id15));
}

function masker(rawFn) {
  return (s) => {
    if (!ready) throw notReady();
    return rawFn(typeof s === "string" ? s : typeof s === "number" || typeof s === "bigint" ? String(s) : "");
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
    out[key] = o[key];
  }
  out.today ??= chinaToday();
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
    out[key] = i[key];
  }
  return out;
}

function builder(rawFn, keys) {
  return (input, opts) => guarded(() => rawFn(stringFields(input, keys), buildOptions(opts)));
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
  const out = {};
  for (const [k, value] of entries) {
    if (typeof value !== "string") throw badThrow(field);
    out[k] = value;
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
    }
    const query = params(r.query, "query");
    const form = params(r.form, "form");
    const { today, ...o } = buildOptions(opts);
    void today;
    return raw.signRequest({ method: r.method, host: r.host ?? "", action: r.action ?? "", version: r.version ?? "", query, form }, o);
  });
}

// ---- Responses -------------------------------------------------------------------------------

/** Header names (lower-cased) and values as plain strings; {} for anything unreadable. Never throws. */
function plainHeaders(headers) {
  const out = {};
  try {
    if (!headers || typeof headers !== "object") return out;
    const entries = typeof headers.entries === "function" && !Array.isArray(headers) ? headers.entries() : Object.entries(headers);
    for (const [k, v] of entries) if (typeof k === "string" && (typeof v === "string" || typeof v === "number")) out[k.toLowerCase()] = String(v);
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
    return raw.parseResponse(typeof action === "string" ? action : "", status, typeof body === "string" ? body : "", plainHeaders(headers));
  } catch {
    // Unreachable by design (the core never fails); keep the promise of never throwing.
    return {
      verdict: "error", billed: false, retryable: false, requestId: null, code: null, message: null,
      errorKind: "malformed_response",
      description: "The answer could not be interpreted.", descriptionZh: "无法解析服务返回的结果。",
    };
  }
}
