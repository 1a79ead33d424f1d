// Production in Cloudflare Workers: no files and no metadata service, so credentials come from the
// Worker's bindings (`wrangler secret put ALIBABA_CLOUD_ACCESS_KEY_ID`, ..._SECRET, and
// ALIBABA_CLOUD_SECURITY_TOKEN for STS). Limits hold per isolate.
import { createClient, environmentCredentials } from "aliyun-idv";

let client; // one per isolate: its credential cache and limits serve every request

export default {
  async fetch(request, env) {
    client ??= createClient({
      credentials: environmentCredentials({ env }),
      endpoint: env.ALIYUN_IDV_ENDPOINT, // unset: the official endpoint
      limits: { qps: 20, maxConcurrency: 8 },
      hooks: {
        onResponse: (e) => console.log(JSON.stringify(e)),
        onError: (e) => console.error(JSON.stringify(e)),
      },
    });
    const { idNumber, name } = await request.json();
    const r = await client.id2MetaVerifyIntl({ idNumber, name });
    return Response.json({ verdict: r.verdict, billed: r.billed, description: r.description });
  },
};
