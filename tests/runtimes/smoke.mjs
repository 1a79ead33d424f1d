// A small import-and-check script run from the packed tarball under Deno and Bun (make
// test-runtimes): the package resolves, initialises itself, and gives the exact answers the
// official vectors and the rules give. Exits non-zero on the first difference.
import { checkIdNumber, checkMobile, checkName, md5Hex, signRequest, parseResponse, buildId2MetaVerifyIntl } from "aliyun-idv";

const runtime = globalThis.Deno ? `Deno ${Deno.version.deno}` : globalThis.Bun ? `Bun ${Bun.version}` : `Node ${process.version}`;
let failures = 0;
function same(what, got, want) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) {
    failures++;
    console.error(`${runtime}: ${what}\n  got:  ${g}\n  want: ${w}`);
  }
}

same("checkIdNumber", checkIdNumber(" 11010519491231002x ", { today: "2026-11-22" }), {
  ok: true, value: "11010519491231002X",
  info: { birthDate: "1949-12-31", gender: "female", age: 76, regionCode: "110105", regionName: "朝阳区", province: "北京市" },
  warnings: [], changed: true,
});
same("checkIdNumber error", checkIdNumber("110105194912310021", { today: "2026-11-22" }).error.code, "ID_CHECKSUM");
same("checkName", checkName("阿卜杜拉•买买提").value, "阿卜杜拉·买买提");
same("checkMobile", [checkMobile("+86 138 1234 5678").value, checkMobile("+86 138 1234 5678").info.carrier], ["13812345678", "CMCC"]);
// md5 of the UTF-8 bytes (value from node:crypto).
same("md5Hex", md5Hex("阿卜杜拉·买买提"), "6a0ef9ba9c75fd38cda70d137bb63cbc");
// The official SDKs' vector intl-id2-01-chinese (tests/data/signing/).
const req = { method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09",
  query: { ProductCode: "ID_2META", ParamType: "normal", IdentifyNum: "11010119900307123X", UserName: "张三" } };
const opts = { accessKeyId: "testid", accessKeySecret: "testsecret", timestamp: "2026-01-15T08:30:00Z", nonce: "c0ffee00-0000-4000-8000-000000000001" };
same("signRequest v3", signRequest(req, opts).headers.authorization,
  "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4653f387a3f55898c79567988c90c2215250bad8b16b40bee6c1496119ef4c46");
same("signRequest v1", signRequest(req, { ...opts, signatureVersion: "v1" }).signature, "7hy0pX/5U6GncqdLSHRC2slfIEM=");
same("build", buildId2MetaVerifyIntl({ idNumber: "11010519491231002X", name: "张三" }, { ...opts, today: "2026-11-22" }).body,
  "IdentifyNum=11010519491231002X&ParamType=normal&ProductCode=ID_2META&UserName=%E5%BC%A0%E4%B8%89");
const r = parseResponse("Mobile3MetaVerifyIntl", 200, '{"RequestId":"R1","Code":"Success","Message":"ok","Result":{"BizCode":"2","SubCode":"203","IspName":"CMCC"}}');
same("parseResponse", [r.verdict, r.billed, r.retryable, r.subCode], ["mismatch", true, false, "203"]);

if (failures) {
  console.error(`${runtime}: ${failures} difference(s)`);
  (globalThis.Deno ? Deno.exit : process.exit)(1);
}
console.log(`${runtime}: the packed package imports and answers exactly (${import.meta.url.split("/").pop()})`);
