// The readiness guard and the instance's memory, shared by every export of api.js (internal: not
// part of the package's API; the entries call `initCore` once with the module they instantiated).
//
// Until an entry hands over a module, `core` is a stand-in whose every export throws
// NOT_INITIALIZED; a module without the signer (the browser one) answers NOT_AVAILABLE for the
// server-only exports. No export of api.js checks readiness by hand.
import { AliyunIdvError } from "./api.js";

export function notReady() {
  return new AliyunIdvError(
    "NOT_INITIALIZED",
    "aliyun-idv is not initialised: import the package (`aliyun-idv`) rather than its internal files, " +
      "or `await init()` once when you use the `aliyun-idv/full` entry without a bundler.",
  );
}

export function notAvailable() {
  return new AliyunIdvError(
    "NOT_AVAILABLE",
    "This function is not in the browser module of aliyun-idv (checks, masks and md5 only): signing needs the " +
      "access key secret and belongs on your server (Node or Workers). For the full module in a browser, import `aliyun-idv/full`.",
  );
}

// The one readiness guard: until an entry hands over a module, `core` is a stand-in whose every
// export throws NOT_INITIALIZED; a module without the signer (the browser one) answers
// NOT_AVAILABLE for the server-only exports. No export checks readiness by hand.
const SERVER_ONLY = ["build", "signRequest", "parseResponse"];
const unready = new Proxy({}, { get: () => { throw notReady(); } });
export const unavailable = () => { throw notAvailable(); };
export let core = unready;
let initialising = null;

/**
 * Hands the generated bindings of an instantiated module to the API (each entry calls it once).
 * `glue` is the wasm-bindgen module; `exports` what its init function returned.
 */
export function initCore(glue, exports) {
  if (isReady()) return;
  const c = { ...glue };
  for (const name of SERVER_ONLY) if (typeof c[name] !== "function") c[name] = unavailable;
  memory = exports.memory;
  numsPtr = glue.scratchNums();
  bytesPtr = glue.scratchBytes();
  inputPtr = glue.scratchInput();
  replyPtr = glue.scratchReply();
  core = c;
}

let glueForInit = null;
/** For an entry that instantiates on demand (bundler.mjs): the bindings `init` instantiates. */
export function useGlue(glue) {
  glueForInit = glue;
}

const isReady = () => memory !== null;

/** Instantiates the WebAssembly module from a `WebAssembly.Module` or the bytes of the .wasm file (a no-op once initialised). */
export function initSync(input) {
  if (isReady()) return;
  if (glueForInit === null) throw notReady();
  const module = input && Object.getPrototypeOf(input) === Object.prototype ? input.module : input;
  initCore(glueForInit, glueForInit.initSync({ module }));
}

/**
 * Resolves once the WebAssembly module is instantiated. Every entry of the package initialises
 * itself when imported, so this is a no-op kept for compatibility; `aliyun-idv/full` without a
 * bundler awaits it itself (fetching aliyun_idv_bg.wasm beside it).
 */
