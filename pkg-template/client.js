// createClient: the host's fetch, wrapped so that one call is billed at most once.
//
// Validates and signs with the core (a typo never reaches the network), fills a fresh timestamp and
// nonce for every freshly signed attempt, and follows the policy of retry.js: what certainly never
// reached the service, and answers that say they were not billed (throttling, documented non-billed
// failures), are signed afresh and retried with capped exponential backoff and full jitter (or
// x-acs-retry-after, at most 30 s); what the service may have processed (a reset after sending, a
// timeout, a body that could not be read, a 5xx without an Alibaba error body) is only ever resent
// as the byte-identical signed request, while its timestamp is safely inside the service's window,
// and a `SignatureNonceUsed` then means the first delivery was processed and its answer is lost
// (`errorKind: "answer_lost"`, `billed: null`). The client enforces `timeoutMs` itself (headers and
// body), reads at most `maxResponseBytes`, honours an AbortSignal per call, and corrects its clock
// once from the answer's `Date` header on `InvalidTimeStamp.Expired`.
//
// Production (issue 14): options are read and checked by options.js (INVALID_OPTION naming the
// key); credentials come from credentials.js (static, a provider, or the default chain), fetched
// before every fresh signing and never for a byte-identical resend; `limits` (limits.js) gives every
// send a slot, taken before it is signed; `hooks` (hooks.js) hear masked events.
import {
  AliyunIdvError,
  acsTimestamp,
  buildAction,
  chinaToday,
  parseResponse,
} from "./api.js";
import {
  RESEND_IDENTICAL,
  RESEND_WINDOW_MS,
  RETRY_FRESH,
  STOP,
  classifyAnswer,
  classifyFetchError,
  decide,
  httpDateMs,
} from "./retry.js";
import { ACTIONS as TABLE } from "./actions.js";
import { resolveEndpoints } from "./endpoints.js";
import { readClientOptions } from "./options.js";
import { clientCredentials } from "./credentials.js";
import { createLimiter } from "./limits.js";
import { createHooks } from "./hooks.js";

const DEFAULTS = { timeoutMs: 10000, retries: 2, backoffBaseMs: 200, backoffCapMs: 5000, maxResponseBytes: 1024 * 1024 };

// One method per action of the table (actions.js, generated from src/request/table.rs).
const ACTIONS = Object.fromEntries(TABLE.map((a) => [a.method, [a.name, (input, opts) => buildAction(a.name, input, opts), a.product]]));

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function clientError(code, message, messageZh, extra) {
  const e = new AliyunIdvError(code, message, { messageZh });
  if (extra) Object.assign(e, extra);
  return e;
}

// ---- Endpoints: plain http only for a real loopback host -----------------------------------

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

function isLoopbackIPv4(host) {
  const parts = host.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every((p) => OCTET.test(p) && Number(p) <= 255);
}

/**
 * `endpoint` as `[https://|http://]host[:port][/]`, or null when it is not one: a DNS name or an
 * IP literal (IPv6 in brackets), a port from 1 to 65535; `http://` only for a loopback host
 * (127.0.0.0/8 literals, `[::1]`, `localhost`), because requests carry personal data. The same
 * rules as the core's (src/request/endpoint.rs); tests/client/endpoint.test.mjs runs both.
 */
function parseEndpoint(endpoint) {
  if (typeof endpoint !== "string" || endpoint.length > 300) return null;
  let scheme = "https";
  let rest = endpoint;
  if (rest.startsWith("https://")) rest = rest.slice(8);
  else if (rest.startsWith("http://")) {
    scheme = "http";
    rest = rest.slice(7);
  }
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  let host = rest;
  let port = "";
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return null;
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith(":")) return null;
      port = after.slice(1);
    }
    if (!/^\[[0-9A-Fa-f:.]{2,45}\]$/.test(host) || !host.includes(":")) return null;
  } else {
    const colon = rest.indexOf(":");
    if (colon >= 0) {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
    }
    if (host.length === 0 || host.length > 253 || !host.split(".").every((l) => LABEL.test(l))) return null;
  }
  if (rest.includes(":") && !rest.startsWith("[") && port === "") return null;
  if (rest.startsWith("[") && rest.slice(host.length) === ":") return null;
  if (port !== "" && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) return null;
  const lower = host.toLowerCase();
  const loopback = lower === "localhost" || lower === "[::1]" || isLoopbackIPv4(host);
  if (scheme === "http" && !loopback) return null;
  return { scheme, host, port };
}

