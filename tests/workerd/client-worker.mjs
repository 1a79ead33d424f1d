// A Worker that verifies people through createClient against the endpoint in env.MOCK_URL (the
// local mock, on loopback): the same client code as in Node, inside workerd.
import { createClient } from "aliyun-idv";

const METHOD = { Id2MetaVerifyIntl: "id2MetaVerifyIntl", Mobile3MetaVerifyIntl: "mobile3MetaVerifyIntl", Id2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl", Id2MetaVerify: "id2MetaVerify" };

export default {
  async fetch(request, env) {
    const { scenarios, signatureVersion, mode } = await request.json();
    const client = createClient({
      accessKeyId: env.ACCESS_KEY_ID,
      accessKeySecret: env.ACCESS_KEY_SECRET,
      endpoint: env.MOCK_URL,
      signatureVersion,
      backoffBaseMs: 1,
      backoffCapMs: 5,
      timeoutMs: 2000,
    });
    const out = [];
    for (const s of scenarios) {
      try {
        const r = await client[METHOD[s.action]](s.input);
        out.push({ label: s.label, verdict: r.verdict, subCode: r.subCode ?? null, attempts: r.attempts, errorKind: r.errorKind ?? null });
      } catch (e) {
        out.push({ label: s.label, error: e.code ?? String(e) });
      }
    }
    return Response.json({ mode, out });
  },
};