export default async function init(input) {
  if (isReady()) return;
  if (glueForInit === null) throw notReady();
  const moduleOrPath = input && Object.getPrototypeOf(input) === Object.prototype ? input.module_or_path ?? input.module : input;
  initialising ??= glueForInit.default(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  const exports = await initialising;
  initCore(glueForInit, exports);
}


/** The instance's memory, as the generated init functions return it with the other exports. */
let memory = null;
let numsPtr = 0;
let bytesPtr = 0;
let inputPtr = 0;
let replyPtr = 0;
let nums = new Uint32Array(0);
let bytes = new Uint8Array(0);
let input = new Uint8Array(0);
let inputWords = new Uint32Array(0);
/** Whether a Uint32Array stores little-endian, as WebAssembly memory is (every host in practice). */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
let replySlots = new Uint32Array(0);
/** Whole-memory views (the request area of signRequest and build). */
let mem8 = new Uint8Array(0);
let mem32 = new Uint32Array(0);

/**
 * Diagnostic, not part of the documented API: the size in bytes of the WebAssembly instance's
 * linear memory (0 before initialisation). Memory only grows, so a steady value over many calls
 * shows that nothing leaks across the boundary.
 */
export function __wasmMemoryBytes() {
  return memory !== null && memory.buffer ? memory.buffer.byteLength : 0;
}

/**
 * Views on the scratch areas, renewed when the memory has grown: growing detaches the old
 * buffer, and a view on a detached buffer has length 0 (cheaper to test than `memory.buffer`).
 */
function views() {
  if (nums.length === 0) {
    if (memory === null) throw notReady();
    const buffer = memory.buffer;
    nums = new Uint32Array(buffer, numsPtr, 8);
    bytes = new Uint8Array(buffer, bytesPtr, 256);
    input = new Uint8Array(buffer, inputPtr, 1024);
    inputWords = new Uint32Array(buffer, inputPtr, 256);
    replySlots = new Uint32Array(buffer, replyPtr, 128);
    mem8 = new Uint8Array(buffer);
    mem32 = new Uint32Array(buffer);
  }
}
export function scratch() {
  views();
  return nums;
}
export function reply() {
  views();
  return replySlots;
}

const encoder = new TextEncoder();
/**
 * Writes `s` (at most 256 UTF-16 units: longer inputs are refused before this) into the input
 * area of the hot checks as UTF-8 and answers its byte length. ASCII up to 32 units is stored four
 * units a word; anything else goes through `encodeInto` (a lone surrogate as U+FFFD, as the
 * generated glue does for a `&str`).
 */
export function writeInput(s) {
  views();
  const n = s.length;
  if (n <= 32 && littleEndian) {
    if (asciiWords(s, inputWords, 0) <= 0x7f) return n;
  }
  return encoder.encodeInto(s, input).written;
}

/**
 * Writes the units of `s` four a word (little-endian bytes) into `words` from word `at`; answers
 * the OR of all units (≤ 0x7f: `s` is ASCII and the bytes written are its UTF-8). What costs here
 * is each typed-array access, not the reading.
 */
function asciiWords(s, words, at) {
  const n = s.length;
  let all = 0;
  let i = 0;
  let w = at;
  for (; i + 4 <= n; i += 4) {
    const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2), d = s.charCodeAt(i + 3);
    all |= a | b | c | d;
    words[w++] = a | (b << 8) | (c << 16) | (d << 24);
  }
  if (i < n) {
    let x = 0;
    for (let k = 0; i + k < n; k++) {
      const c = s.charCodeAt(i + k);
      all |= c;
      x |= c << (8 * k);
    }
    words[w] = x;
  }
  return all;
}

const ABSENT = 0xffffffff;

/**
 * Writes the fields of a signRequest or build call (strings; undefined: absent) into the module's
 * request area (src/bindings/requests.rs): UTF-8, each field from a 4-aligned offset, its byte
 * length beside. ASCII goes four units a store; a field with other characters is then written
 * again by `encodeInto` (a lone surrogate as U+FFFD, as the glue would). No joined string, no
 * copy through the glue. Answers the offset of the first field, for the call.
 */
export function writeFields(values) {
  const n = values.length;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== undefined) units += v.length;
  }
  // At most 3 bytes of UTF-8 a unit, and 3 of padding a field. The call may grow the memory.
  const start = core.requestArea(3 * units + 3 * n, n);
  views();
  const lensAt = replySlots[0] >>> 2;
  const u8 = mem8;
  const u32 = mem32;
  const from = -start & 3;
  let p = start + from;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === undefined) {
      u32[lensAt + i] = ABSENT;
      continue;
    }
    const len = v.length;
    // Not ASCII: the words written are overwritten (UTF-8 is at least as long as the units).
    const written = asciiWords(v, u32, p >>> 2) <= 0x7f ? len : encoder.encodeInto(v, u8.subarray(p, p + 3 * len)).written;
    u32[lensAt + i] = written;
    p += (written + 3) & ~3;
  }
  return from;
}

/** A Node Buffer over the memory (Node, Bun, Deno; renewed when the memory has grown), else null. */
let memBuffer = null;
const hasBuffer = typeof Buffer === "function" && typeof Buffer.from === "function";

/**
 * The `len` bytes at `at`, which are ASCII (a signed request: see src/bindings/requests.rs), as a
 * string: Latin-1 through a Buffer where there is one (cheaper than UTF-8 decoding), else UTF-8.
 */
export function asciiText(at, len) {
  if (hasBuffer) {
    if (memBuffer === null || memBuffer.length === 0) memBuffer = Buffer.from(memory.buffer);
    return memBuffer.toString("latin1", at, at + len);
  }
  views();
  return utf8.decode(mem8.subarray(at, at + len));
}

const utf8 = new TextDecoder();
/** The text a hot check wrote into the byte scratch area. */
export function scratchText(len) {
  views();
  if (len <= 24) {
    // A normalised ID number or mobile: ASCII, cheaper as char codes than through TextDecoder.
    const b = bytes;
    const codes = new Array(len);
    let all = 0;
    for (let i = 0; i < len; i++) all |= codes[i] = b[i];
    if (all <= 0x7f) return String.fromCharCode.apply(null, codes);
  }
  return utf8.decode(bytes.subarray(0, len));
}

