// The verification family end to end: createClient from the installed package against the local
// mock (tools/mock-cloudauth), which verifies every request's signature, required parameters,
// enumerations and md5 forms (family.mjs) and answers from synthetic people.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startMock } from "../../tools/mock-cloudauth/server.mjs";
import { familyData } from "../../tools/mock-cloudauth/family.mjs";
import { ACTIONS } from "../../pkg-template/actions.js";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const api = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

const CREDS = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock.close());
beforeEach(() => mock.reset());

const method = (action) => ACTIONS.find((a) => a.name === action).method;
const md5Able = (action) => ACTIONS.find((a) => a.name === action).md5;

test("every family action is served, for every scenario, V3 and V1, plain and md5", async () => {
  const served = new Set();
  let calls = 0;
  for (const signatureVersion of ["v3", "v1"]) {
    const client = api.createClient({ ...CREDS, endpoint: mock.url, signatureVersion, retries: 0 });
    for (const s of familyData.scenarios) {
      for (const paramType of md5Able(s.action) ? ["normal", "md5"] : ["normal"]) {
        const r = await client[method(s.action)]({ ...s.input, paramType });
        const where = `${signatureVersion} ${paramType} ${s.label}`;
        assert.equal(r.verdict, s.expect.verdict, `${where}: ${r.code} ${r.message} ${r.description}`);
        assert.equal(r.bizCode, s.expect.result.BizCode, where);
        assert.equal(r.subCode, s.expect.result.SubCode, where);
        assert.equal(r.ispName, s.expect.result.IspName, where);
        assert.equal(r.billed, s.expect.verdict !== "not_found", where);
        served.add(s.action);
        calls++;
      }
    }
  }
  const newActions = ["Mobile2MetaVerifyIntl", "BankMetaVerifyIntl", "Id2MetaPeriodVerify", "Id2MetaStandardVerify", "Mobile2MetaVerify",
    "Mobile3MetaSimpleStandardVerify", "Mobile3MetaDetailStandardVerify", "MobileRecycledMetaVerify", "BankMetaVerify"];
  for (const a of newActions) assert.ok(served.has(a), a);
  assert.equal(mock.requests.length, calls, "one request per call");
  // No personal data in any URL: the builders put it in the form body.
  for (const e of mock.requests) {
    const inUrl = Object.keys(e.query ?? {});
    for (const k of ["UserName", "Mobile", "BankCard", "IdentifyNum", "DocNo", "DocName"]) assert.ok(!inUrl.includes(k), `${e.action}: ${k} in the URL`);
  }
});

test("the mock refuses what the models refuse (a request the builders never send)", async () => {
  const opts = { ...CREDS, timestamp: new Date(), nonce: "n-" + Math.random() };
  const send = async (action, form) => {
    const a = ACTIONS.find((x) => x.name === action);
    const req = api.signRequest({ method: "POST", host: new URL(mock.url).host, action, version: a.product === "intl" ? "2022-08-09" : "2019-03-07", form }, { ...opts, nonce: "n-" + Math.random() });
    const res = await fetch(mock.url, { method: "POST", headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host")), body: req.body });
    return api.parseResponse(action, res.status, await res.text(), res.headers);
  };
  // BANK_CARD_3_META without the ID number: mainland answers 400 (empty parameter).
  let r = await send("BankMetaVerify", { ProductType: "BANK_CARD_3_META", VerifyMode: "VERIFY_BANK_CARD", ParamType: "normal", BankCard: "6217001234567890122", UserName: "张三" });
  assert.equal(r.code, "400");
  // An md5 mobile that is not 32 hex: 401.
  r = await send("Mobile2MetaVerify", { ParamType: "md5", UserName: "0".repeat(32), Mobile: "13900000001" });
  assert.equal(r.code, "401");
  // The intl product: a wrong ProductCode is InvalidParameter.
  r = await send("Mobile2MetaVerifyIntl", { ProductCode: "MOBILE_3META", ParamType: "normal", UserName: "张三", Mobile: "13900000001" });
  assert.equal(r.code, "InvalidParameter");
  // Id2MetaVerify with a full md5 (not the model's partial form): 401.
  r = await send("Id2MetaVerify", { ParamType: "md5", IdentifyNum: "0".repeat(32), UserName: "0".repeat(32) + "三" });
  assert.equal(r.code, "401");
});

test("the Casdoor flow: mainland Id2MetaVerify, success only on BizCode 1, with the richer verdict", async () => {
  const client = api.createClient({ ...CREDS, endpoint: mock.url });
  // Casdoor (object/user_verification.go) calls Id2MetaVerify on cloudauth.cn-shanghai and accepts only BizCode "1".
  const verified = async (idNumber, name) => {
    const r = await client.id2MetaVerify({ idNumber, name });
    return { ok: r.verdict === "match" && r.bizCode === "1", r };
  };
  const yes = await verified("110105199003070316", "张三");
  assert.equal(yes.ok, true);
  const wrongName = await verified("110105199003070316", "李四");
  assert.deepEqual([wrongName.ok, wrongName.r.verdict, wrongName.r.billed], [false, "mismatch", true]);
  const unknown = await verified("11010519491231002X", "张三");
  assert.deepEqual([unknown.ok, unknown.r.verdict, unknown.r.billed], [false, "not_found", false]);
  // A typo never reaches the service (nor the bill).
  await assert.rejects(client.id2MetaVerify({ idNumber: "110105199003070317", name: "张三" }), (e) => e.code === "ID_CHECKSUM");
  assert.equal(mock.requests.length, 3);
});
