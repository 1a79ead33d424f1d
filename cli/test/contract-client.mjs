// A minimal implementation of the client contract `verify` is written against (issues 11 and 14),
// on the library's own builders and parseResponse: used by the tests while the library's
// createClient does not have it yet, and by the end-to-end test as a second client beside the
// library's. Not shipped (cli/test is not in the package's files).
//
//   createClient({ accessKeyId?, accessKeySecret?, endpoint?, signatureVersion?, beforeSend, limits: { qps, maxConcurrency },
//                  fetch?, now?, nonce?, windowMs? })
//   client.<method>(input, { signal })             -> VerifyResult (errorKind "answer_lost": may have been billed)
//   client.resend(action, request, { signal, timestamp })
//
// Rules: beforeSend(info) is awaited before every send (a throw: nothing is sent, the call rejects
// BEFORE_SEND_FAILED); an answer that was not billed and is retryable is retried signed afresh; a
// failed fetch (the request may have been processed) is only ever resent byte-identical while its
// timestamp is inside the window, and SignatureNonceUsed on a resend means answer_lost.
import { randomUUID } from "node:crypto";
import {
  AliyunIdvError,
  buildId2MetaPeriodVerifyIntl,
  buildId2MetaVerify,
  buildId2MetaVerifyIntl,
  buildMobile3MetaVerifyIntl,
  parseResponse,
} from "aliyun-idv";

const ACTIONS = {
  id2MetaVerifyIntl: ["Id2MetaVerifyIntl", buildId2MetaVerifyIntl],
  mobile3MetaVerifyIntl: ["Mobile3MetaVerifyIntl", buildMobile3MetaVerifyIntl],
  id2MetaPeriodVerifyIntl: ["Id2MetaPeriodVerifyIntl", buildId2MetaPeriodVerifyIntl],
  id2MetaVerify: ["Id2MetaVerify", buildId2MetaVerify],
};
/** The service accepts a timestamp 15 minutes either way; resend only with a minute to spare. */
const WINDOW_MS = 15 * 60 * 1000;
const MARGIN_MS = 60 * 1000;

const aborted = () => new AliyunIdvError("ABORTED", "The call was aborted.");

function answerLost(attempts, nonce, requestId = null) {
  return {
    verdict: "error", billed: null, retryable: false, errorKind: "answer_lost", code: "AnswerLost", requestId, attempts, nonce,
    message: "The request may have been processed (and billed); its answer is lost.",
    description: "The request may have been processed (and billed); its answer is lost.",
    descriptionZh: "请求可能已被处理（并计费），但其响应已丢失。",
  };
}

function nonceOf(request) {
  const h = request.headers ?? {};
  if (h["x-acs-signature-nonce"]) return h["x-acs-signature-nonce"];
  const m = /[?&]SignatureNonce=([^&]+)/.exec(`${request.url}&${request.body ?? ""}`);
  return m ? decodeURIComponent(m[1]) : null;
}

export function createClient(options = {}) {
  const env = process.env;
  const accessKeyId = options.accessKeyId ?? env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = options.accessKeySecret ?? env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (!accessKeyId || !accessKeySecret) throw new AliyunIdvError("CREDENTIALS_MISSING", "No credentials.");
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? (() => randomUUID());
  const beforeSend = options.beforeSend ?? (async () => {});
  const windowMs = options.windowMs ?? WINDOW_MS;
  const maxConcurrency = options.limits?.maxConcurrency ?? 8;
  const minGapMs = options.limits?.qps ? 1000 / options.limits.qps : 0;

  // The limits: at most maxConcurrency sends at once, at least 1/qps seconds apart.
  let active = 0;
  let nextAt = 0;
  const waiters = [];
  async function slot(signal) {
    while (active >= maxConcurrency) {
      await new Promise((resolve) => waiters.push(resolve));
      if (signal?.aborted) throw aborted();
    }
    active++;
    const wait = nextAt - Date.now();
    nextAt = Math.max(nextAt, Date.now()) + minGapMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (signal?.aborted) {
      release();
      throw aborted();
    }
  }
  function release() {
    active--;
    const w = waiters.shift();
    if (w) w();
  }

  /** One send: beforeSend, then fetch. Throws ABORTED / BEFORE_SEND_FAILED, or { lost: error } when the fetch failed. */
  async function send(action, request, info, signal) {
    await slot(signal);
    try {
      try {
        await beforeSend({ ...info, action, request });
      } catch (e) {
        throw new AliyunIdvError("BEFORE_SEND_FAILED", `beforeSend failed: ${e && e.message}`);
      }
      const headers = { ...request.headers };
      delete headers.host;
      let res;
      let body;
      try {
        res = await doFetch(request.url, { method: request.method, headers, body: request.body ?? undefined, signal });
        body = await res.text();
      } catch (e) {
        throw { lost: e };
      }
      return parseResponse(action, res.status, body, res.headers);
    } finally {
      release();
    }
  }

  async function resendLoop(action, request, timestamp, attempts, signal) {
    const n = nonceOf(request);
    for (let i = 0; i < 3; i++) {
      if (now().getTime() - new Date(timestamp).getTime() > windowMs - MARGIN_MS) return answerLost(attempts, n);
      if (signal?.aborted) throw aborted();
      attempts++;
      let r;
      try {
        r = await send(action, request, { attempt: attempts, nonce: n, timestamp, resend: true }, signal);
      } catch (e) {
        if (e && e.lost) continue;
        throw e;
      }
      if (r.code === "SignatureNonceUsed") return answerLost(attempts, n, r.requestId);
      return Object.assign(r, { attempts });
    }
    return answerLost(attempts, n);
  }

  async function call(action, build, input, signal) {
    let attempts = 0;
    for (;;) {
      if (signal?.aborted) throw aborted();
      const timestamp = now();
      const n = nonce();
      const request = build(input, {
        accessKeyId, accessKeySecret, timestamp, nonce: n,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.signatureVersion ? { signatureVersion: options.signatureVersion } : {}),
      });
      attempts++;
      let r;
      try {
        r = await send(action, request, { attempt: attempts, nonce: n, timestamp, resend: false }, signal);
      } catch (e) {
        if (e && e.lost) return resendLoop(action, request, timestamp, attempts, signal);
        throw e;
      }
      if (r.code === "SignatureNonceUsed") return answerLost(attempts, n, r.requestId);
      if (r.retryable && r.billed === false && attempts < 3) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(r.retryAfterMs ?? 50, 1000)));
        continue;
      }
      return Object.assign(r, { attempts });
    }
  }

  const client = {};
  for (const [method, [action, build]] of Object.entries(ACTIONS)) {
    client[method] = (input, opts = {}) => call(action, build, input, opts.signal);
  }
  client.resend = (action, request, opts = {}) => resendLoop(action, request, opts.timestamp, 0, opts.signal);
  return Object.freeze(client);
}
