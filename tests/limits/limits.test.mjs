// Rate limits (pkg limits.js) from the installed package, on a clock the test controls: simulated
// time advances only from one timer to the next, so thousands of calls take milliseconds.
import { internals } from "../support/internals.mjs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const pkg = (f) => pathToFileURL(join(project, "node_modules", "aliyun-idv", f)).href;
const { AliyunIdvError } = await internals(join(project, "node_modules", "aliyun-idv"));
const { createLimiter } = await import(pkg("limits.js"));

/** A virtual clock: timers run in time order when `run()` advances to them. */
class Clock {
  t = 0;
  #timers = new Map();
  #id = 0;
  now = () => this.t;
  setTimeout = (fn, ms) => {
    const id = ++this.#id;
    this.#timers.set(id, { at: this.t + Math.max(0, ms), fn, id });
    return id;
  };
  clearTimeout = (id) => {
    this.#timers.delete(id);
  };
  /** Lets promise callbacks run (the limiter resolves slots through promises). */
  async settle() {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
  /** Runs timers in order until none is left (or `until`), settling promises between them. */
  async run(until = Infinity) {
    await this.settle();
    for (;;) {
      let next = null;
      for (const timer of this.#timers.values()) if (!next || timer.at < next.at || (timer.at === next.at && timer.id < next.id)) next = timer;
      if (!next || next.at > until) break;
      this.#timers.delete(next.id);
      this.t = next.at;
      next.fn();
      await this.settle();
    }
    if (until !== Infinity) this.t = Math.max(this.t, until);
  }
  sleep(ms) {
    return new Promise((r) => this.setTimeout(r, ms));
  }
}

/** The largest number of starts in any window [s, s + 1000). */
function maxPerSecond(starts) {
  const s = [...starts].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[j] <= s[i] - 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/** One simulated request: take a slot, hold it `holdMs`, record its start. */
async function call(limiter, clock, action, holdMs, starts, options) {
  const slot = await limiter.acquire(action, options);
  starts.push(clock.t);
  await clock.sleep(holdMs);
  slot.release();
  return clock.t;
}

test("1,000 calls at qps 20: never more than 20 in any one-second window, done in about 50 s of simulated time", async (t) => {
  const clock = new Clock();
  const limiter = createLimiter({ qps: 20 }, clock);
  const starts = [];
  const done = Array.from({ length: 1000 }, () => call(limiter, clock, "Id2MetaVerifyIntl", 120, starts));
  await clock.run();
  const ends = await Promise.all(done);
  assert.equal(starts.length, 1000);
  assert.equal(maxPerSecond(starts), 20);
  const last = Math.max(...ends);
  assert.ok(last >= 49_000 && last <= 50_500, `finished at ${last} ms`);
  assert.equal(Math.max(...starts), 49_000, "every second is used to the full: 50 windows of 20");
  t.diagnostic(`1000 calls at qps 20 (each holding 120 ms): at most ${maxPerSecond(starts)} per one-second window, last start ${Math.max(...starts)} ms, all done at ${last} ms of simulated time`);
});

test("maxConcurrency: never more in flight than allowed, and the queue drains as calls end", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ maxConcurrency: 3 }, clock);
  let inFlight = 0;
  let peak = 0;
  const one = async (hold) => {
    const slot = await limiter.acquire("Mobile3MetaVerifyIntl");
    inFlight++;
    peak = Math.max(peak, inFlight);
    await clock.sleep(hold);
    inFlight--;
    slot.release();
    slot.release(); // idempotent: a second release frees nothing more
  };
  const all = Array.from({ length: 30 }, (_, i) => one(100 + (i % 4) * 50));
  await clock.run();
  await Promise.all(all);
  assert.equal(peak, 3);
  assert.deepEqual(limiter.stats(), { queued: 0, inFlight: 0 });
  assert.ok(clock.t >= 1000, `30 calls of 100-250 ms, 3 at a time: ${clock.t} ms`);
});

test("abort while queued: rejects at once with ABORTED, never gets a slot, and the others go on", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ maxConcurrency: 1 }, clock);
  const first = await limiter.acquire("Id2MetaVerifyIntl");
  const controller = new AbortController();
  const waiting = limiter.acquire("Id2MetaVerifyIntl", { signal: controller.signal });
  const behind = limiter.acquire("Id2MetaVerifyIntl");
  await clock.settle();
  assert.equal(limiter.stats().queued, 2);
  controller.abort();
  await assert.rejects(waiting, (e) => e instanceof AliyunIdvError && e.code === "ABORTED" && /nothing was sent/.test(e.message));
  assert.equal(limiter.stats().queued, 1);
  first.release();
  const slot = await behind;
  assert.equal(limiter.stats().inFlight, 1);
  slot.release();
  // Already aborted: refused before queueing.
  await assert.rejects(limiter.acquire("Id2MetaVerifyIntl", { signal: AbortSignal.abort() }), { code: "ABORTED" });
  assert.deepEqual(limiter.stats(), { queued: 0, inFlight: 0 });
});

