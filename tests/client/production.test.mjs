// The production modules inside createClient (issue 14), against the local mock on a clock the test
// controls: the client's `now` and `sleep` and the mock's clock are one simulated clock that moves
// only from one timer to the next, once every request in flight has been answered. Limits are
// measured where they matter, at the mock (the simulated time each request arrived).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startMock } from "../../tools/mock-cloudauth/server.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { createClient } = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

const T0 = Date.UTC(2026, 5, 1, 4, 0, 0); // 2026-06-01T04:00:00Z
const PERSON = { idNumber: "110105199003070316", name: "张三" };

/** A simulated clock: timers run in time order, each once nothing is in flight any more. */
class Clock {
  t = T0;
  inFlight = 0;
  sent = []; // { at, date }: the simulated time of each send and its signed x-acs-date
  #timers = new Map();
  #id = 0;
  now = () => this.t;
  sleep = (ms) => new Promise((resolve) => {
    const id = ++this.#id;
    this.#timers.set(id, { at: this.t + Math.max(0, ms), fn: resolve, id });
  });
  /** Lets promise callbacks and real HTTP exchanges with the mock finish. */
  async settle() {
    for (;;) {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      if (this.inFlight === 0) return;
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  /** Runs timers in order until none is left, settling between them. */
  async run() {
    await this.settle();
    for (;;) {
      let next = null;
      for (const timer of this.#timers.values()) if (!next || timer.at < next.at || (timer.at === next.at && timer.id < next.id)) next = timer;
      if (!next) return;
      this.#timers.delete(next.id);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await this.settle();
    }
  }
  /** A fetch to the mock counted as in flight until its whole body is read. */
  fetch = async (url, init) => {
    this.inFlight++;
    this.sent.push({ at: this.t, date: init.headers["x-acs-date"] });
    try {
      const res = await fetch(url, init);
      const body = await res.arrayBuffer();
      return new Response(body, { status: res.status, headers: res.headers });
    } finally {
      this.inFlight--;
    }
  };
}

/** The largest number of times in any window [s, s + 1000). */
function maxPerSecond(times) {
  const s = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[j] <= s[i] - 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

let mock;
let clock;
const arrivals = []; // { at: simulated ms since T0, action }
before(async () => {
  mock = await startMock({
    now: () => new Date(clock.t),
    onRequest: (entry) => arrivals.push(Date.parse(entry.time) - T0),
  });
});
after(() => mock.close());
beforeEach(() => {
  clock = new Clock();
  mock.reset();
  mock.setMode({});
  arrivals.length = 0;
});

const client = (extra) =>
  createClient({ endpoint: mock.url, now: clock.now, sleep: clock.sleep, fetch: clock.fetch, ...extra });

test("limits inside the client: 100 calls at qps 10 never reach the mock more than 10 in any second", async () => {
  const c = client({ credentials: { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" }, limits: { qps: 10 } });
  const calls = Array.from({ length: 100 }, () => c.id2MetaVerifyIntl(PERSON));
  await clock.run();
  const results = await Promise.all(calls);
  assert.deepEqual(new Set(results.map((r) => r.verdict)), new Set(["match"]));
  assert.equal(mock.stats.total, 100);
  assert.equal(arrivals.length, 100);
  assert.equal(maxPerSecond(arrivals), 10);
  assert.equal(Math.max(...arrivals), 9000, "ten windows of ten, each second used to the full");
  assert.equal(mock.stats.billed, 100);
  // Every request was signed when it got its slot: its timestamp is the second it was sent in.
  assert.equal(clock.sent.length, 100);
  for (const { at, date } of clock.sent) assert.equal(date, new Date(Math.floor(at / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"));
});

test("a Throttling answer slows that action down: paused for x-acs-retry-after, then at half its rate", async () => {
  const retries = [];
  const c = client({
    credentials: { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" },
    limits: { actions: { Id2MetaVerifyIntl: { qps: 10 } } },
    hooks: { onRetry: (e) => retries.push(e) },
  });
  mock.setMode({ throttle: 1, retryAfterMs: 2000 });
  const calls = Array.from({ length: 20 }, () => c.id2MetaVerifyIntl(PERSON));
  await clock.run();
  const results = await Promise.all(calls);
  assert.deepEqual(new Set(results.map((r) => r.verdict)), new Set(["match"]));
  assert.equal(mock.stats.billed, 20);
  assert.equal(arrivals.length, 21, "20 calls, one of them retried once");
  assert.equal(arrivals.filter((t) => t === 0).length, 10, "the first ten went at once");
  assert.equal(arrivals.filter((t) => t > 0 && t < 2000).length, 0, "nothing while the action is paused (without the throttle: ten at 1 s)");
  const later = arrivals.filter((t) => t >= 2000);
  assert.equal(later.length, 11);
  assert.equal(maxPerSecond(later), 5, "then half the rate");
  assert.equal(retries.length, 1);
  assert.equal(retries[0].delayMs, 2000);
  assert.equal(retries[0].code, "Throttling.Api");
  assert.equal(retries[0].resend, false);
});

test("credentials from a provider: refreshed once for 100 concurrent calls, and again only near expiration", async () => {
  let asked = 0;
  const provider = async () => {
    asked++;
    await clock.sleep(50); // the provider takes its time: every call is waiting for it at once
    return { accessKeyId: "STS.mock-ak-id", accessKeySecret: "mock-sts-secret", securityToken: "mock-security-token", expiration: new Date(clock.t + 3600_000).toISOString() };
  };
  const c = client({ credentials: provider });
  let calls = Array.from({ length: 100 }, () => c.id2MetaVerifyIntl(PERSON));
  await clock.run();
  let results = await Promise.all(calls);
  assert.deepEqual(new Set(results.map((r) => r.verdict)), new Set(["match"]));
  assert.equal(asked, 1, "one provider call for 100 concurrent client calls");
  assert.equal(mock.stats.billed, 100);

  clock.t += 30 * 60_000; // half an hour later: still fresh
  calls = Array.from({ length: 100 }, () => c.id2MetaVerifyIntl(PERSON));
  await clock.run();
  await Promise.all(calls);
  assert.equal(asked, 1);

  clock.t += 26 * 60_000; // within 5 minutes of expiration: refreshed, once
  calls = Array.from({ length: 100 }, () => c.id2MetaVerifyIntl(PERSON));
  await clock.run();
  results = await Promise.all(calls);
  assert.deepEqual(new Set(results.map((r) => r.verdict)), new Set(["match"]));
  assert.equal(asked, 2);
  assert.equal(mock.stats.billed, 300);
});

test("a failing provider rejects every call with CREDENTIALS_ERROR, sends nothing and never shows what it read", async () => {
  const errors = [];
  const c = client({
    credentials: async () => {
      throw new Error("vault said: secret=hunter2");
    },
    hooks: { onError: (e) => errors.push(e) },
  });
  const calls = Array.from({ length: 5 }, () => c.id2MetaVerifyIntl(PERSON).then(() => assert.fail("resolved"), (e) => e));
  await clock.run();
  for (const e of await Promise.all(calls)) {
    assert.equal(e.code, "CREDENTIALS_ERROR");
    assert.equal(e.billed, false);
    assert.ok(!e.message.includes("hunter2"), e.message);
  }
  assert.equal(mock.stats.total, 0);
  assert.equal(errors.length, 5);
  assert.ok(errors.every((e) => e.code === "CREDENTIALS_ERROR" && !JSON.stringify(e).includes("hunter2")));
});

test("an identical resend does not ask for credentials; InvalidSecurityToken makes the next call ask again", async () => {
  let asked = 0;
  let token = "mock-expired-security-token";
  // Credentials valid for 1 ms: every FRESH signing after the clock moved must ask the provider.
  const c = client({
    credentials: () => {
      asked++;
      return { accessKeyId: "STS.mock-ak-id", accessKeySecret: "mock-sts-secret", securityToken: token, expiration: clock.t + 1 };
    },
    random: () => 0.999,
    backoffBaseMs: 200,
  });
  const refused = c.id2MetaVerifyIntl(PERSON);
  await clock.run();
  const r1 = await refused;
  assert.equal(r1.code, "InvalidSecurityToken.Expired");
  assert.equal(asked, 1);
  token = "mock-security-token";
  // The connection of the next request is dropped (ambiguous): resent byte-identically 199 ms
  // later, with no fresh signing, so the provider is not asked again (a fresh signing would have).
  mock.setMode({ drop: 1 });
  const second = c.id2MetaVerifyIntl(PERSON);
  await clock.run();
  const r2 = await second;
  assert.equal(asked, 2, "asked once for the next call (after the refusal), not again for its resend");
  assert.equal(r2.verdict, "match");
  assert.equal(r2.attempts, 2);
  assert.equal(clock.t - T0, 199, "the resend went after the backoff, when the credentials were stale");
  assert.equal(mock.stats.billed, 1);
});

test("a byte-identical resend takes its own slot: at qps 1 it goes a second later, same nonce and timestamp", async () => {
  const requests = [];
  const c = client({
    credentials: { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" },
    limits: { qps: 1 },
    hooks: { onRequest: (e) => requests.push(e) },
    random: () => 0,
  });
  mock.setMode({ drop: 1 }); // the first connection is dropped: ambiguous, so only ever resent identically
  const call = c.id2MetaVerifyIntl(PERSON);
  await clock.run();
  const r = await call;
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 2);
  assert.deepEqual(arrivals, [0, 1000], "the resend waited for the next one-second window");
  assert.deepEqual(clock.sent.map((s) => s.date), [clock.sent[0].date, clock.sent[0].date], "same signed timestamp");
  assert.deepEqual(requests.map((e) => [e.attempt, e.resend, e.nonce, e.queuedMs]), [
    [1, false, r.nonce, 0],
    [2, true, r.nonce, 1000],
  ]);
  assert.deepEqual(requests[0].input, { idNumber: "110105********0316", name: "张*" }, "masked input only");
  assert.equal(mock.stats.billed, 1);
});

test("aborted while queued for a slot: ABORTED, not billed, never sent; the others go on", async () => {
  const c = client({ credentials: { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" }, limits: { qps: 1 } });
  const controller = new AbortController();
  const first = c.id2MetaVerifyIntl(PERSON);
  const queued = c.id2MetaVerifyIntl(PERSON, { signal: controller.signal }).then(() => assert.fail("resolved"), (e) => e);
  const third = c.id2MetaVerifyIntl(PERSON);
  await clock.settle();
  controller.abort();
  await clock.run();
  const e = await queued;
  assert.equal(e.code, "ABORTED");
  assert.equal(e.billed, false);
  assert.equal(e.attempts, 0);
  assert.equal((await first).verdict, "match");
  assert.equal((await third).verdict, "match");
  assert.deepEqual(arrivals, [0, 1000]);
});

test("options.today reaches the checks: a card valid on the clock's date is expired on a later `today`", async () => {
  const period = { ...PERSON, validityStart: "20210301", validityEnd: "20410301", merchantBizId: "b1" };
  const credentials = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
  const r = await client({ credentials }).id2MetaPeriodVerifyIntl(period);
  assert.notEqual(r.verdict, "error", "sent and answered (the mock's verdict for these dates)");
  await assert.rejects(client({ credentials, today: "20420101" }).id2MetaPeriodVerifyIntl(period), (e) => e.code === "PERIOD_EXPIRED" && e.field === "validityEnd");
  assert.equal(mock.stats.total, 1, "the expired card was never sent");
});
