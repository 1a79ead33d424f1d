// A Worker that verifies people through createClient against the endpoint in env.MOCK_URL (the
// local mock, on loopback) or the request's `endpoint` (the fault proxy): the same client code as
// in Node, inside workerd. The clock is the request's fixed `now` (ms): nothing depends on the date.
import { createClient } from "aliyun-idv";

const METHOD = { Id2MetaVerifyIntl: "id2MetaVerifyIntl", Mobile3MetaVerifyIntl: "mobile3MetaVerifyIntl", Id2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl", Id2MetaVerify: "id2MetaVerify" };

export default {
  async fetch(request, env) {
    const { scenarios, signatureVersion, mode, now, endpoint, timeoutMs, retries } = await request.json();
    const client = createClient({
      accessKeyId: env.ACCESS_KEY_ID,
      accessKeySecret: env.ACCESS_KEY_SECRET,
      endpoint: endpoint ?? env.MOCK_URL,
      signatureVersion,
      backoffBaseMs: 1,
      backoffCapMs: 5,
      timeoutMs: timeoutMs ?? 2000,
      ...(retries === undefined ? {} : { retries }),
      now: () => now,
    });
    const out = [];
    for (const s of scenarios) {
      try {
        const r = await client[METHOD[s.action]](s.input);
        out.push({
          label: s.label, verdict: r.verdict, subCode: r.subCode ?? null, attempts: r.attempts, errorKind: r.errorKind ?? null,
          lostReason: r.lostReason ?? null, billed: r.billed, nonce: r.nonce ?? null,
        });
      } catch (e) {
        out.push({ label: s.label, error: e.code ?? String(e), attempts: e.attempts ?? null });
      }
    }
    return Response.json({ mode, out });
  },
};
