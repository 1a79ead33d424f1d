// The retry policy of createClient, as pure functions: what happened to one attempt (`classify*`)
// and what to do next (`decide`). No clock, no timers, no I/O here: the client passes the time in
// and does the waiting, so every rule is unit-tested without waiting on the wall clock
// (tests/client/retry.test.mjs).
//
// Every failed attempt is one of three deliveries:
//   "not_delivered"  certainly never reached the service (name resolution failed, connection refused,
//                    TLS failed before the request was written): safe to sign afresh and send again;
//   "answered"       the service (or its gateway) answered with its own JSON body: the answer says
//                    whether it was billed and whether a fresh retry is safe;
//   "ambiguous"      the service may have processed it (reset after sending, timeout, a body that
//                    could not be read completely, a body too large, a 5xx or other answer without an
//                    Alibaba error body). From then on the call only ever resends the byte-identical
//                    signed request (same nonce, same timestamp, same body): the service refuses a
//                    repeated SignatureNonce without processing it, so a resend cannot bill twice.
//
// And every decision is one of three outcomes:
//   RETRY_FRESH       sign again (fresh timestamp and nonce) and send, after `delayMs`;
//   RESEND_IDENTICAL  send the same signed request again, after `delayMs`;
//   STOP              end the call; `reason` records why, `lost` says the answer of a delivery that
//                     may have been processed (and billed) is lost: the call ends as `answer_lost`.

export const RETRY_FRESH = "retry_fresh";
export const RESEND_IDENTICAL = "resend_identical";
export const STOP = "stop";

/** The longest x-acs-retry-after wait honoured; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 30000;

/**
 * How long after its timestamp a signed request may still be resent. The service accepts a
 * timestamp up to 15 minutes off its clock (and remembers a nonce as long); 5 minutes are kept in
 * reserve for the time in flight and the clocks' disagreement.
 */
export const RESEND_WINDOW_MS = 10 * 60 * 1000;

/**
 * Error codes of fetch failures that happen before any byte of the request is written: the
 * connection was never made (DNS, refused, connect timeout) or TLS refused the server's
 * certificate during the handshake. Anything else (ECONNRESET, "other side closed", a bare
 * TypeError, an unknown code) may have happened after the request was sent: ambiguous.
 */
const NOT_DELIVERED_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA", "EAI_ADDRFAMILY",
  "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL", "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_UNTRUSTED", "CERT_REVOKED", "HOSTNAME_MISMATCH", "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** A bare token naming a failure (`ECONNREFUSED`, `TypeError`); never a message (it may hold the URL). */
