// createClient from the installed package against the local mock endpoint (tools/mock-cloudauth),
// which verifies signatures with its own node:crypto implementation and counts what it billed per
// nonce. Every clock is fixed: the client and the mock share a clock the test moves by hand (the
// synthetic cards are valid until 2029; nothing here depends on the real date).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startMock, scenarios } from "../../tools/mock-cloudauth/server.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const lib = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const { createClient, AliyunIdvError, buildId2MetaVerifyIntl, chinaToday } = lib;

const CREDS = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
const METHOD = { Id2MetaVerifyIntl: "id2MetaVerifyIntl", Mobile3MetaVerifyIntl: "mobile3MetaVerifyIntl", Id2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl", Id2MetaVerify: "id2MetaVerify" };
const PERSON = { idNumber: "110105199003070316", name: "张三" };
const T0 = Date.UTC(2026, 5, 1, 4, 0, 0); // 2026-06-01T04:00:00Z
const clock = { t: T0 };
let mock;

before(async () => {
  mock = await startMock({ now: () => new Date(clock.t) });
});
after(() => mock.close());
beforeEach(() => {
  mock.reset();
  clock.t = T0;
});

/** A sleep that does not wait: it records the delay and moves the shared clock. */
function fakeSleep() {
  const delays = [];
  const sleep = async (ms) => {
    delays.push(ms);
    clock.t += ms;
  };
  return { delays, sleep };
}

const client = (extra = {}) =>
  createClient({ ...CREDS, endpoint: mock.url, now: () => clock.t, sleep: fakeSleep().sleep, ...extra });

/** A fetch that records what it sends. */
function spyFetch(inner = fetch) {
  const sent = [];
  const f = (url, init) => {
    sent.push({ url, headers: { ...init.headers }, body: init.body });
    return inner(url, init);
  };
  return { sent, fetch: f };
}
const nonceOf = (s) => s.headers["x-acs-signature-nonce"] ?? new URL(s.url).searchParams.get("SignatureNonce");
const dateOf = (s) => s.headers["x-acs-date"] ?? new URL(s.url).searchParams.get("Timestamp");

for (const signatureVersion of ["v3", "v1"]) {
  test(`every synthetic person gets the expected verdict (${signatureVersion})`, async () => {
    const c = client({ signatureVersion });
    const covered = scenarios.filter((s) => METHOD[s.action]);
    assert.ok(covered.length >= 20);
    for (const s of covered) {
      const r = await c[METHOD[s.action]](s.input);
      assert.equal(r.verdict, s.expect.verdict, s.label);
      if (s.expect.subCode) assert.equal(r.subCode, s.expect.subCode, s.label);
      assert.equal(r.attempts, 1, s.label);
      assert.equal(typeof r.nonce, "string");
      assert.equal(mock.billsFor(r.nonce), r.billed ? 1 : 0, s.label);
    }
  });
}

test("the fixed clock decides the period checks, not the real date", async () => {
  const card = scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl" && s.input.validityEnd === "20290901");
  assert.ok(card);
  clock.t = Date.UTC(2029, 8, 1, 15, 59, 59); // 2029-09-01 23:59:59 in China: the last valid day
  assert.ok((await client().id2MetaPeriodVerifyIntl(card.input)).verdict);
  clock.t = Date.UTC(2029, 8, 1, 16, 0, 0); // 2029-09-02 00:00 in China
  await assert.rejects(client().id2MetaPeriodVerifyIntl(card.input), (e) => e.code === "PERIOD_EXPIRED");
  assert.equal(mock.stats.total, 1);
});

test("STS credentials, given or from ALIBABA_CLOUD_SECURITY_TOKEN, send the token", async () => {
  const c = createClient({ accessKeyId: "STS.mock-ak-id", accessKeySecret: "mock-sts-secret", securityToken: "mock-security-token", endpoint: mock.url, now: () => clock.t });
  assert.equal((await c.id2MetaVerifyIntl(PERSON)).verdict, "match");
  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "STS.mock-ak-id";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "mock-sts-secret";
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = "mock-security-token";
    for (const signatureVersion of ["v3", "v1"]) {
      const spy = spyFetch();
      const r = await createClient({ endpoint: mock.url, now: () => clock.t, fetch: spy.fetch, signatureVersion }).id2MetaVerifyIntl(PERSON);
      assert.equal(r.verdict, "match", signatureVersion);
      const token = spy.sent[0].headers["x-acs-security-token"] ?? new URL(spy.sent[0].url).searchParams.get("SecurityToken");
      assert.equal(token, "mock-security-token", signatureVersion);
    }
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    // without the token the mock refuses the STS key: the token really is what made it pass
    const r = await createClient({ endpoint: mock.url, now: () => clock.t }).id2MetaVerifyIntl(PERSON);
    assert.equal(r.code, "InvalidSecurityToken.Malformed");
  } finally {
    process.env = saved;
  }
});

