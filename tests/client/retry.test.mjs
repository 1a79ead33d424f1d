// The retry policy (pkg-template/retry.js) as pure functions: every rule, no network, no timers,
// no wall clock (times are numbers passed in).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const R = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "retry.js")).href);
const { decide, delayFor, classifyAnswer, classifyFetchError, RETRY_FRESH, RESEND_IDENTICAL, STOP, RESEND_WINDOW_MS, MAX_RETRY_AFTER_MS } = R;

const T0 = Date.UTC(2026, 5, 1, 4, 0, 0);
const policy = (extra = {}) => ({ retries: 2, backoffBaseMs: 200, backoffCapMs: 5000, random: () => 0.5, ...extra });
const state = (extra = {}) => ({ attempts: 1, ambiguous: false, skewCorrected: false, nowMs: T0, receivedAtMs: T0, signedAtMs: T0, ...extra });
const answer = (result) => ({ delivery: "answered", result: { verdict: "error", billed: false, retryable: false, code: null, requestId: "R", ...result } });
const MATCH = answer({ verdict: "match", billed: true, code: "Success" });
const THROTTLED = answer({ errorKind: "throttled", retryable: true, code: "Throttling.Api", retryAfterMs: 1500 });
const SERVER = answer({ errorKind: "server", retryable: true, code: "ServiceUnavailable" });
const NONCE_USED = answer({ errorKind: "auth", code: "SignatureNonceUsed" });
const EXPIRED = answer({ errorKind: "auth", retryable: true, code: "InvalidTimeStamp.Expired" });
const RESET = { delivery: "ambiguous", failure: "ECONNRESET" };
const REFUSED = { delivery: "not_delivered", failure: "ECONNREFUSED" };

test("the exact backoff sequence with a fixed random, and its cap", () => {
  const p = policy({ backoffBaseMs: 200, backoffCapMs: 1000, random: () => 0.5 });
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => delayFor(n, undefined, p)), [100, 200, 400, 500, 500, 500]);
  const full = policy({ backoffBaseMs: 200, backoffCapMs: 5000, random: () => 0.999 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => delayFor(n, undefined, full)), [199, 399, 799, 1598, 3196, 4995, 4995]);
  // random() outside [0, 1) is clamped, never a longer wait than the ceiling
  assert.equal(delayFor(1, undefined, policy({ random: () => 7 })), 199);
  assert.equal(delayFor(1, undefined, policy({ random: () => NaN })), 0);
});

test("x-acs-retry-after is honoured, at most 30 s", () => {
  assert.equal(delayFor(1, { retryAfterMs: 1500 }, policy()), 1500);
  assert.equal(MAX_RETRY_AFTER_MS, 30000);
  assert.equal(delayFor(1, { retryAfterMs: 120000 }, policy()), 30000);
  assert.deepEqual(decide(state(), THROTTLED, policy()), { outcome: RETRY_FRESH, delayMs: 1500, reason: "throttled", lost: false });
});

test("not delivered and not billed: signed afresh, up to the retry limit", () => {
  assert.equal(decide(state(), REFUSED, policy()).outcome, RETRY_FRESH);
  assert.equal(decide(state({ attempts: 2 }), REFUSED, policy()).outcome, RETRY_FRESH);
  assert.deepEqual(decide(state({ attempts: 3 }), REFUSED, policy()), { outcome: STOP, delayMs: 0, reason: "retries_exhausted", lost: false });
  assert.equal(decide(state(), SERVER, policy()).outcome, RETRY_FRESH);
  assert.equal(decide(state({ attempts: 1 }), SERVER, policy({ retries: 0 })).reason, "retries_exhausted");
});

test("billed and final answers stop", () => {
  assert.deepEqual(decide(state(), MATCH, policy()), { outcome: STOP, delayMs: 0, reason: "billed", lost: false });
  assert.equal(decide(state(), answer({ errorKind: "auth", code: "SignatureDoesNotMatch" }), policy()).reason, "final");
});

