// The server app the Node bundles are built from: checks, builds a signed request, and verifies
// through createClient over a fake fetch (the client is a second bundle the package requires on
// first use: the server bundle must carry it too).
import { checkIdNumber, buildId2MetaVerifyIntl, createClient } from "aliyun-idv";

const check = checkIdNumber("11010519491231002X", { today: "2026-11-22" });
const req = buildId2MetaVerifyIntl(
  { idNumber: "11010519491231002X", name: "张三" },
  { accessKeyId: "ak", accessKeySecret: "sk", timestamp: "2026-11-22T01:02:03Z", nonce: "n-1", today: "2026-11-22" },
);
const answer = '{"RequestId":"130A2C10-B9EE-4D84-88E3-5384FF000001","Code":"Success","Message":"success","Result":{"BizCode":"1"}}';
const fetch = async () => new Response(answer, { status: 200, headers: { "content-type": "application/json" } });
const client = createClient({ accessKeyId: "ak", accessKeySecret: "sk", fetch });
// (no top-level await: the same source is bundled to CommonJS)
client.id2MetaVerifyIntl({ idNumber: "11010519491231002X", name: "张三" }).then((verified) => {
  console.log(JSON.stringify({ check, body: req.body, auth: req.headers.authorization, verdict: verified.verdict }));
});