test("credentials from the standard environment variables", async () => {
  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = CREDS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = CREDS.accessKeySecret;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    const c = createClient({ endpoint: mock.url, now: () => clock.t });
    assert.equal((await c.id2MetaVerifyIntl(PERSON)).verdict, "match");
    // Without the key, createClient goes to the default chain (Node has a process environment):
    // nothing answers here (no OIDC variables, no config profile, the metadata service disabled,
    // never 100.100.100.200), so the first call rejects with CREDENTIALS_ERROR and sends nothing.
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    for (const k of ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"]) delete process.env[k];
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
    const spy = spyFetch();
    const chained = createClient({ endpoint: mock.url, now: () => clock.t, fetch: spy.fetch });
    await assert.rejects(chained.id2MetaVerifyIntl(PERSON), (e) => {
      assert.ok(e instanceof AliyunIdvError);
      assert.equal(e.code, "CREDENTIALS_ERROR");
      assert.equal(e.billed, false);
      assert.ok(!e.message.includes(CREDS.accessKeySecret));
      return true;
    });
    assert.equal(spy.sent.length, 0, "nothing sent without credentials");
  } finally {
    process.env = saved;
  }
});

test("an invalid ID number never reaches the network", async () => {
  const spy = spyFetch();
  const c = client({ fetch: spy.fetch });
  await assert.rejects(c.id2MetaVerifyIntl({ idNumber: "110105199003070317", name: "张三" }), (e) => e instanceof AliyunIdvError && e.code === "ID_CHECKSUM");
  await assert.rejects(c.mobile3MetaVerifyIntl({ ...PERSON, mobile: "+852 9123 4567" }), (e) => e.code === "MOBILE_NOT_MAINLAND");
  assert.equal(spy.sent.length, 0);
  assert.equal(mock.stats.total, 0);
});

test("a tampered signature is refused by the mock, and not retried", async () => {
  const tamper = (url, init) => {
    const headers = { ...init.headers };
    headers.authorization = headers.authorization.replace(/Signature=(.)/, (m, c) => "Signature=" + (c === "0" ? "1" : "0"));
    return fetch(url, { ...init, headers });
  };
  const r = await client({ fetch: tamper }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.code, "SignatureDoesNotMatch");
  assert.equal(r.errorKind, "auth");
  assert.equal(r.attempts, 1);
  const v1 = (url, init) => fetch(url.replace(/Signature=[^&]+/, "Signature=AAAA"), init);
  assert.equal((await client({ fetch: v1, signatureVersion: "v1" }).id2MetaVerifyIntl(PERSON)).code, "SignatureDoesNotMatch");
});

