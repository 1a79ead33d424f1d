// The public API of aliyun-idv, shared by every runtime entry (node.mjs, node.cjs, workerd.mjs,
// browser.mjs, bundler.mjs). It wraps the generated bindings (aliyun_idv.js): checks argument
// types before they cross into WebAssembly, fills defaults that need the host (today's date in
// China), and turns error objects thrown by the core into AliyunIdvError.
import initWasm, * as raw from "./aliyun_idv.js";

/** An error with a stable `code`. Never carries the access key secret or a full ID number, name or mobile. */
export class AliyunIdvError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = "AliyunIdvError";
    this.code = code;
    if (details) {
      for (const key of ["field", "messageZh", "httpStatus", "requestId"]) {
        if (details[key] !== undefined && details[key] !== null) this[key] = details[key];
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

// Today in China, recomputed only when a day has passed.
let todayText = "";
let todayUntil = 0;
function defaultToday() {
  const now = Date.now();
  if (now >= todayUntil) {
    const china = now + 8 * 3600 * 1000;
    todayText = new Date(china).toISOString().slice(0, 10);
    todayUntil = (Math.floor(china / 86400000) + 1) * 86400000 - 8 * 3600 * 1000;
  }
  return todayText;
}

function fromCore(e) {
  if (e instanceof AliyunIdvError) return e;
  if (e && typeof e === "object" && typeof e.code === "string") {
    return new AliyunIdvError(e.code, String(e.message ?? e.code), e);
  }
  return new AliyunIdvError("INTERNAL", "aliyun-idv failed unexpectedly: " + String(e && e.message ? e.message : e));
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

function isOptions(v) {
  return v === undefined || v === null || (typeof v === "object" && !Array.isArray(v));
}

/** Today's date in China (UTC+8) as YYYY-MM-DD: the default `today` of every check. */
export function chinaToday(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function withToday(opts) {
  if (opts && opts.today !== undefined && opts.today !== null) return opts;
  return { ...(opts || {}), today: defaultToday() };
}

// Options and results cross into WebAssembly as JSON text (see src/bindings/mod.rs).

/** The listed keys of `obj` that are not undefined (getters that throw make the caller's error). */
function pick(obj, keys) {
  const out = {};
  if (obj === undefined || obj === null) return out;
  for (const k of keys) {
    const v = obj[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
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

/** A function that throws in JS answers `{ok, value}` or `{ok: false, error}`. */
function unwrap(text) {
  const r = JSON.parse(text);
  if (r.ok) return r.value;
  throw fromCore(r.error);
}

function guarded(fn) {
  if (!ready) throw notReady();
  try {
    return fn();
  } catch (e) {
    throw fromCore(e);
  }
}

/** Checks a typed resident ID number. Never throws on bad input: returns `{ ok: false, error }`. */
export function checkIdNumber(input, opts) {
  if (!ready) throw notReady();
  if (typeof input !== "string") return badCheck("idNumber");
  let today;
  let allow;
  if (opts !== undefined && opts !== null) {
    if (!isOptions(opts)) return badCheck("options");
    try {
      today = opts.today;
      allow = opts.allowResidencePermit;
    } catch {
      return badCheck("options");
    }
    if (allow !== undefined && allow !== null && typeof allow !== "boolean") return badCheck("options");
  }
  // A `today` that is not a string goes through as "" and is refused as TODAY_INVALID.
  const day = today === undefined || today === null ? defaultToday() : typeof today === "string" ? today : "";
  const status = raw.idCheck(input, day, allow === true);
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
  if (input === null || typeof input !== "object" || Array.isArray(input)) return badCheck("input");
  let fields;
  try {
    fields = pick(input, ["start", "end", "idNumber", "today"]);
  } catch {
    return badCheck("input");
  }
  for (const [key, field] of [["start", "validityStart"], ["end", "validityEnd"]]) {
    if (typeof fields[key] !== "string") return badCheck(field);
  }
  if (fields.idNumber === null) delete fields.idNumber;
  if (fields.idNumber !== undefined && typeof fields.idNumber !== "string") return badCheck("idNumber");
  if (fields.today !== undefined && fields.today !== null && typeof fields.today !== "string") return badCheck("today");
  return JSON.parse(raw.checkValidityPeriod(JSON.stringify(withToday(fields))));
}

/** The 18-digit form of a first-generation 15-digit number; throws AliyunIdvError on other input. */
export function upgradeLegacyIdNumber(id15) {
  if (typeof id15 !== "string") return guarded(() => { throw badThrow("idNumber"); });
  return guarded(() => unwrap(raw.upgradeLegacyIdNumber(id15)));
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
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function buildOptions(opts) {
  if (opts === null || typeof opts !== "object" || Array.isArray(opts)) throw badThrow("options");
  const out = pick(opts, ["accessKeyId", "accessKeySecret", "securityToken", "timestamp", "nonce", "signatureVersion", "endpoint", "longTermAs", "today"]);
  if (out.timestamp instanceof Date) {
    if (Number.isNaN(out.timestamp.getTime())) throw badThrow("timestamp");
    out.timestamp = acsTimestamp(out.timestamp);
  }
  for (const key of ["accessKeyId", "accessKeySecret", "securityToken", "timestamp", "nonce", "signatureVersion", "endpoint", "longTermAs", "today"]) {
    if (out[key] === null) delete out[key];
    if (out[key] !== undefined && typeof out[key] !== "string") throw badThrow(key);
  }
  return out;
}

function builder(rawFn, stringFields) {
  return (input, opts) =>
    guarded(() => {
      if (input === null || typeof input !== "object" || Array.isArray(input)) throw badThrow("input");
      for (const key of stringFields) {
        if (input[key] !== undefined && input[key] !== null && typeof input[key] !== "string") throw badThrow(key);
      }
      const clean = {};
      for (const key of stringFields) if (typeof input[key] === "string") clean[key] = input[key];
      const o = buildOptions(opts);
      if (o.today === undefined) o.today = defaultToday();
      return signedFrom(rawFn(JSON.stringify(clean), JSON.stringify(o)), false);
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

/** Signs any RPC request exactly as given; returns the intermediate strings too. */
export function signRequest(req, opts) {
  return guarded(() => {
    if (req === null || typeof req !== "object" || Array.isArray(req)) throw badThrow("request");
    for (const key of ["method", "host", "action", "version"]) {
      if (req[key] !== undefined && typeof req[key] !== "string") throw badThrow(key);
    }
    for (const key of ["query", "form"]) {
      const params = req[key];
      if (params === undefined || params === null) continue;
      if (typeof params !== "object" || Array.isArray(params)) throw badThrow(key);
      for (const v of Object.values(params)) if (typeof v !== "string") throw badThrow(key);
    }
    const o = buildOptions(opts);
    delete o.today;
    const description = { method: req.method, host: req.host ?? "", action: req.action ?? "", version: req.version ?? "", query: req.query ?? {}, form: req.form ?? {} };
    return signedFrom(raw.signRequest(JSON.stringify(description), JSON.stringify(o)), true);
  });
}

function plainHeaders(headers) {
  const out = {};
  if (!headers || typeof headers !== "object") return out;
  const entries = typeof headers.entries === "function" && !Array.isArray(headers) ? headers.entries() : Object.entries(headers);
  for (const [k, v] of entries) if (typeof k === "string" && (typeof v === "string" || typeof v === "number")) out[k.toLowerCase()] = String(v);
  return out;
}

/** Interprets an answer of the service. Never throws: any input gives a VerifyResult. */
export function parseResponse(action, httpStatus, body, headers) {
  if (!ready) throw notReady();
  const status = Number.isInteger(httpStatus) && httpStatus >= 0 && httpStatus <= 65535 ? httpStatus : 0;
  try {
    return JSON.parse(raw.parseResponse(typeof action === "string" ? action : "", status, typeof body === "string" ? body : "", JSON.stringify(plainHeaders(headers))));
  } catch {
    // Unreachable by design (the core never fails); keep the promise of never throwing.
    return {
      verdict: "error", billed: false, retryable: false, requestId: null, code: null, message: null,
      errorKind: "malformed_response",
      description: "The answer could not be interpreted.", descriptionZh: "无法解析服务返回的结果。",
    };
  }
}
