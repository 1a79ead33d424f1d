// Hooks (pkg hooks.js) from the installed package: a hook that throws, rejects or hangs never
// reaches the caller; payloads carry codes, timings and masked personal data only.
import { internals } from "../support/internals.mjs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const pkg = (f) => pathToFileURL(join(project, "node_modules", "aliyun-idv", f)).href;
const { buildMobile3MetaVerifyIntl, parseResponse, AliyunIdvError } = await internals(join(project, "node_modules", "aliyun-idv"));
const { createHooks, requestPayload, responsePayload, retryPayload, errorPayload, maskedInput, HOOK_NAMES } = await import(pkg("hooks.js"));

const PERSON = { idNumber: "110105199003070316", name: "张三丰", mobile: "13812345678" };
const SECRET = "hook-test-secret-value";
const TOKEN = "hook-test-sts-token";
const SIGNING = { accessKeyId: "AKID", accessKeySecret: SECRET, securityToken: TOKEN, timestamp: "2026-03-01T00:00:00Z", nonce: "n-1", today: "2026-03-01" };

/** Rejections nobody handled while `fn` ran (a hook's rejected promise must be handled). */
async function unhandledDuring(fn) {
  const seen = [];
  const listener = (e) => seen.push(e);
  process.on("unhandledRejection", listener);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off("unhandledRejection", listener);
  }
  return seen;
}

test("a hook that throws, rejects, or returns a thenable whose then throws never breaks the caller", async () => {
  const reported = [];
  const calls = [];
  const badThenable = { get then() { throw new Error("then getter"); } };
  const hooks = createHooks(
    {
      onRequest: (p) => { calls.push(p.type); throw new Error("sync throw"); },
      onResponse: async (p) => { calls.push(p.type); throw new Error("async reject"); },
      onRetry: (p) => { calls.push(p.type); return badThenable; },
      onError: (p) => { calls.push(p.type); return Promise.reject(new Error("plain reject")); },
    },
    (name, e) => { reported.push(`${name}: ${e.message}`); throw new Error("the reporter throws too"); },
  );
  const unhandled = await unhandledDuring(() => {
    assert.equal(hooks.onRequest({ action: "Id2MetaVerifyIntl", attempt: 1 }), undefined);
    assert.equal(hooks.onResponse({ action: "Id2MetaVerifyIntl", attempt: 1, httpStatus: 200 }), undefined);
    assert.equal(hooks.onRetry({ action: "Id2MetaVerifyIntl", attempt: 1, delayMs: 5 }), undefined);
    assert.equal(hooks.onError({ action: "Id2MetaVerifyIntl", error: new AliyunIdvError("TIMEOUT", "t") }), undefined);
  });
  assert.deepEqual(calls, ["request", "response", "retry", "error"]);
  assert.deepEqual(unhandled, []);
  assert.deepEqual(reported.sort(), ["onError: plain reject", "onRequest: sync throw", "onResponse: async reject", "onRetry: then getter"]);
});

test("hooks are not awaited: the emitter returns at once, not the hook's promise", () => {
  let called = false;
  const hooks = createHooks({ onRequest: () => { called = true; return new Promise(() => {}); } });
  const returned = hooks.onRequest({ action: "A", attempt: 1 });
  assert.equal(called, true, "called synchronously");
  assert.equal(returned, undefined, "nothing for the caller to await");
});

test("absent hooks cost nothing and every name has an emitter", () => {
  const hooks = createHooks(undefined);
  assert.deepEqual(Object.keys(hooks).sort(), [...HOOK_NAMES].sort());
  for (const name of HOOK_NAMES) assert.equal(hooks[name]({}), undefined);
  // Only own properties: a hook on the prototype is not picked up.
  let inherited = 0;
  const proto = { onRequest: () => inherited++ };
  createHooks(Object.create(proto)).onRequest({});
  assert.equal(inherited, 0);
});