test("throttling is retried signed afresh (new nonce, new timestamp), waiting x-acs-retry-after", async () => {
  for (const signatureVersion of ["v3", "v1"]) {
    mock.reset();
    clock.t = T0;
    mock.setMode({ throttle: 2, retryAfterMs: 1500 });
    const spy = spyFetch();
    const { delays, sleep } = fakeSleep();
    const r = await client({ retries: 2, fetch: spy.fetch, sleep, signatureVersion }).id2MetaVerifyIntl(PERSON);
    assert.equal(r.verdict, "match");
    assert.equal(r.attempts, 3);
    assert.deepEqual(delays, [1500, 1500]);
    assert.equal(new Set(spy.sent.map(nonceOf)).size, 3, "a fresh nonce per attempt");
    assert.equal(new Set(spy.sent.map(dateOf)).size, 3, "a fresh timestamp per attempt");
    assert.deepEqual(spy.sent.map(dateOf), ["2026-06-01T04:00:00Z", "2026-06-01T04:00:01Z", "2026-06-01T04:00:03Z"]);
    assert.equal(mock.stats.billed, 1);
  }
  mock.reset();
  mock.setMode({ throttle: 10, retryAfterMs: 120000 });
  const { delays, sleep } = fakeSleep();
  const limited = await client({ retries: 2, sleep }).id2MetaVerifyIntl(PERSON);
  assert.equal(limited.errorKind, "throttled");
  assert.equal(limited.attempts, 3);
  assert.deepEqual(delays, [30000, 30000], "x-acs-retry-after is capped at 30 s");
  assert.equal(mock.stats.total, 3);
});

test("the exact backoff sequence with a fixed random, capped", async () => {
  mock.setMode({ fail5xx: 6, status: 503 });
  const { delays, sleep } = fakeSleep();
  const r = await client({ retries: 6, backoffBaseMs: 200, backoffCapMs: 1000, random: () => 0.5, sleep }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 7);
  assert.deepEqual(delays, [100, 200, 400, 500, 500, 500]);
});

test("a 5xx with an Alibaba body is retried afresh; a proxy's HTML page is resent identically", async () => {
  const spy = spyFetch();
  mock.setMode({ fail5xx: 1, status: 503 });
  const a = await client({ fetch: spy.fetch }).id2MetaVerifyIntl(PERSON);
  assert.equal(a.attempts, 2);
  assert.notEqual(nonceOf(spy.sent[0]), nonceOf(spy.sent[1]));
  mock.reset();
  spy.sent.length = 0;
  mock.setMode({ html: 1 });
  const b = await client({ fetch: spy.fetch }).id2MetaVerifyIntl(PERSON);
  assert.equal(b.verdict, "match");
  assert.equal(b.attempts, 2);
  assert.equal(nonceOf(spy.sent[0]), nonceOf(spy.sent[1]), "the same signed request");
  assert.equal(spy.sent[0].body, spy.sent[1].body);
  assert.deepEqual(spy.sent[0].headers, spy.sent[1].headers);
  mock.reset();
  mock.setMode({ fail5xx: 1, status: 500 });
  const once = await client({ retries: 0 }).id2MetaVerifyIntl(PERSON);
  assert.equal(once.errorKind, "server");
  assert.equal(once.attempts, 1);
});

test("billed and final answers are not retried", async () => {
  const r = await client().id2MetaVerifyIntl({ idNumber: PERSON.idNumber, name: "李四" });
  assert.equal(r.verdict, "mismatch");
  assert.equal(r.billed, true);
  assert.equal(mock.stats.total, 1);
  mock.setMode({ gatewayError: 1, code: "Forbidden.RAMUserAccessDenied" });
  assert.equal((await client().id2MetaVerifyIntl(PERSON)).attempts, 1);
});

test("a connection dropped before an answer is resent identically; forever dropped ends as answer_lost", async () => {
  const spy = spyFetch();
  mock.setMode({ drop: 1 });
  const r = await client({ fetch: spy.fetch }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 2);
  assert.equal(nonceOf(spy.sent[0]), nonceOf(spy.sent[1]));
  mock.reset();
  mock.setMode({ drop: 10 });
  const lost = await client({ retries: 1 }).id2MetaVerifyIntl(PERSON);
  assert.equal(lost.errorKind, "answer_lost");
  assert.equal(lost.billed, null);
  assert.equal(lost.retryable, false);
  assert.equal(lost.lostReason, "retries_exhausted");
  assert.equal(lost.attempts, 2);
  assert.equal(mock.stats.billed, 0);
});

test("connection refused is certainly not delivered: retried afresh, then NETWORK_ERROR, not billed", async () => {
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const spy = spyFetch();
  const { delays, sleep } = fakeSleep();
  await assert.rejects(
    client({ endpoint: `http://127.0.0.1:${port}`, fetch: spy.fetch, sleep, random: () => 0.5 }).id2MetaVerifyIntl(PERSON),
    (e) => e instanceof AliyunIdvError && e.code === "NETWORK_ERROR" && e.attempts === 3 && e.billed === false,
  );
  assert.equal(new Set(spy.sent.map(nonceOf)).size, 3);
  assert.deepEqual(delays, [100, 200]);
});

