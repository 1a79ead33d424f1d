// Observability hooks for createClient: onRequest, onResponse, onRetry, onError.
//
// A hook is called synchronously and never awaited; whatever it throws, and whatever its promise
// rejects with, is caught (and passed to `onHookError` when given), so a hook can never break or
// slow a call. Each hook receives a fresh frozen plain object built here from an allow-list of
// fields: action, attempt, delay, duration, HTTP status, Code, request id, verdict, and personal
// data only in masked form (maskIdNumber / maskName / maskMobile). Never the access key secret,
// the security token, the signature, the Authorization header or the request body.
import { maskIdNumber, maskMobile, maskName } from "./api.js";
import { own } from "./params.js";

export const HOOK_NAMES = Object.freeze(["onRequest", "onResponse", "onRetry", "onError"]);

/** Calls `fn(payload)`; a throw or a rejection goes to `report`, never to the caller. */
function invoke(fn, payload, report) {
  try {
    const r = fn(payload);
    if (r !== null && (typeof r === "object" || typeof r === "function")) {
      const then = r.then;
      if (typeof then === "function") then.call(r, undefined, report);
    }
  } catch (e) {
    report(e);
  }
}

const str = (v) => (typeof v === "string" ? v : undefined);
const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** `{ k: v }` without the undefined values, frozen. */
function payload(fields) {
  const out = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return Object.freeze(out);
}

/**
 * The personal fields of a client input, masked: `{ idNumber: "110105********002X", name: "张*",
 * mobile: "138****5678" }` (only those present). With `paramType: "md5"` the values are hashes and
 * are left out. Nothing else of the input is copied.
 */
export function maskedInput(input) {
  if (own(input, "paramType") === "md5") return Object.freeze({});
  const out = {};
  const id = str(own(input, "idNumber"));
  const name = str(own(input, "name"));
  const mobile = str(own(input, "mobile"));
  if (id !== undefined) out.idNumber = maskIdNumber(id.length > 64 ? id.slice(0, 64) : id);
  if (name !== undefined) out.name = maskName(name.length > 64 ? name.slice(0, 64) : name);
  if (mobile !== undefined) out.mobile = maskMobile(mobile.length > 64 ? mobile.slice(0, 64) : mobile);
  return Object.freeze(out);
}

/** The host a URL goes to (no path, no query: a V1 query carries the STS token and the signature). */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * onRequest: `{ action, attempt, resend, nonce, timestamp, host, queuedMs, input }` — `attempt` from
 * 1; `resend` true for a byte-identical resend; `input` masked (see maskedInput).
 */
export function requestPayload({ action, attempt, resend, nonce, timestamp, url, queuedMs, input }) {
  return payload({
    type: "request",
    action: str(action),
    attempt: num(attempt),
    resend: resend === true,
    nonce: str(nonce),
    timestamp: str(timestamp),
    host: typeof url === "string" ? hostOf(url) : undefined,
    queuedMs: num(queuedMs),
    input: maskedInput(input),
  });
}

/** The fields of a VerifyResult that hooks see (codes and verdict; descriptions are fixed texts). */
function resultFields(result) {
  return {
    verdict: str(own(result, "verdict")),
    billed: typeof own(result, "billed") === "boolean" ? result.billed : undefined,
    retryable: typeof own(result, "retryable") === "boolean" ? result.retryable : undefined,
    code: str(own(result, "code")),
    requestId: str(own(result, "requestId")),
    bizCode: str(own(result, "bizCode")),
    subCode: str(own(result, "subCode")),
    errorKind: str(own(result, "errorKind")),
    retryAfterMs: num(own(result, "retryAfterMs")),
  };
}

/** onResponse: `{ action, attempt, httpStatus, durationMs, verdict, billed, retryable, code, requestId, bizCode?, subCode?, errorKind?, retryAfterMs? }`. */
export function responsePayload({ action, attempt, httpStatus, durationMs, result }) {
  return payload({ type: "response", action: str(action), attempt: num(attempt), httpStatus: num(httpStatus), durationMs: num(durationMs), ...resultFields(result) });
}

/**
 * onRetry: `{ action, attempt, nextAttempt, delayMs, reason, resend, httpStatus?, code?, requestId?, errorKind? }` —
 * `attempt` is the one that failed; `reason` a short token (e.g. "throttled", "server", "network",
 * "ambiguous"); `resend` true when the next attempt is the byte-identical request.
 */
export function retryPayload({ action, attempt, delayMs, reason, resend, httpStatus, result, error }) {
  return payload({
    type: "retry",
    action: str(action),
    attempt: num(attempt),
    nextAttempt: num(attempt) === undefined ? undefined : attempt + 1,
    delayMs: num(delayMs),
    reason: str(reason),
    resend: resend === true,
    httpStatus: num(httpStatus) ?? num(own(error, "httpStatus")),
    code: str(own(result, "code")) ?? str(own(error, "code")),
    requestId: str(own(result, "requestId")) ?? str(own(error, "requestId")),
    errorKind: str(own(result, "errorKind")),
  });
}

/**
 * onError: the call rejected. `{ action, attempts, durationMs, code, message, httpStatus?, requestId?, errorKind? }`
 * from the AliyunIdvError (whose messages never carry the secret or full personal data).
 */
export function errorPayload({ action, attempts, durationMs, error }) {
  return payload({
    type: "error",
    action: str(action),
    attempts: num(attempts) ?? num(own(error, "attempts")),
    durationMs: num(durationMs),
    code: str(own(error, "code")) ?? "INTERNAL",
    message: str(own(error, "message")),
    httpStatus: num(own(error, "httpStatus")),
    requestId: str(own(error, "requestId")),
    errorKind: str(own(error, "errorKind")),
  });
}

const BUILDERS = { onRequest: requestPayload, onResponse: responsePayload, onRetry: retryPayload, onError: errorPayload };

/**
 * The hooks of `hooks = { onRequest?, onResponse?, onRetry?, onError? }` (validated by options.js)
 * as emitters: `emit.onRequest(details)` builds the payload (only when that hook is set) and calls
 * the hook safely. `onHookError(name, error)` hears about hooks that failed (its own failures are
 * ignored too).
 */
export function createHooks(hooks, onHookError) {
  const emit = {};
  for (const name of HOOK_NAMES) {
    const fn = own(hooks, name);
    if (typeof fn !== "function") {
      emit[name] = () => {};
      continue;
    }
    const report = (e) => {
      if (typeof onHookError !== "function") return;
      try {
        const r = onHookError(name, e);
        if (r && typeof r.then === "function") r.then(undefined, () => {});
      } catch {
        // ignored: nothing a hook does reaches the call
      }
    };
    emit[name] = (details) => {
      let p;
      try {
        p = BUILDERS[name](details ?? {});
      } catch (e) {
        report(e);
        return;
      }
      invoke(fn, p, report);
    };
  }
  return Object.freeze(emit);
}