test("onRequest: action, attempt, nonce, host and masked personal data; never the secret, token, signature or body", () => {
  for (const signatureVersion of ["v3", "v1"]) {
    const req = buildMobile3MetaVerifyIntl(PERSON, { ...SIGNING, signatureVersion });
    const seen = [];
    createHooks({ onRequest: (p) => seen.push(p) }).onRequest({
      action: "Mobile3MetaVerifyIntl", attempt: 2, resend: true, nonce: "n-1", timestamp: SIGNING.timestamp, url: req.url, queuedMs: 12,
      input: { ...PERSON, accessKeySecret: SECRET }, request: req, headers: req.headers, accessKeySecret: SECRET,
    });
    const [p] = seen;
    assert.deepEqual(p, {
      type: "request", action: "Mobile3MetaVerifyIntl", attempt: 2, resend: true, nonce: "n-1", timestamp: "2026-03-01T00:00:00Z",
      host: "cloudauth-intl.cn-hongkong.aliyuncs.com", queuedMs: 12,
      input: { idNumber: "110105********0316", name: "张**", mobile: "138****5678" },
    });
    assert.ok(Object.isFrozen(p) && Object.isFrozen(p.input));
    const text = JSON.stringify(p);
    for (const forbidden of [SECRET, TOKEN, PERSON.idNumber, PERSON.name, PERSON.mobile, "Signature", "authorization", "ACS3"]) {
      assert.ok(!text.includes(forbidden), `${signatureVersion}: ${forbidden} in ${text}`);
    }
  }
});

test("md5 inputs are left out of the payload; oversized strings are cut before masking", () => {
  assert.deepEqual(maskedInput({ ...PERSON, paramType: "md5" }), {});
  const long = maskedInput({ idNumber: "1".repeat(1e6) });
  assert.ok(long.idNumber.length <= 64 && !long.idNumber.includes("1".repeat(20)));
});

test("onResponse: HTTP status, Code, request id, verdict, billed, duration; from a parsed answer", () => {
  const body = JSON.stringify({ RequestId: "REQ-42", Code: "Success", Message: "success", Result: { BizCode: "2", SubCode: "203", IspName: "CMCC" } });
  const result = parseResponse("Mobile3MetaVerifyIntl", 200, body, {});
  const p = responsePayload({ action: "Mobile3MetaVerifyIntl", attempt: 1, httpStatus: 200, durationMs: 84, result: { ...result, secret: SECRET } });
  assert.deepEqual(p, {
    type: "response", action: "Mobile3MetaVerifyIntl", attempt: 1, httpStatus: 200, durationMs: 84,
    verdict: "mismatch", billed: true, retryable: false, code: "Success", requestId: "REQ-42", bizCode: "2", subCode: "203",
  });
  const throttled = parseResponse("Id2MetaVerifyIntl", 400, JSON.stringify({ RequestId: "R", Code: "Throttling.Api", Message: "x" }), { "x-acs-retry-after": "1500" });
  const q = responsePayload({ action: "Id2MetaVerifyIntl", attempt: 1, httpStatus: 400, durationMs: 3, result: throttled });
  assert.equal(q.errorKind, "throttled");
  assert.equal(q.retryAfterMs, 1500);
  assert.equal(q.verdict, "error");
});

test("onRetry and onError: delay, reason, codes and request ids from the result or the error", () => {
  const r = retryPayload({ action: "Id2MetaVerifyIntl", attempt: 1, delayMs: 1500, reason: "throttled", result: { code: "Throttling.Api", requestId: "R1", errorKind: "throttled" }, httpStatus: 400 });
  assert.deepEqual(r, { type: "retry", action: "Id2MetaVerifyIntl", attempt: 1, nextAttempt: 2, delayMs: 1500, reason: "throttled", resend: false, httpStatus: 400, code: "Throttling.Api", requestId: "R1", errorKind: "throttled" });
  const error = new AliyunIdvError("NETWORK_ERROR", "The request could not be sent (3 attempts): ECONNRESET.", { httpStatus: 502, requestId: "R2" });
  error.attempts = 3;
  error.errorKind = "answer_lost";
  error.secret = SECRET;
  const e = errorPayload({ action: "Id2MetaVerifyIntl", durationMs: 900, error });
  assert.deepEqual(e, {
    type: "error", action: "Id2MetaVerifyIntl", attempts: 3, durationMs: 900, code: "NETWORK_ERROR",
    message: "The request could not be sent (3 attempts): ECONNRESET.", httpStatus: 502, requestId: "R2", errorKind: "answer_lost",
  });
  assert.equal(errorPayload({ action: "A", error: "not an error" }).code, "INTERNAL");
});

test("a payload builder that fails (hostile details) is reported, not thrown", () => {
  const reported = [];
  let called = 0;
  const hooks = createHooks({ onRequest: () => called++ }, (name, e) => reported.push(name));
  const hostile = new Proxy({}, { get() { throw new Error("trap"); } });
  hooks.onRequest(hostile);
  assert.equal(called + reported.length, 1);
});
