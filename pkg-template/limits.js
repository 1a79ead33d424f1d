// Rate limits for createClient: at most `qps` requests started in any one-second window and at most
// `maxConcurrency` in flight, globally and per action. A call over a limit waits in a FIFO queue
// (it never fails for being over); the wait honours the call's AbortSignal (ABORTED) and deadline
// (QUEUE_TIMEOUT); nothing waiting has been sent. A throttled answer (`Throttling.*`) pauses that
// action for its `x-acs-retry-after` and halves its rate for a while.
//
// The clock and timers are injectable: tests run thousands of calls in simulated time.
import { AliyunIdvError } from "./api.js";

const WINDOW_MS = 1000;
/** Pause of a throttled action when the answer named no retry-after. */
const DEFAULT_THROTTLE_PAUSE_MS = 1000;
/** After a throttled answer the action's rate is halved (at most 6 times: 1/64), and doubles back every 10 s without one. */
const THROTTLE_RECOVERY_MS = 10000;
const MAX_THROTTLE_LEVEL = 6;
/** The longest pause a retry-after can impose. */
const MAX_THROTTLE_PAUSE_MS = 30000;

function aborted() {
  return new AliyunIdvError("ABORTED", "The call was aborted while waiting for its turn under the rate limits; nothing was sent.", {
    messageZh: "调用在等待限流队列时被取消，请求未发送。",
  });
}

function queueTimeout(waitedMs) {
  const e = new AliyunIdvError(
    "QUEUE_TIMEOUT",
    `The call waited ${Math.round(waitedMs)} ms under the rate limits and reached its deadline; nothing was sent.`,
    { messageZh: "调用在限流队列中等待超时，请求未发送。" },
  );
  e.billed = false;
  return e;
}

class Bucket {
  constructor(spec) {
    this.qps = spec && typeof spec.qps === "number" ? spec.qps : undefined;
    this.maxConcurrency = spec && typeof spec.maxConcurrency === "number" ? spec.maxConcurrency : undefined;
    this.starts = []; // start times within the last window, oldest first
    this.inFlight = 0;
    this.pausedUntil = -Infinity;
    this.throttleLevel = 0;
    this.throttledAt = -Infinity;
  }

  level(t) {
    if (this.throttleLevel === 0) return 0;
    return Math.max(0, this.throttleLevel - Math.floor((t - this.throttledAt) / THROTTLE_RECOVERY_MS));
  }

  /** Requests allowed per window now (Infinity when there is no qps). */
  rate(t) {
    if (this.qps === undefined) return Infinity;
    const level = this.level(t);
    return Math.max(1, Math.floor(this.qps / 2 ** level));
  }

  /** 0: may start now; n > 0: not before t + n; Infinity: not until a call ends. */
  waitFor(t) {
    if (this.maxConcurrency !== undefined && this.inFlight >= this.maxConcurrency) return Infinity;
    let wait = this.pausedUntil > t ? this.pausedUntil - t : 0;
    const rate = this.rate(t);
    if (rate !== Infinity) {
      while (this.starts.length > 0 && this.starts[0] <= t - WINDOW_MS) this.starts.shift();
      if (this.starts.length >= rate) wait = Math.max(wait, this.starts[this.starts.length - rate] + WINDOW_MS - t);
    }
    return wait;
  }

  start(t) {
    this.inFlight++;
    if (this.qps !== undefined) {
      this.starts.push(t);
      if (this.starts.length > this.qps) this.starts.shift();
    }
  }
}

/**
 * A limiter over `limits = { qps?, maxConcurrency?, actions?: { [ActionName]: { qps?, maxConcurrency? } } }`
 * (validated by options.js; ActionName as the API spells it, e.g. "Id2MetaVerifyIntl").
 *
 *   const slot = await limiter.acquire("Id2MetaVerifyIntl", { signal, deadline });
 *   try { ...send one request... } finally { slot.release(); }
 *
 * Every request (first attempts, retries, resends) takes its own slot. `deadline` is a time on the
 * limiter's clock (ms); reaching it while queued rejects with QUEUE_TIMEOUT, an abort with ABORTED.
 * `throttled(action, retryAfterMs)` after a Throttling answer.
 *
 * @param {object} [limits]
 * @param {{ now?: () => number, setTimeout?: Function, clearTimeout?: Function }} [clock]
 */