function badEndpoint() {
  return new AliyunIdvError(
    "ENDPOINT_INVALID",
    "endpoint must be a host name, optionally with a port and https:// (http:// only for loopback).",
    { field: "endpoint", messageZh: "endpoint 必须是主机名，可带端口和 https://（http:// 仅限本机回环地址）。" },
  );
}

/** The endpoint of a URL to be resent, checked by the same rules; throws ENDPOINT_INVALID. */
function checkUrl(url) {
  const m = /^(https?:\/\/)([^/?#]*)(?:[/?#]|$)/.exec(url);
  if (!m || parseEndpoint(m[1] + m[2]) === null) throw badEndpoint();
}

// ---- Options ---------------------------------------------------------------------------------

function badOption(name, what) {
  return new AliyunIdvError("INVALID_OPTION", `createClient: options.${name} ${what}.`, {
    field: name,
    messageZh: `createClient：参数 ${name} 不正确。`,
  });
}

/** What an option function returned at call time is wrong (not the option itself): INVALID_ARGUMENT. */
function badValue(name, what) {
  return new AliyunIdvError("INVALID_ARGUMENT", `createClient: options.${name} ${what}.`, {
    field: name,
    messageZh: `createClient：参数 ${name} 不正确。`,
  });
}

function isPlainObject(v) {
  try {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false; // a revoked Proxy
  }
}

/**
 * The options, read by options.js (own properties only, each once; an unknown key or a wrong type
 * is INVALID_OPTION naming the key), then the value checks the schema does not make.
 */
function readOptions(options) {
  const o = readClientOptions(options);
  for (const key of ["accessKeyId", "accessKeySecret", "securityToken", "endpoint"]) {
    if (typeof o[key] === "string" && o[key].length > 4096) throw badOption(key, "is too long");
  }
  if (o.endpoint !== undefined && parseEndpoint(o.endpoint) === null) throw badEndpoint();
  return o;
}

/** The `{ signal }` of a call's second argument (own property), or undefined; INVALID_ARGUMENT otherwise. */
function readSignal(callOptions) {
  if (callOptions === undefined || callOptions === null) return undefined;
  let signal;
  try {
    if (!isPlainObject(callOptions)) throw 0;
    signal = hasOwn(callOptions, "signal") ? callOptions.signal : undefined;
  } catch {
    throw new AliyunIdvError("INVALID_ARGUMENT", "The call options must be an object like { signal }.", { field: "options" });
  }
  if (signal === undefined || signal === null) return undefined;
  let ok = false;
  try {
    ok = typeof signal.aborted === "boolean" && typeof signal.addEventListener === "function";
  } catch {
    ok = false;
  }
  if (!ok) throw new AliyunIdvError("INVALID_ARGUMENT", "options.signal must be an AbortSignal.", { field: "signal" });
  return signal;
}

function aborted(signal) {
  try {
    return Boolean(signal && signal.aborted);
  } catch {
    return false;
  }
}

function abortError(ctx) {
  return clientError(
    "ABORTED",
    ctx.mayBeBilled
      ? "The call was aborted; a request already sent may have been processed (and billed)."
      : "The call was aborted before anything was sent; not billed.",
    ctx.mayBeBilled ? "调用已取消；已发送的请求可能已被处理（并计费）。" : "调用已在发送前取消；不计费。",
    { attempts: ctx.attempts, billed: ctx.mayBeBilled ? null : false, nonce: ctx.nonce },
  );
}

/** A promise rejected (with ABORTED) when `signal` aborts, plus a function that detaches it. */
function onAbort(signal, ctx) {
  if (!signal) return { promise: new Promise(() => {}), detach: () => {} };
  let listener;
  const promise = new Promise((_, reject) => {
    listener = () => reject(abortError(ctx));
    signal.addEventListener("abort", listener, { once: true });
  });
  promise.catch(() => {});
  return { promise, detach: () => signal.removeEventListener("abort", listener) };
}

const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A header of a fetch Response (Headers or plain object), or undefined. Never throws. */
function headerOf(headers, name) {
  try {
    if (!headers) return undefined;
    if (typeof headers.get === "function") {
      const v = headers.get(name);
      return typeof v === "string" ? v : undefined;
    }
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && typeof v === "string") return v;
  } catch {
    // unreadable headers
  }
  return undefined;
}

const utf8 = new TextDecoder();

/** The body as text, reading at most `max` bytes; `{ tooLarge: true }` beyond (the rest is not read). */
async function readBody(res, max) {
  const declared = Number(headerOf(res.headers, "content-length"));
  let stream;
  try {
    stream = res.body;
  } catch {
    stream = undefined;
  }
  if (Number.isFinite(declared) && declared > max) {
    try {
      if (stream && typeof stream.cancel === "function") stream.cancel().catch(() => {});
    } catch {
      // nothing more to do
    }
    return { tooLarge: true };
  }
  if (stream && typeof stream.getReader === "function") {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
      total += chunk.byteLength;
      if (total > max) {
        reader.cancel().catch(() => {});
        return { tooLarge: true };
      }
      chunks.push(chunk);
    }
    const all = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.byteLength;
    }
    return { text: utf8.decode(all) };
  }
  const text = await res.text();
  if (typeof text !== "string") throw new TypeError("body");
  if (text.length > max) return { tooLarge: true };
  return { text };
}

