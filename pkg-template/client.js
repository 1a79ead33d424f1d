// createClient: the host's fetch, wrapped. Validates and signs with the core (a typo never reaches
// the network), fills a fresh timestamp and nonce per attempt, retries only what was not billed
// (throttling, 5xx, network errors) with capped exponential backoff and full jitter, honours
// x-acs-retry-after, aborts after timeoutMs, and returns the parsed verdict.
import { AliyunIdvError, buildAction, parseResponse } from "./api.js";
import { ACTIONS as TABLE } from "./actions.js";
import { resolveEndpoints } from "./endpoints.js";

const DEFAULTS = { timeoutMs: 10000, retries: 2, backoffBaseMs: 200, backoffCapMs: 5000 };
/** The longest x-acs-retry-after wait honoured; a longer one is cut to this. */
const MAX_RETRY_AFTER_MS = 30000;

// One method per action of the table (actions.js, generated from src/request/table.rs).
const ACTIONS = Object.fromEntries(TABLE.map((a) => [a.method, [a.name, (input, opts) => buildAction(a.name, input, opts), a.product]]));

/** Credentials from the standard environment variables, where there is an environment (Node). */
function fromEnvironment() {
  const env = typeof process !== "undefined" && process && process.env ? process.env : {};
  return {
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined,
  };
}