test("a slow answer times out and is resent identically (the mock had not processed it)", { timeout: 20000 }, async () => {
  mock.setMode({ delayMs: 8000, delayCount: 1 });
  const spy = spyFetch();
  const r = await client({ timeoutMs: 1000, fetch: spy.fetch }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 2);
  assert.equal(nonceOf(spy.sent[0]), nonceOf(spy.sent[1]));
  assert.equal(mock.stats.billed, 1);
});

test("timeoutMs holds when fetch ignores its signal (headers or body never come)", { timeout: 10000 }, async () => {
  const never = () => new Promise(() => {});
  const r = await client({ timeoutMs: 50, retries: 1, fetch: never }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.errorKind, "answer_lost");
  assert.equal(r.failure, "timeout");
  assert.equal(r.attempts, 2);
  const stalledBody = async () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); } }), { status: 200 });
  const s = await client({ timeoutMs: 50, retries: 0, fetch: stalledBody }).id2MetaVerifyIntl(PERSON);
  assert.equal(s.errorKind, "answer_lost");
  assert.equal(s.failure, "timeout");
});

test("cancellation: before the call, during fetch, during the retry-after wait, during beforeSend", { timeout: 10000 }, async () => {
  const isAborted = (billed) => (e) => e instanceof AliyunIdvError && e.code === "ABORTED" && e.billed === billed;
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(client().id2MetaVerifyIntl(PERSON, { signal: pre.signal }), isAborted(false));
  assert.equal(mock.stats.total, 0, "nothing sent after an abort");

  mock.setMode({ delayMs: 5000, delayCount: 1 });
  const during = new AbortController();
  const spy = spyFetch((url, init) => {
    setTimeout(() => during.abort(), 50);
    return fetch(url, init);
  });
  await assert.rejects(client({ fetch: spy.fetch }).id2MetaVerifyIntl(PERSON, { signal: during.signal }), isAborted(null));
  assert.equal(spy.sent.length, 1);

  mock.reset();
  mock.setMode({ throttle: 1, retryAfterMs: 20000 });
  const wait = new AbortController();
  const started = process.hrtime.bigint();
  const p = createClient({ ...CREDS, endpoint: mock.url, now: () => clock.t }).id2MetaVerifyIntl(PERSON, { signal: wait.signal });
  setTimeout(() => wait.abort(), 100);
  await assert.rejects(p, isAborted(false));
  assert.ok(process.hrtime.bigint() - started < 10_000_000_000n, "did not wait the 20 s");
  assert.equal(mock.stats.total, 1);

  mock.reset();
  const hook = new AbortController();
  const q = client({ beforeSend: () => new Promise(() => {}) }).id2MetaVerifyIntl(PERSON, { signal: hook.signal });
  setTimeout(() => hook.abort(), 20);
  await assert.rejects(q, isAborted(false));
  assert.equal(mock.stats.total, 0);
  await assert.rejects(client().id2MetaVerifyIntl(PERSON, { signal: "no" }), (e) => e.code === "INVALID_ARGUMENT");
});

test("clock skew: corrected once from the Date header, kept for later calls, never a loop", async () => {
  const spy = spyFetch();
  const behind = () => clock.t - 3600_000; // the host clock is an hour slow
  const c = client({ now: behind, fetch: spy.fetch });
  const r = await c.id2MetaVerifyIntl(PERSON);
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 2);
  assert.equal(dateOf(spy.sent[1]), "2026-06-01T04:00:00Z");
  const again = await c.id2MetaVerifyIntl(PERSON);
  assert.equal(again.attempts, 1, "the offset is kept");
  // without a Date header: stops with the answer
  const noDate = (url, init) => fetch(url, init).then((res) => new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } }));
  const s = await client({ now: behind, fetch: noDate }).id2MetaVerifyIntl(PERSON);
  assert.equal(s.code, "InvalidTimeStamp.Expired");
  assert.equal(s.attempts, 1);
  // a Date header that is itself wrong: one corrected retry, then it stops
  const lying = (url, init) => fetch(url, init).then((res) => {
    const h = new Headers(res.headers);
    h.set("date", new Date(clock.t - 7200_000).toUTCString());
    return new Response(res.body, { status: res.status, headers: h });
  });
  const l = await client({ now: behind, fetch: lying, retries: 5 }).id2MetaVerifyIntl(PERSON);
  assert.equal(l.code, "InvalidTimeStamp.Expired");
  assert.equal(l.attempts, 2);
});