/** The nonce and timestamp of a signed request, from its V3 headers or its V1 query. */
function signedFacts(req) {
  const h = req.headers || {};
  const get = (k) => (hasOwn(h, k) && typeof h[k] === "string" ? h[k] : undefined);
  let nonce = get("x-acs-signature-nonce");
  let timestamp = get("x-acs-date");
  if (nonce === undefined || timestamp === undefined) {
    const q = req.url.indexOf("?");
    if (q >= 0) {
      const params = new URLSearchParams(req.url.slice(q + 1));
      nonce ??= params.get("SignatureNonce") ?? undefined;
      timestamp ??= params.get("Timestamp") ?? undefined;
    }
  }
  return { nonce, timestamp };
}

// ---- The client ------------------------------------------------------------------------------

/** A limiter clock whose timers are the caller's `sleep` (so `now` and `sleep` make one simulated clock). */
function sleepTimers(sleep) {
  return {
    setTimeout(fn, ms) {
      const handle = { live: true };
      const fire = () => {
        if (handle.live) fn();
      };
      Promise.resolve()
        .then(() => sleep(ms))
        .then(fire, fire);
      return handle;
    },
    clearTimeout(handle) {
      if (handle) handle.live = false;
    },
  };
}

/**
 * A client for every action of the table over `fetch` (`regionId`, `endpoints: { intl, mainland }`
 * and `vpc` choose the host per product, see endpoints.js). Credentials: `credentials` (static
 * values or a provider), else `accessKeyId` / `accessKeySecret` / `securityToken`, else (where
 * `process.env` exists) the default chain of credentials.js, asked at the first call.
 * Throws AliyunIdvError: INVALID_OPTION for an unknown option or a value of the wrong type,
 * ENDPOINT_INVALID, CREDENTIALS_MISSING (no credentials and no process environment).
 */