test("ambiguous: only the identical request is resent, while the timestamp is safely inside the window", () => {
  const d = decide(state(), RESET, policy());
  assert.equal(d.outcome, RESEND_IDENTICAL);
  assert.equal(d.delayMs, 100);
  // later answers to the resend
  const s = state({ attempts: 2, ambiguous: true });
  assert.deepEqual(decide(s, MATCH, policy()), { outcome: STOP, delayMs: 0, reason: "answer", lost: false });
  assert.equal(decide(s, THROTTLED, policy()).outcome, RESEND_IDENTICAL, "throttled resend: the same bytes again, never a fresh nonce");
  assert.equal(decide(s, SERVER, policy()).outcome, RESEND_IDENTICAL);
  assert.deepEqual(decide(s, EXPIRED, policy()), { outcome: STOP, delayMs: 0, reason: "resend_refused", lost: true });
  assert.deepEqual(decide(state({ attempts: 3, ambiguous: true }), RESET, policy()), { outcome: STOP, delayMs: 0, reason: "retries_exhausted", lost: true });
  // the window: 10 minutes after the timestamp, counting the wait
  assert.equal(decide(state({ nowMs: T0 + RESEND_WINDOW_MS - 100 }), RESET, policy()).outcome, RESEND_IDENTICAL);
  assert.deepEqual(decide(state({ nowMs: T0 + RESEND_WINDOW_MS }), RESET, policy()), { outcome: STOP, delayMs: 0, reason: "window_closed", lost: true });
  assert.equal(decide(state({ nowMs: T0 + RESEND_WINDOW_MS - 1400, ambiguous: true }), THROTTLED, policy()).reason, "window_closed");
  assert.equal(RESEND_WINDOW_MS, 600000);
});

test("SignatureNonceUsed is never answered by a fresh request", () => {
  for (const s of [state(), state({ ambiguous: true, attempts: 2 })]) {
    assert.deepEqual(decide(s, NONCE_USED, policy({ retries: 10 })), { outcome: STOP, delayMs: 0, reason: "nonce_used", lost: true });
  }
});

test("clock skew: one corrected retry from the Date header, never a loop", () => {
  const withDate = { ...EXPIRED, serverDateMs: T0 + 3600_000 };
  const d = decide(state({ receivedAtMs: T0 }), withDate, policy({ retries: 0 }));
  assert.deepEqual(d, { outcome: RETRY_FRESH, delayMs: 0, reason: "clock_skew", lost: false, clockOffsetMs: 3600_000 });
  assert.equal(decide(state({ skewCorrected: true, attempts: 2 }), withDate, policy()).reason, "clock_skew_persists");
  assert.equal(decide(state(), EXPIRED, policy()).reason, "clock_skew_no_date");
  // the skew retry does not use up the retry budget
  assert.equal(decide(state({ skewCorrected: true, attempts: 2 }), SERVER, policy({ retries: 1 })).outcome, RETRY_FRESH);
});

test("classification of fetch failures and answers", () => {
  const err = (code) => Object.assign(new TypeError("fetch failed"), { cause: { code } });
  assert.deepEqual(classifyFetchError(err("ECONNREFUSED")), { delivery: "not_delivered", failure: "ECONNREFUSED" });
  assert.deepEqual(classifyFetchError(err("ENOTFOUND")), { delivery: "not_delivered", failure: "ENOTFOUND" });
  assert.deepEqual(classifyFetchError(err("CERT_HAS_EXPIRED")), { delivery: "not_delivered", failure: "CERT_HAS_EXPIRED" });
  assert.deepEqual(classifyFetchError(err("ECONNRESET")), { delivery: "ambiguous", failure: "ECONNRESET" });
  assert.deepEqual(classifyFetchError(err("UND_ERR_SOCKET")), { delivery: "ambiguous", failure: "UND_ERR_SOCKET" });
  assert.deepEqual(classifyFetchError(new TypeError("fetch failed")), { delivery: "ambiguous", failure: "connection_lost" });
  assert.deepEqual(classifyFetchError(err("ECONNREFUSED"), "body"), { delivery: "ambiguous", failure: "body_incomplete" });
  const html = { verdict: "error", errorKind: "malformed_response", code: null };
  assert.equal(classifyAnswer(504, html).failure, "gateway_error");
  assert.equal(classifyAnswer(200, html).failure, "unrecognised_answer");
  assert.equal(classifyAnswer(503, { verdict: "error", errorKind: "server", code: "ServiceUnavailable" }).delivery, "answered");
  assert.equal(classifyAnswer(500, { verdict: "error", errorKind: "server", code: null }).delivery, "ambiguous");
});