test("beforeSend is awaited before every send; if it fails nothing is sent (BEFORE_SEND_FAILED)", async () => {
  const seen = [];
  const spy = spyFetch();
  mock.setMode({ throttle: 1, retryAfterMs: 5, html: 0 });
  const c = client({
    fetch: spy.fetch,
    beforeSend: async (info) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push({ ...info, sentBefore: spy.sent.length });
    },
  });
  const r = await c.id2MetaVerifyIntl(PERSON);
  assert.equal(r.attempts, 2);
  assert.deepEqual(seen.map((s) => [s.action, s.attempt, s.resend, s.sentBefore]), [["Id2MetaVerifyIntl", 1, false, 0], ["Id2MetaVerifyIntl", 2, false, 1]]);
  assert.equal(seen[0].nonce, nonceOf(spy.sent[0]));
  assert.equal(seen[0].timestamp, dateOf(spy.sent[0]));
  assert.equal(seen[1].request.body, spy.sent[1].body);
  assert.equal(seen[1].request.headers.authorization, spy.sent[1].headers.authorization);
  // an identical resend is announced as one
  mock.reset();
  mock.setMode({ drop: 1 });
  seen.length = 0;
  await c.id2MetaVerifyIntl(PERSON);
  assert.deepEqual(seen.map((s) => s.resend), [false, true]);
  assert.equal(seen[0].nonce, seen[1].nonce);
  // a failing hook
  mock.reset();
  for (const hook of [() => { throw new Error("disk full"); }, () => Promise.reject(new Error("fsync"))]) {
    await assert.rejects(client({ beforeSend: hook }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.code === "BEFORE_SEND_FAILED" && e.billed === false && e.attempts === 0);
  }
  assert.equal(mock.stats.total, 0);
});

test("client.resend: byte-identical, inside the window only; a used nonce is answer_lost", async () => {
  const signed = buildId2MetaVerifyIntl(PERSON, { ...CREDS, endpoint: mock.url, timestamp: new Date(clock.t), nonce: "journal-nonce-1", today: chinaToday(new Date(clock.t)) });
  const c = client();
  clock.t += 60_000;
  const first = await c.resend("Id2MetaVerifyIntl", signed);
  assert.equal(first.verdict, "match");
  assert.equal(first.nonce, "journal-nonce-1");
  const second = await c.resend("Id2MetaVerifyIntl", signed);
  assert.equal(second.errorKind, "answer_lost");
  assert.equal(second.lostReason, "nonce_used");
  assert.equal(second.code, "SignatureNonceUsed");
  assert.equal(second.billed, null);
  assert.equal(mock.billsFor("journal-nonce-1"), 1);
  clock.t = T0 + 11 * 60_000;
  const late = await c.resend("Id2MetaVerifyIntl", { ...signed });
  assert.equal(late.errorKind, "answer_lost");
  assert.equal(late.lostReason, "window_closed");
  assert.equal(late.attempts, 0);
  assert.equal(mock.stats.total, 2, "nothing sent outside the window");
  await assert.rejects(c.resend("Id2MetaVerifyIntl", { ...signed, url: "http://127.0.0.1.nip.io/" }), (e) => e.code === "ENDPOINT_INVALID");
  // V1: the nonce and timestamp are read from the URL
  clock.t = T0;
  const v1 = buildId2MetaVerifyIntl(PERSON, { ...CREDS, signatureVersion: "v1", endpoint: mock.url, timestamp: new Date(clock.t), nonce: "journal-nonce-v1", today: "2026-06-01" });
  const r1 = await c.resend("Id2MetaVerifyIntl", v1);
  assert.equal(r1.verdict, "match");
  assert.equal(r1.nonce, "journal-nonce-v1");
  assert.equal((await c.resend("Id2MetaVerifyIntl", v1)).lostReason, "nonce_used");
  assert.equal(mock.billsFor("journal-nonce-v1"), 1);
  await assert.rejects(c.resend("Id2MetaVerifyIntl", { method: "POST" }), (e) => e.code === "INVALID_ARGUMENT");
});

