// The server app the Node bundles are built from: checks, then builds a signed request.
import { checkIdNumber, buildId2MetaVerifyIntl } from "aliyun-idv";

const check = checkIdNumber("11010519491231002X", { today: "2026-11-22" });
const req = buildId2MetaVerifyIntl(
  { idNumber: "11010519491231002X", name: "张三" },
  { accessKeyId: "ak", accessKeySecret: "sk", timestamp: "2026-11-22T01:02:03Z", nonce: "n-1", today: "2026-11-22" },
);
console.log(JSON.stringify({ check, body: req.body, auth: req.headers.authorization }));