export function createClient(options) {
  const o = readOptions(options);
  const doFetch = o.fetch ?? globalThis.fetch;
  if (typeof doFetch !== "function") throw new AliyunIdvError("INVALID_OPTION", "No fetch: pass options.fetch.", { field: "fetch" });
  const timeoutMs = o.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxResponseBytes = o.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const policy = {
    retries: Math.min(10, Math.floor(o.retries ?? DEFAULTS.retries)),
    backoffBaseMs: o.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
    backoffCapMs: o.backoffCapMs ?? DEFAULTS.backoffCapMs,
    random: () => callerValue("random", o.random ?? Math.random),
  };
  const makeNonce = o.nonce ?? (() => globalThis.crypto.randomUUID());
  const sleep = o.sleep ?? defaultSleep;
  const beforeSend = o.beforeSend;
  /** Server time minus local time, learnt from a `Date` header on InvalidTimeStamp.Expired; kept for later calls. */
  let clockOffsetMs = 0;

  /** A caller's function called safely: what it throws becomes an AliyunIdvError naming the option. */
  function callerValue(name, fn, ...args) {
    try {
      return fn(...args);
    } catch {
      throw new AliyunIdvError("INVALID_ARGUMENT", `createClient: options.${name}() threw.`, { field: name });
    }
  }

  /** The local clock (options.now or Date.now) in ms. */
  function localNow() {
    const v = o.now ? callerValue("now", o.now) : Date.now();
    let t = v;
    if (typeof v !== "number") {
      try {
        t = Date.prototype.getTime.call(v);
      } catch {
        t = NaN;
      }
    }
    if (!Number.isFinite(t)) throw badValue("now", "must return a Date or a time in ms");
    return t;
  }
  /** localNow for the modules (cache, limiter, durations): never throws (Date.now when `now` fails). */
  function safeNow() {
    try {
      return localNow();
    } catch {
      return Date.now();
    }
  }

  function freshNonce() {
    const n = callerValue("nonce", makeNonce);
    if (typeof n !== "string" || n.length === 0 || n.length > 256) throw badValue("nonce", "must return a non-empty string");
    return n;
  }

  // The host per product (endpoints.js): a mainland call never goes to the intl host or the reverse.
  // Every host it names is held to the same rules as options.endpoint (plain http only for loopback).
  let hosts;
  try {
    hosts = resolveEndpoints({ regionId: o.regionId, endpoints: o.endpoints, vpc: o.vpc, endpoint: o.endpoint });
  } catch (e) {
    throw new AliyunIdvError(e.code ?? "ENDPOINT_INVALID", e.message ?? "Bad endpoint options.", e);
  }
  for (const h of Object.values(hosts)) if (typeof h === "string" && parseEndpoint(h) === null) throw badEndpoint();
  function endpointOf(product) {
    const h = hosts[product];
    if (typeof h === "string") return h;
    throw new AliyunIdvError(h.error.code, h.error.message, h.error);
  }

  // Credentials (credentials.js): the secret lives only in the cache and this closure, never on
  // the returned object. CREDENTIALS_MISSING here when there is nothing to ask (no process env).
  const creds = clientCredentials(o, { now: safeNow });
  // Limits (limits.js): with `sleep`, the limiter waits on the caller's clock (`now` and `sleep`);
  // otherwise on the real one.
  const limiter = o.limits === undefined ? null : createLimiter(o.limits, o.sleep ? { now: safeNow, ...sleepTimers(o.sleep) } : {});
  const limiterNow = o.sleep ? safeNow : () => Date.now();
  const hooks = createHooks(o.hooks);

  /** The credentials for a fresh signing; CREDENTIALS_ERROR (a fresh error per call) when the provider fails. */
  async function credentialsFor(ctx) {
    try {
      return await creds.get();
    } catch (e) {
      const code = e instanceof AliyunIdvError && (e.code === "CREDENTIALS_ERROR" || e.code === "CREDENTIALS_MISSING") ? e.code : "CREDENTIALS_ERROR";
      const safe = e instanceof AliyunIdvError ? e.message : "The credentials provider failed.";
      throw clientError(
        code,
        safe + (ctx.mayBeBilled ? " An earlier delivery may have been processed (and billed)." : " Nothing was sent for this attempt."),
        e instanceof AliyunIdvError && e.messageZh ? e.messageZh : "无法获取访问凭证。",
        { attempts: ctx.attempts, billed: ctx.mayBeBilled ? null : false, nonce: ctx.nonce ?? null, field: "credentials" },
      );
    }
  }

  function sign(build, product, input, c) {
    const t = localNow() + clockOffsetMs;
    const when = new Date(Math.floor(t / 1000) * 1000);
    const timestamp = acsTimestamp(when);
    const nonce = freshNonce();
    const req = build(input, {
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      ...(c.securityToken ? { securityToken: c.securityToken } : {}),
      timestamp,
      nonce,
      today: o.today ?? chinaToday(when),
      ...(o.signatureVersion ? { signatureVersion: o.signatureVersion } : {}),
      endpoint: endpointOf(product),
      ...(o.longTermAs ? { longTermAs: o.longTermAs } : {}),
      ...(o.allowResidencePermit !== undefined ? { allowResidencePermit: o.allowResidencePermit } : {}),
    });
    return { req, nonce, timestamp, signedAtMs: when.getTime() };
  }

  /** A slot of the limiter for one send (null without limits); ABORTED / QUEUE_TIMEOUT as this call's error. */
  async function acquire(action, signal, ctx) {
    if (!limiter) return null;
    try {
      return await limiter.acquire(action, { signal, deadline: limiterNow() + timeoutMs });
    } catch (e) {
      if (e instanceof AliyunIdvError && e.code === "QUEUE_TIMEOUT") {
        throw clientError(
          "QUEUE_TIMEOUT",
          e.message + (ctx.mayBeBilled ? " An earlier delivery may have been processed (and billed)." : ""),
          "调用在限流队列中等待超时，请求未发送" + (ctx.mayBeBilled ? "；之前已发送的请求可能已被处理（并计费）。" : "。"),
          { attempts: ctx.attempts, billed: ctx.mayBeBilled ? null : false, nonce: ctx.nonce ?? null },
        );
      }
      throw abortError(ctx);
    }
  }

  /** beforeSend(info), awaited; BEFORE_SEND_FAILED if it throws or rejects. */
  async function runBeforeSend(action, signed, resend, ctx, abort) {
    if (!beforeSend) return;
    const r = signed.req;
    const info = Object.freeze({
      action,
      attempt: ctx.attempts + 1,
      nonce: signed.nonce ?? null,
      timestamp: signed.timestamp ?? null,
      resend,
      request: Object.freeze({ method: r.method, url: r.url, headers: Object.freeze({ ...r.headers }), body: r.body ?? null }),
    });
    try {
      await Promise.race([Promise.resolve().then(() => beforeSend(info)), abort.promise]);
    } catch (e) {
      if (e instanceof AliyunIdvError && e.code === "ABORTED") throw e;
      throw clientError(
        "BEFORE_SEND_FAILED",
        "beforeSend failed, so the request was not sent" + (ctx.mayBeBilled ? "; an earlier delivery may have been processed (and billed)." : "; not billed."),
        "beforeSend 失败，请求未发送" + (ctx.mayBeBilled ? "；之前已发送的请求可能已被处理（并计费）。" : "；不计费。"),
        { attempts: ctx.attempts, billed: ctx.mayBeBilled ? null : false, nonce: ctx.nonce },
      );
    }
  }

  /**
   * One send, bounded by timeoutMs (headers and body) whether or not fetch honours its signal.
   * Resolves to a fate (see retry.js); rejects only with ABORTED.
   */
  async function attempt(action, req, ctx, signal) {
    const headers = { ...req.headers };
    delete headers.host; // fetch sets it from the URL (the same value); browsers forbid setting it
    const controller = new AbortController();
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ delivery: "ambiguous", failure: "timeout" }), timeoutMs);
    });
    const abort = onAbort(signal, ctx);
    abort.promise.catch(() => controller.abort());
    let phase = "connect";
    let settled = false;
    const number = ctx.attempts + 1;
    const startedAt = safeNow();
    const work = (async () => {
      let res;
      try {
        res = await doFetch(req.url, { method: req.method, headers, body: req.body ?? undefined, signal: controller.signal });
        phase = "body";
        const status = Number(res.status);
        const got = await readBody(res, maxResponseBytes);
        if (got.tooLarge) return { delivery: "ambiguous", failure: "body_too_large", httpStatus: status };
        const result = parseResponse(action, status, got.text, res.headers);
        if (!settled) hooks.onResponse({ action, attempt: number, httpStatus: status, durationMs: safeNow() - startedAt, result });
        const fate = classifyAnswer(status, result);
        fate.serverDateMs = httpDateMs(headerOf(res.headers, "date"));
        fate.httpStatus = status;
        return fate;
      } catch (e) {
        return classifyFetchError(e, phase);
      }
    })();
    try {
      ctx.attempts++;
      ctx.mayBeBilled = true;
      const fate = await Promise.race([work, deadline, abort.promise]);
      if (fate.delivery === "ambiguous" && fate.failure === "timeout") controller.abort();
      return fate;
    } finally {
      settled = true;
      clearTimeout(timer);
      abort.detach();
    }
  }

  /** An answer whose delivery may have been processed but whose outcome is lost. */
  function answerLost(ctx, fate, reason) {
    const r = fate && fate.result;
    const nonceUsed = reason === "nonce_used";
    return {
      verdict: "error",
      billed: null,
      retryable: false,
      requestId: ctx.requestId ?? null,
      code: r ? r.code : null,
      message: r ? r.message : null,
      errorKind: "answer_lost",
      lostReason: reason,
      failure: ctx.failure ?? null,
      description: nonceUsed
        ? "The service had already received this exact request (its nonce was used), so an earlier delivery was processed and may have been billed, but its answer was lost. Do not send it again with a fresh nonce; look the call up by its nonce or request id if you need the outcome."
        : "The request may have been processed (and billed), but no answer arrived and it could not be safely resent. Do not send it again with a fresh nonce; look the call up by its nonce if you need the outcome.",
      descriptionZh: nonceUsed
        ? "服务已收到过这一请求（签名随机数已被使用），之前的一次发送已被处理且可能已计费，但其结果丢失。请勿用新的随机数重新发送；如需结果，请按随机数或请求 ID 查询。"
        : "请求可能已被处理（并计费），但未收到结果，且无法安全地重发。请勿用新的随机数重新发送；如需结果，请按随机数查询。",
      attempts: ctx.attempts,
      nonce: ctx.nonce ?? null,
    };
  }

  /** The resend window of a signed request is closed (or its timestamp is too far ahead). */
  function windowClosed(signedAtMs) {
    const now = localNow() + clockOffsetMs;
    return now - signedAtMs > RESEND_WINDOW_MS || signedAtMs - now > RESEND_WINDOW_MS;
  }

  /**
   * The retry loop. `signed` is the first request (already signed, so a typo was refused before
   * anything queued); `resign` signs a fresh one (absent for client.resend, which may only resend).
   * `ambiguous`: a delivery may already have been processed. Every send takes a limiter slot first;
   * a fresh request that waited for it is signed again (fresh timestamp), an identical resend that
   * waited has its window checked again.
   */
  async function run(action, signed, resign, signal, ambiguous, input, ctx) {
    let resend = ambiguous;
    let lastFate;
    const sendAbort = () => {
      if (aborted(signal)) throw abortError(ctx);
    };
    for (;;) {
      sendAbort();
      const slot = await acquire(action, signal, ctx);
      let fate;
      try {
        if (slot && slot.waitedMs > 0) {
          if (!resend && resign) {
            signed = await resign();
            ctx.nonce = signed.nonce;
          } else if (resend && windowClosed(signed.signedAtMs)) {
            return answerLost(ctx, lastFate, "window_closed");
          }
        }
        const abort = onAbort(signal, ctx);
        try {
          await runBeforeSend(action, signed, resend, ctx, abort);
        } finally {
          abort.detach();
        }
        sendAbort();
        hooks.onRequest({
          action,
          attempt: ctx.attempts + 1,
          resend,
          nonce: signed.nonce ?? undefined,
          timestamp: signed.timestamp ?? undefined,
          url: signed.req.url,
          queuedMs: slot ? slot.waitedMs : undefined,
          input,
        });
        fate = await attempt(action, signed.req, ctx, signal);
      } finally {
        if (slot) slot.release();
      }
      lastFate = fate;
      const code = fate.result ? fate.result.code : null;
      if (limiter && (code === "Throttling" || (typeof code === "string" && code.startsWith("Throttling.")))) limiter.throttled(action, fate.result.retryAfterMs);
      if (typeof code === "string" && code.startsWith("InvalidSecurityToken.")) creds.invalidate();
      if (fate.failure) ctx.failure = fate.failure;
      if (fate.result && fate.result.requestId) ctx.requestId = fate.result.requestId;
      if (fate.delivery === "not_delivered" && !ctx.ambiguous) ctx.mayBeBilled = false;
      if (fate.delivery === "answered" && !ctx.ambiguous && fate.result.billed === false && fate.result.code !== "SignatureNonceUsed") ctx.mayBeBilled = false;
      const receivedAtMs = localNow();
      const decision = decide(
        { attempts: ctx.attempts, ambiguous: ctx.ambiguous, skewCorrected: ctx.skewCorrected, nowMs: receivedAtMs + clockOffsetMs, receivedAtMs, signedAtMs: signed.signedAtMs },
        fate,
        policy,
      );
      if (fate.delivery === "ambiguous") ctx.ambiguous = true;
      if (decision.outcome === STOP) {
        if (decision.lost) return answerLost(ctx, fate, decision.reason);
        if (fate.delivery === "not_delivered") {
          throw clientError(
            "NETWORK_ERROR",
            `The request could not be sent (${ctx.attempts} attempts): ${fate.failure}. Not billed.`,
            `请求无法发送（已尝试 ${ctx.attempts} 次）；不计费。`,
            { attempts: ctx.attempts, billed: false, nonce: ctx.nonce },
          );
        }
        return Object.assign(fate.result, { attempts: ctx.attempts, nonce: ctx.nonce });
      }
      if (decision.clockOffsetMs !== undefined) {
        clockOffsetMs = decision.clockOffsetMs;
        ctx.skewCorrected = true;
      }
      const fresh = decision.outcome === RETRY_FRESH && Boolean(resign);
      hooks.onRetry({
        action,
        attempt: ctx.attempts,
        delayMs: decision.delayMs,
        reason: decision.reason,
        resend: !fresh,
        httpStatus: fate.httpStatus,
        result: fate.result,
      });
      if (decision.delayMs > 0) {
        const abort = onAbort(signal, ctx);
        try {
          const wait = Promise.resolve().then(() => sleep(decision.delayMs)).catch(() => {
            throw new AliyunIdvError("INVALID_ARGUMENT", "createClient: options.sleep() failed.", { field: "sleep" });
          });
          await Promise.race([wait, abort.promise]);
        } finally {
          abort.detach();
        }
      }
      if (fresh) {
        sendAbort();
        signed = await resign();
        ctx.nonce = signed.nonce;
        resend = false;
      } else if (decision.outcome === RESEND_IDENTICAL || decision.outcome === RETRY_FRESH) {
        resend = true;
      }
    }
  }

  function newContext(ambiguous, nonce) {
    return { attempts: 0, ambiguous, mayBeBilled: ambiguous, nonce: nonce ?? null, requestId: null, failure: null, skewCorrected: false };
  }

  /** Runs `body(ctx)`; a rejection is told to onError (masked: code, message, attempts). */
  async function observed(action, ctx, body) {
    const startedAt = safeNow();
    try {
      return await body();
    } catch (e) {
      hooks.onError({ action, attempts: ctx.attempts, durationMs: safeNow() - startedAt, error: e });
      throw e;
    }
  }

  function call(action, build, product, input, callOptions) {
    const ctx = newContext(false, null);
    return observed(action, ctx, async () => {
      const signal = readSignal(callOptions);
      if (aborted(signal)) throw abortError(ctx);
      const resign = async () => sign(build, product, input, await credentialsFor(ctx));
      // Validates first: a typo throws before anything is queued or sent.
      const signed = await resign();
      ctx.nonce = signed.nonce;
      return run(action, signed, resign, signal, false, input, ctx);
    });
  }

  /**
   * Sends a request signed earlier (e.g. read back from a journal) byte-identically, as an
   * ambiguous delivery is resent: only while its timestamp is safely inside the service's window.
   * The credentials are not asked (the request is already signed).
   */
  function resend(action, request, callOptions) {
    const ctx = newContext(true, null);
    return observed(typeof action === "string" && action.length <= 64 ? action : "", ctx, async () => {
      const signal = readSignal(callOptions);
      if (typeof action !== "string" || action.length === 0 || action.length > 64) {
        throw new AliyunIdvError("INVALID_ARGUMENT", "resend: action must be the API action name.", { field: "action" });
      }
      let req;
      try {
        if (!isPlainObject(request)) throw 0;
        const get = (k) => (hasOwn(request, k) ? request[k] : undefined);
        req = { method: get("method"), url: get("url"), headers: get("headers"), body: get("body") };
        if (req.method !== "POST" && req.method !== "GET") throw 0;
        if (typeof req.url !== "string" || req.url.length > 64 * 1024) throw 0;
        if (!isPlainObject(req.headers)) throw 0;
        const headers = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v !== "string" || v.length > 8192) throw 0;
          headers[k] = v;
        }
        req.headers = headers;
        if (req.body === undefined) req.body = null;
        if (req.body !== null && (typeof req.body !== "string" || req.body.length > 1024 * 1024)) throw 0;
      } catch {
        throw new AliyunIdvError("INVALID_ARGUMENT", "resend: request must be { method, url, headers, body } as signed.", { field: "request" });
      }
      checkUrl(req.url);
      let tsOption;
      try {
        tsOption = isPlainObject(callOptions) && hasOwn(callOptions, "timestamp") ? callOptions.timestamp : undefined;
      } catch {
        tsOption = undefined;
      }
      const facts = signedFacts(req);
      let timestamp = facts.timestamp;
      if (tsOption !== undefined && tsOption !== null) {
        try {
          timestamp = typeof tsOption === "string" ? tsOption : acsTimestamp(tsOption);
        } catch {
          timestamp = undefined;
        }
      }
      const signedAtMs = typeof timestamp === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) ? Date.parse(timestamp) : NaN;
      if (!Number.isFinite(signedAtMs)) {
        throw new AliyunIdvError("INVALID_ARGUMENT", "resend: the request's timestamp is unknown; pass { timestamp }.", { field: "timestamp" });
      }
      ctx.nonce = facts.nonce ?? null;
      if (aborted(signal)) throw abortError(ctx);
      if (windowClosed(signedAtMs)) return answerLost(ctx, undefined, "window_closed");
      return run(action, { req, nonce: facts.nonce ?? null, timestamp, signedAtMs }, undefined, signal, true, undefined, ctx);
    });
  }

  const client = {};
  for (const [method, [action, build, product]] of Object.entries(ACTIONS)) {
    client[method] = (input, callOptions) => call(action, build, product, input, callOptions);
  }
  client.resend = resend;
  return Object.freeze(client);
}
