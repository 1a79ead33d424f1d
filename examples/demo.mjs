// `make demo`: the end-to-end path from typed input to verdict.
//  1. what the checks say about a few typed inputs;
//  2. synthetic people verified through createClient, with both signature versions, against the
//     bundled local mock of the Alibaba endpoint (tools/mock-cloudauth) — or, when
//     ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set, the real endpoint.
import { checkIdNumber, checkMobile, checkName, checkValidityPeriod, createClient, maskIdNumber, maskName } from "../pkg/node.mjs";
import { startMock, scenarios } from "../tools/mock-cloudauth/server.mjs";

const real = Boolean(process.env.ALIBABA_CLOUD_ACCESS_KEY_ID && process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);

console.log("aliyun-idv demo\n\n1. Pre-validation (no network)\n");
const typed = [
  ["ID", checkIdNumber(" 11010519491231002x ")],
  ["ID", checkIdNumber("110105194912310021")],
  ["ID", checkIdNumber("110105491231002")],
  ["name", checkName("阿卜杜拉•买买提")],
  ["mobile", checkMobile("+86 138-1234-5678")],
  ["mobile", checkMobile("+852 9123 4567")],
  ["period", checkValidityPeriod({ start: "2020-02-29", end: "20300301" })],
];
for (const [what, r] of typed) {
  if (r.ok) {
    const facts = Object.entries(r.info).map(([k, v]) => `${k}=${v}`).join(" ");
    console.log(`  ok     ${what.padEnd(6)} ${JSON.stringify(r.value)}${r.changed ? " (normalised)" : ""}  ${facts}`);
  } else {
    console.log(`  error  ${what.padEnd(6)} ${r.error.code}: ${r.error.messageZh}${r.error.hint ? "  → " + maskIdNumber(r.error.hint) : ""}`);
  }
}

const METHOD = { Id2MetaVerifyIntl: "id2MetaVerifyIntl", Mobile3MetaVerifyIntl: "mobile3MetaVerifyIntl", Id2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl", Id2MetaVerify: "id2MetaVerify" };
const people = scenarios.filter((s) => METHOD[s.action]);
let mock = null;
let options;
if (real) {
  console.log("\n2. Verification against the REAL endpoint (credentials from the environment; calls may be billed)\n");
  options = {};
} else {
  mock = await startMock();
  console.log(`\n2. Verification through createClient against the local mock at ${mock.url}\n   (set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET to use the real endpoint)\n`);
  options = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret", endpoint: mock.url };
}

let wrong = 0;
try {
  for (const signatureVersion of ["v3", "v1"]) {
    console.log(`  signature ${signatureVersion === "v3" ? "V3 (ACS3-HMAC-SHA256)" : "V1 (RPC HMAC-SHA1)"}:`);
    const client = createClient({ ...options, signatureVersion });
    for (const s of people) {
      const r = await client[METHOD[s.action]](s.input);
      const codes = [r.bizCode && `BizCode ${r.bizCode}`, r.subCode && `SubCode ${r.subCode}`, r.ispName].filter(Boolean).join(", ");
      const expected = real || r.verdict === s.expect.verdict;
      if (!expected) wrong++;
      console.log(
        `   ${expected ? " " : "!"} ${s.action.padEnd(24)} ${maskName(s.input.name).padEnd(8)} ${maskIdNumber(s.input.idNumber)}  ` +
          `${r.verdict.padEnd(9)} billed=${String(r.billed).padEnd(5)} ${codes ? "(" + codes + ") " : ""}${r.descriptionZh}`,
      );
    }
  }
  if (!real) {
    // 3. One call per action family (mock only: real calls of every family would be billed).
    console.log("\n3. The verification family, one call per action family (md5 mode: the library writes each field's md5 form)\n");
    const client = createClient({ ...options });
    const family = [
      ["mobile2MetaVerifyIntl", { name: "张三", mobile: "13900000001", paramType: "md5" }, "match"],
      ["mobile3MetaDetailStandardVerify", { idNumber: "310104198506120422", name: "王五", mobile: "18600000002" }, "mismatch"],
      ["id2MetaStandardVerify", { idNumber: "650102199511230861", name: "阿依古丽·买买提", paramType: "md5" }, "match"],
      ["id2MetaPeriodVerify", { idNumber: "440305196005200536", name: "王五", validityStart: "20120101", validityEnd: "長期" }, "match"],
      ["mobileRecycledMetaVerify", { mobile: "18600000002", registerDate: "2020-01-01" }, "mismatch"],
      ["bankMetaVerify", { productType: "BANK_CARD_4_META", bankCard: "6222 0202 0011 2233 446", name: "李四", idNumber: "310104198506120422", mobile: "18600000002", paramType: "md5" }, "match"],
      ["bankMetaVerifyIntl", { productType: "BANK_CARD_2_META", bankCard: "6214830000000009", name: "王五" }, "mismatch"],
      ["id2MetaVerify", { idNumber: "810000198808081235", name: "陈大文" }, "match"],
    ];
    for (const [method, input, want] of family) {
      const r = await client[method](input);
      if (r.verdict !== want) wrong++;
      const codes = [r.bizCode && `BizCode ${r.bizCode}`, r.subCode && `SubCode ${r.subCode}`, r.ispName].filter(Boolean).join(", ");
      console.log(`   ${r.verdict === want ? " " : "!"} ${method.padEnd(32)} ${r.verdict.padEnd(9)} billed=${String(r.billed).padEnd(5)} (${codes}) ${r.descriptionZh}`);
    }
  }
} finally {
  mock?.close();
}
if (!real) {
  console.log(wrong === 0 ? `\nEvery verdict is the one the mock's table expects (${people.length} cases x 2 signature versions).` : `\n${wrong} verdicts differ from the mock's table.`);
  process.exitCode = wrong === 0 ? 0 : 1;
}