function transportError(code, message, messageZh, attempts) {
  const e = new AliyunIdvError(code, message, { messageZh });
  e.attempts = attempts;
  return e;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Why fetch failed, as a bare token (`ECONNREFUSED`, `TypeError`): never the failure's message,
 * which some fetch implementations write with the URL (and so the STS token of a V1 request) in it.
 */
function failureReason(e) {
  const token = (v) => (typeof v === "string" && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined);
  try {
    return token(e && e.cause && e.cause.code) ?? token(e && e.code) ?? token(e && e.name) ?? "unknown";
  } catch {
    return "unknown";
  }
}

function isAbort(e) {
  try {
    return Boolean(e && e.name === "AbortError");
  } catch {
    return false;
  }
}

const OPTION_KEYS = [
  "accessKeyId", "accessKeySecret", "securityToken", "fetch", "timeoutMs", "retries", "backoffBaseMs", "backoffCapMs",
  "random", "nonce", "signatureVersion", "endpoint", "longTermAs", "regionId", "endpoints", "vpc", "allowResidencePermit",
];
/** setTimeout fires at once for a delay above 2^31 - 1 ms: the longest timeout that means what it says. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function badOption(name, what) {
  return new AliyunIdvError("INVALID_ARGUMENT", `createClient: options.${name} ${what}.`, {
    field: name,
    messageZh: `createClient：参数 ${name} 不正确。`,
  });
}

/** Each option read once (a getter that throws or a Proxy gives INVALID_ARGUMENT), then type-checked. */
function readOptions(options) {
  let isObject = false;
  try {
    isObject = options !== null && typeof options === "object" && !Array.isArray(options);
  } catch {
    // a revoked Proxy
  }
  if (!isObject) throw new AliyunIdvError("INVALID_ARGUMENT", "createClient needs an options object.", { field: "options" });
  const o = {};
  try {
    for (const key of OPTION_KEYS) o[key] = options[key];
  } catch {
    throw new AliyunIdvError("INVALID_ARGUMENT", "createClient: the options could not be read.", { field: "options" });
  }
  for (const key of OPTION_KEYS) if (o[key] === null) o[key] = undefined;
  for (const key of ["accessKeyId", "accessKeySecret", "securityToken", "signatureVersion", "endpoint", "longTermAs"]) {
    if (o[key] !== undefined && typeof o[key] !== "string") throw badOption(key, "must be a string");
  }
  for (const key of ["fetch", "random", "nonce"]) {
    if (o[key] !== undefined && typeof o[key] !== "function") throw badOption(key, "must be a function");
  }
  const number = (key, min, max) => {
    const v = o[key];
    if (v !== undefined && (typeof v !== "number" || !(v >= min && v <= max))) throw badOption(key, `must be a number from ${min} to ${max}`);
  };
  if (o.allowResidencePermit !== undefined && typeof o.allowResidencePermit !== "boolean") throw badOption("allowResidencePermit", "must be a boolean");
  number("timeoutMs", 1, MAX_TIMEOUT_MS);
  number("retries", 0, Number.MAX_SAFE_INTEGER);
  number("backoffBaseMs", 0, MAX_TIMEOUT_MS);
  number("backoffCapMs", 0, MAX_TIMEOUT_MS);
  return o;
}

/**
 * A client for every action of the table over `fetch` (`regionId`, `endpoints: { intl, mainland }`
 * and `vpc` choose the host per product, see endpoints.js). Credentials default to ALIBABA_CLOUD_ACCESS_KEY_ID,
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN where `process.env` exists.
 * Throws AliyunIdvError: CREDENTIALS_MISSING, or INVALID_ARGUMENT for an option of the wrong type.
 */
export function createClient(options = {}) {
  const o = readOptions(options);
  const env = o.accessKeyId ? {} : fromEnvironment();
  const accessKeyId = o.accessKeyId ?? env.accessKeyId;
  const accessKeySecret = o.accessKeySecret ?? env.accessKeySecret;
  const securityToken = o.securityToken ?? env.securityToken;
  if (!accessKeyId || !accessKeySecret) {
    throw new AliyunIdvError(
      "CREDENTIALS_MISSING",
      "No credentials: pass accessKeyId and accessKeySecret, or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
      { messageZh: "缺少凭证：请传入 accessKeyId 和 accessKeySecret，或设置环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET。" },
    );
  }
  const doFetch = o.fetch ?? globalThis.fetch;
  if (typeof doFetch !== "function") throw new AliyunIdvError("INVALID_ARGUMENT", "No fetch: pass options.fetch.", { field: "fetch" });
  const timeoutMs = o.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = Math.min(10, Math.floor(o.retries ?? DEFAULTS.retries));
  const backoffBaseMs = o.backoffBaseMs ?? DEFAULTS.backoffBaseMs;
  const backoffCapMs = o.backoffCapMs ?? DEFAULTS.backoffCapMs;
  const random = o.random ?? Math.random;
  const nonce = o.nonce ?? (() => globalThis.crypto.randomUUID());
  // The host per product (endpoints.js): a mainland call never goes to the intl host or the reverse.
  let hosts;
  try {
    hosts = resolveEndpoints({ regionId: o.regionId, endpoints: o.endpoints, vpc: o.vpc, endpoint: o.endpoint });
  } catch (e) {
    throw new AliyunIdvError(e.code ?? "ENDPOINT_INVALID", e.message ?? "Bad endpoint options.", e);
  }

  // The secret lives only in this closure, never on the returned object.
  const signing = (product) => ({
    accessKeyId,
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    timestamp: new Date(),
    nonce: nonce(),
    ...(o.signatureVersion ? { signatureVersion: o.signatureVersion } : {}),
    endpoint: endpointOf(product),
    ...(o.longTermAs ? { longTermAs: o.longTermAs } : {}),
    ...(o.allowResidencePermit !== undefined ? { allowResidencePermit: o.allowResidencePermit } : {}),
  });
  function endpointOf(product) {
    const h = hosts[product];
    if (typeof h === "string") return h;
    throw new AliyunIdvError(h.error.code, h.error.message, h.error);
  }

  async function send(req) {
    const headers = { ...req.headers };
    delete headers.host; // fetch sets it from the URL (the same value); browsers forbid setting it
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await doFetch(req.url, { method: req.method, headers, body: req.body ?? undefined, signal: controller.signal });
      const body = await res.text();
      return { status: res.status, body, headers: res.headers };
    } finally {
      clearTimeout(timer);
    }
  }

  function backoff(attempt, result) {
    if (result && typeof result.retryAfterMs === "number") return Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS);
    const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt);
    return Math.floor(random() * ceiling);
  }

  async function call(action, build, product, input) {
    for (let attempt = 0; ; attempt++) {
      // Validates first (a typo throws before anything is sent); a fresh timestamp and nonce per attempt.
      const req = build(input, signing(product));
      let answer;
      try {
        answer = await send(req);
      } catch (e) {
        if (isAbort(e)) {
          // The request may have been processed (and billed): not retried.
          throw transportError(
            "TIMEOUT",
            `No answer within ${timeoutMs} ms; the request may have been processed, so it was not retried.`,
            `${timeoutMs} 毫秒内未收到响应；请求可能已被处理，因此未重试。`,
            attempt + 1,
          );
        }
        if (attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        throw transportError(
          "NETWORK_ERROR",
          `The request could not be sent (${attempt + 1} attempts): ${failureReason(e)}.`,
          `请求无法发送（已尝试 ${attempt + 1} 次）。`,
          attempt + 1,
        );
      }
      const result = parseResponse(action, answer.status, answer.body, answer.headers);
      if (result.retryable && !result.billed && attempt < retries) {
        await sleep(backoff(attempt, result));
        continue;
      }
      return Object.assign(result, { attempts: attempt + 1 });
    }
  }

  const client = {};
  for (const [method, [action, build, product]] of Object.entries(ACTIONS)) {
    client[method] = (input) => call(action, build, product, input);
  }
  return Object.freeze(client);
}