test("an answer larger than maxResponseBytes is not read: ambiguous, resent, then answer_lost", async () => {
  let calls = 0;
  const huge = async () => {
    calls++;
    return new Response(new ReadableStream({
      pull(c) { c.enqueue(new Uint8Array(64 * 1024)); },
    }), { status: 200 });
  };
  const r = await client({ fetch: huge, maxResponseBytes: 100_000, retries: 1 }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.errorKind, "answer_lost");
  assert.equal(r.failure, "body_too_large");
  assert.equal(calls, 2);
  const declared = async () => new Response("x".repeat(10), { status: 200, headers: { "content-length": "5000000" } });
  assert.equal((await client({ fetch: declared, retries: 0 }).id2MetaVerifyIntl(PERSON)).failure, "body_too_large");
});

test("own properties only: a polluted prototype changes nothing", async () => {
  const spy = spyFetch();
  try {
    Object.prototype.endpoint = "evil.example";
    Object.prototype.fetch = () => { throw new Error("polluted fetch used"); };
    Object.prototype.signatureVersion = "v1";
    const r = await createClient({ ...CREDS, fetch: spy.fetch, now: () => clock.t, retries: 0 }).id2MetaVerifyIntl(PERSON).catch((e) => e);
    assert.ok(spy.sent.length >= 1);
    assert.ok(!spy.sent[0].url.includes("evil.example"), spy.sent[0].url);
    assert.ok(spy.sent[0].headers.authorization, "V3, not the polluted v1");
    assert.ok(r);
  } finally {
    delete Object.prototype.endpoint;
    delete Object.prototype.fetch;
    delete Object.prototype.signatureVersion;
  }
  try {
    Object.prototype.idNumber = PERSON.idNumber;
    Object.prototype.name = PERSON.name;
    await assert.rejects(client().id2MetaVerifyIntl({}), (e) => e instanceof AliyunIdvError);
    assert.equal(mock.stats.total, 0);
  } finally {
    delete Object.prototype.idNumber;
    delete Object.prototype.name;
  }
});

test("a caller's nonce(), random() or now() that throws gives an AliyunIdvError", async () => {
  const boom = () => { throw new RangeError("boom"); };
  await assert.rejects(client({ nonce: boom }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.field === "nonce");
  await assert.rejects(client({ now: boom }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.field === "now");
  mock.setMode({ throttle: 1, retryAfterMs: 0 });
  await assert.rejects(client({ random: boom }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.field === "random");
  await assert.rejects(client({ nonce: () => 42 }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.field === "nonce");
  mock.reset();
  mock.setMode({ throttle: 1, retryAfterMs: 10 });
  await assert.rejects(client({ sleep: () => Promise.reject(new TypeError("x")) }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.field === "sleep");
});

test("the secret appears in no request, result or error", async () => {
  const secret = "mock-ak-secret";
  const seen = [];
  const spy = (url, init) => (seen.push(url, JSON.stringify(init)), fetch(url, init));
  const r = await client({ fetch: spy }).id2MetaVerifyIntl(PERSON);
  seen.push(JSON.stringify(r), JSON.stringify(client()));
  const e = await client().id2MetaVerifyIntl({ idNumber: "x", name: "y" }).catch((x) => x);
  seen.push(String(e), JSON.stringify(e), e.stack);
  const lost = await client({ fetch: () => new Promise(() => {}), timeoutMs: 20, retries: 0 }).id2MetaVerifyIntl(PERSON);
  seen.push(JSON.stringify(lost));
  for (const s of seen) assert.ok(!s.includes(secret), s);
});