export function createLimiter(limits = {}, clock = {}) {
  const now = clock.now ?? Date.now;
  const setTimer = clock.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer = clock.clearTimeout ?? ((id) => globalThis.clearTimeout(id));
  const global = new Bucket(limits);
  const specs = limits.actions ?? {};
  const buckets = new Map();
  const queue = [];
  let timer = null;
  let timerAt = Infinity;

  function bucket(action) {
    let b = buckets.get(action);
    if (!b) {
      b = new Bucket(Object.prototype.hasOwnProperty.call(specs, action) ? specs[action] : undefined);
      buckets.set(action, b);
    }
    return b;
  }

  function schedule(at) {
    if (at === timerAt) return;
    if (timer !== null) clearTimer(timer);
    timer = null;
    timerAt = at;
    if (at === Infinity) return;
    timer = setTimer(() => {
      timer = null;
      timerAt = Infinity;
      pump();
    }, Math.max(0, at - now()));
  }

  function pump() {
    const t = now();
    const blocked = new Set();
    let wake = Infinity;
    for (let i = 0; i < queue.length; ) {
      const w = queue[i];
      if (blocked.has(w.action)) {
        i++;
        continue;
      }
      const b = bucket(w.action);
      const own = b.waitFor(t);
      if (own > 0) {
        blocked.add(w.action); // FIFO within an action; other actions may pass
        wake = Math.min(wake, t + own);
        i++;
        continue;
      }
      const shared = global.waitFor(t);
      if (shared > 0) {
        wake = Math.min(wake, t + shared);
        break; // nobody can start before the global limit allows
      }
      queue.splice(i, 1);
      b.start(t);
      global.start(t);
      w.grant(t, b);
    }
    schedule(queue.length > 0 ? wake : Infinity);
  }

  function acquire(action, options = {}) {
    const name = typeof action === "string" ? action : "";
    const signal = options.signal && typeof options.signal.addEventListener === "function" ? options.signal : undefined;
    const deadline = typeof options.deadline === "number" ? options.deadline : Infinity;
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) {
        reject(aborted());
        return;
      }
      const queuedAt = now();
      let deadlineTimer = null;
      const w = { action: name };
      const leave = () => {
        const i = queue.indexOf(w);
        if (i >= 0) queue.splice(i, 1);
        if (signal) signal.removeEventListener("abort", onAbort);
        if (deadlineTimer !== null) clearTimer(deadlineTimer);
        deadlineTimer = null;
      };
      const onAbort = () => {
        leave();
        reject(aborted());
        pump(); // the next one of this action may now be first
      };
      w.grant = (t, b) => {
        leave();
        let released = false;
        resolve(
          Object.freeze({
            waitedMs: t - queuedAt,
            release() {
              if (released) return;
              released = true;
              b.inFlight--;
              global.inFlight--;
              pump();
            },
          }),
        );
      };
      queue.push(w);
      if (signal) signal.addEventListener("abort", onAbort, { once: true });
      pump();
      if (queue.includes(w) && deadline !== Infinity) {
        deadlineTimer = setTimer(() => {
          deadlineTimer = null;
          if (!queue.includes(w)) return;
          leave();
          reject(queueTimeout(now() - queuedAt));
          pump();
        }, Math.max(0, deadline - now()));
      }
    });
  }

  /** A `Throttling.*` answer for `action`: pause it for `retryAfterMs` (default 1 s, at most 30 s) and halve its rate. */
  function throttled(action, retryAfterMs) {
    const t = now();
    const b = bucket(typeof action === "string" ? action : "");
    const pause = typeof retryAfterMs === "number" && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_THROTTLE_PAUSE_MS) : DEFAULT_THROTTLE_PAUSE_MS;
    b.pausedUntil = Math.max(b.pausedUntil, t + pause);
    b.throttleLevel = Math.min(MAX_THROTTLE_LEVEL, b.level(t) + 1);
    b.throttledAt = t;
    pump();
  }

  /** Calls waiting and in flight, globally and for `action` when given. */
  function stats(action) {
    const out = { queued: queue.length, inFlight: global.inFlight };
    if (typeof action === "string") {
      const b = bucket(action);
      out.action = { queued: queue.filter((w) => w.action === action).length, inFlight: b.inFlight, qps: b.rate(now()) };
    }
    return out;
  }

  return Object.freeze({ acquire, throttled, stats });
}