test("a deadline reached while queued rejects with QUEUE_TIMEOUT (not billed); one that can start in time starts", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ qps: 1 }, clock);
  (await limiter.acquire("Id2MetaVerifyIntl")).release(); // t = 0
  const late = limiter.acquire("Id2MetaVerifyIntl", { deadline: 500 });
  const inTime = limiter.acquire("Id2MetaVerifyIntl", { deadline: 1500 });
  let lateError;
  late.catch((e) => (lateError = e));
  await clock.run(600);
  assert.equal(lateError?.code, "QUEUE_TIMEOUT");
  assert.equal(lateError.billed, false);
  assert.equal(clock.t, 600);
  await clock.run();
  const slot = await inTime;
  assert.equal(slot.waitedMs, 1000);
});

test("per-action limits queue only that action; the global limit caps them all", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ qps: 10, actions: { Id2MetaVerifyIntl: { qps: 2 } } }, clock);
  const starts = { Id2MetaVerifyIntl: [], Mobile3MetaVerifyIntl: [] };
  const all = [];
  for (let i = 0; i < 10; i++) all.push(call(limiter, clock, "Id2MetaVerifyIntl", 10, starts.Id2MetaVerifyIntl));
  for (let i = 0; i < 30; i++) all.push(call(limiter, clock, "Mobile3MetaVerifyIntl", 10, starts.Mobile3MetaVerifyIntl));
  await clock.run();
  await Promise.all(all);
  assert.equal(maxPerSecond(starts.Id2MetaVerifyIntl), 2);
  assert.equal(maxPerSecond([...starts.Id2MetaVerifyIntl, ...starts.Mobile3MetaVerifyIntl]), 10);
  // The slow action does not hold the other back: at t = 0 the global 10 are taken by 2 + 8.
  assert.equal(starts.Id2MetaVerifyIntl.filter((t) => t === 0).length, 2);
  assert.equal(starts.Mobile3MetaVerifyIntl.filter((t) => t === 0).length, 8);
  assert.equal(Math.max(...starts.Id2MetaVerifyIntl), 4000);
});

test("per-action maxConcurrency and FIFO order within an action", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ actions: { Id2MetaVerify: { maxConcurrency: 1 } } }, clock);
  const order = [];
  const all = Array.from({ length: 5 }, (_, i) =>
    limiter.acquire("Id2MetaVerify").then(async (slot) => {
      order.push(i);
      await clock.sleep(10);
      slot.release();
    }),
  );
  const other = limiter.acquire("Id2MetaVerifyIntl"); // another action: not held back
  await clock.settle();
  assert.equal(limiter.stats().inFlight, 2);
  (await other).release();
  await clock.run();
  await Promise.all(all);
  assert.deepEqual(order, [0, 1, 2, 3, 4]);
  assert.equal(clock.t, 50);
});

test("throttled(action, retryAfterMs) pauses that action and halves its rate; other actions go on", async () => {
  const clock = new Clock();
  const limiter = createLimiter({ actions: { Id2MetaVerifyIntl: { qps: 8 } } }, clock);
  limiter.throttled("Id2MetaVerifyIntl", 2000);
  const starts = [];
  const other = [];
  const all = [];
  for (let i = 0; i < 8; i++) all.push(call(limiter, clock, "Id2MetaVerifyIntl", 1, starts));
  all.push(call(limiter, clock, "Mobile3MetaVerifyIntl", 1, other));
  await clock.run();
  await Promise.all(all);
  assert.deepEqual(other, [0]);
  assert.equal(Math.min(...starts), 2000, "nothing before the retry-after");
  assert.equal(starts.filter((t) => t < 3000).length, 4, "half the rate after a throttled answer");
  assert.equal(limiter.stats("Id2MetaVerifyIntl").action.qps, 4);
  // The rate recovers: doubled back after 10 s without another throttled answer.
  clock.t = 12_500;
  assert.equal(limiter.stats("Id2MetaVerifyIntl").action.qps, 8);
  // An action without limits is still paused by a throttled answer (default 1 s without retry-after).
  limiter.throttled("Id2MetaVerify");
  const t0 = clock.t;
  const slotPromise = limiter.acquire("Id2MetaVerify");
  await clock.run();
  const slot = await slotPromise;
  assert.equal(slot.waitedMs, 1000);
  assert.equal(clock.t, t0 + 1000);
});
