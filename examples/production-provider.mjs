// Credentials from your own source (a secrets manager, an STS broker): a function the client calls
// again shortly before `expiration`, once for all concurrent calls.
// Against the bundled mock: IDV_STS_JSON='{"AccessKeyId":"STS.mock-ak-id","AccessKeySecret":"mock-sts-secret",
//   "SecurityToken":"mock-security-token","Expiration":"<an hour from now, ISO 8601>"}' \
//   ALIYUN_IDV_ENDPOINT=http://127.0.0.1:8910 node production-provider.mjs
import { createClient } from "aliyun-idv";

async function fromVault() {
  const sts = JSON.parse(process.env.IDV_STS_JSON); // e.g. await vault.read("secret/idv-sts")
  return {
    accessKeyId: sts.AccessKeyId,
    accessKeySecret: sts.AccessKeySecret,
    securityToken: sts.SecurityToken,
    expiration: sts.Expiration, // ISO 8601, a Date or ms since the epoch
  };
}

const client = createClient({ credentials: fromVault, endpoint: process.env.ALIYUN_IDV_ENDPOINT });
const r = await client.id2MetaVerifyIntl({ idNumber: "110105199003070316", name: "张三" });
console.log(`${r.verdict} billed=${r.billed}`);