export function failureToken(e) {
  const token = (v) => (typeof v === "string" && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined);
  try {
    return token(e && e.cause && e.cause.code) ?? token(e && e.code) ?? token(e && e.name) ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** A fetch that rejected before any answer arrived. `phase`: "connect" (no response yet) or "body". */
export function classifyFetchError(e, phase = "connect") {
  const failure = failureToken(e);
  if (phase === "connect") {
    let code;
    try {
      code = (e && e.cause && e.cause.code) || (e && e.code);
    } catch {
      code = undefined;
    }
    if (typeof code === "string" && NOT_DELIVERED_CODES.has(code)) return { delivery: "not_delivered", failure: code };
    return { delivery: "ambiguous", failure: failure === "TypeError" || failure === "unknown" ? "connection_lost" : failure };
  }
  return { delivery: "ambiguous", failure: "body_incomplete" };
}

/**
 * A complete answer, parsed. An answer without the service's JSON (no `Code`: a proxy's HTML page,
 * a 504, a 200 whose body is not the expected JSON) does not say whether the service processed the
 * request: ambiguous.
 */
export function classifyAnswer(status, result) {
  if (result.errorKind === "malformed_response" || (result.verdict === "error" && result.code === null)) {
    return { delivery: "ambiguous", failure: status >= 500 ? "gateway_error" : "unrecognised_answer", result };
  }
  return { delivery: "answered", result };
}

/** Codes that say the request's timestamp is too far from the service's clock. */
export function isClockSkew(code) {
  return code === "InvalidTimeStamp.Expired" || code === "RequestTimeTooSkewed" || code === "InvalidTimeStamp.Future";
}

/** An answer that is the service's own word on this request (a verdict, or a refusal of its content). */
function isServiceAnswer(r) {
  return r.verdict !== "error" || r.errorKind === "business" || r.errorKind === "invalid_request";
}

/**
 * The wait before the next attempt: `x-acs-retry-after` (at most MAX_RETRY_AFTER_MS) when the
 * answer has one, else full jitter over min(backoffCapMs, backoffBaseMs * 2^(n-1)), n = attempts
 * made so far. `random()` must answer in [0, 1); anything else is clamped.
 */
export function delayFor(n, result, policy) {
  const ra = result && result.retryAfterMs;
  if (typeof ra === "number" && ra > 0) return Math.min(ra, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, n - 1));
  let x = Number(policy.random());
  if (!(x >= 0)) x = 0;
  if (x >= 1) x = 1 - Number.EPSILON;
  return Math.floor(x * ceiling);
}

function stop(reason, lost = false) {
  return { outcome: STOP, delayMs: 0, reason, lost };
}

/**
 * What to do after an attempt.
 * @param state  { attempts: sends made so far (>= 1), ambiguous: an earlier delivery of the current
 *               signed request may have been processed, skewCorrected: this call already retried once
 *               for clock skew, nowMs: the (corrected) time now, signedAtMs: the timestamp of the
 *               current signed request, receivedAtMs?: the uncorrected local time the answer came }
 * @param fate   { delivery, failure?, result?, serverDateMs? } from classifyFetchError/classifyAnswer
 * @param policy { retries, backoffBaseMs, backoffCapMs, random }
 * @returns      { outcome, delayMs, reason, lost, clockOffsetMs? }
 */
export function decide(state, fate, policy) {
  const r = fate.result;
  // The nonce was already used: an earlier delivery of this very request (a proxy delivered it
  // twice, or a lost answer) was processed. Never answered by signing a fresh request.
  if (fate.delivery === "answered" && r.code === "SignatureNonceUsed") return stop("nonce_used", true);

  const budget = policy.retries + (state.skewCorrected ? 1 : 0);
  const canSendAgain = state.attempts <= budget;

  if (state.ambiguous || fate.delivery === "ambiguous") {
    if (fate.delivery === "answered") {
      if (isServiceAnswer(r)) return stop("answer");
      // Throttled or a gateway failure with an Alibaba body: this resend was not processed; try
      // the same bytes again. Anything else (an expired timestamp, an auth refusal) ends it.
      if (!(r.retryable && !r.billed) || isClockSkew(r.code)) return stop("resend_refused", true);
    }
    if (!canSendAgain) return stop("retries_exhausted", true);
    const delayMs = delayFor(state.attempts, r, policy);
    if (state.nowMs + delayMs - state.signedAtMs > RESEND_WINDOW_MS || state.signedAtMs - state.nowMs > RESEND_WINDOW_MS) {
      return stop("window_closed", true);
    }
    return { outcome: RESEND_IDENTICAL, delayMs, reason: fate.failure ?? (r && r.code) ?? "ambiguous", lost: false };
  }

  if (fate.delivery === "not_delivered") {
    if (!canSendAgain) return stop("retries_exhausted");
    return { outcome: RETRY_FRESH, delayMs: delayFor(state.attempts, undefined, policy), reason: fate.failure, lost: false };
  }

  if (isClockSkew(r.code)) {
    if (state.skewCorrected) return stop("clock_skew_persists");
    if (typeof fate.serverDateMs !== "number" || !Number.isFinite(fate.serverDateMs)) return stop("clock_skew_no_date");
    const local = typeof state.receivedAtMs === "number" ? state.receivedAtMs : state.nowMs;
    return { outcome: RETRY_FRESH, delayMs: 0, reason: "clock_skew", lost: false, clockOffsetMs: fate.serverDateMs - local };
  }
  if (r.billed) return stop("billed");
  if (!r.retryable) return stop("final");
  if (!canSendAgain) return stop("retries_exhausted");
  return { outcome: RETRY_FRESH, delayMs: delayFor(state.attempts, r, policy), reason: r.errorKind ?? "retryable", lost: false };
}

/** The time of an HTTP `Date` header in ms, or undefined. */
export function httpDateMs(value) {
  if (typeof value !== "string" || value.length > 64) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}
