// The installed package: every action of the table has its named builder, its client method and
// its md5 forms (expected values from node:crypto, computed here from the field comments);
// residence permits per action; the client sends each product to its own host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const api = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const cjs = (await import("node:module")).createRequire(join(project, "x.cjs"))("aliyun-idv");
// The action table the package is built from (generated from src/request/table.rs, checked by tests/js_action_table.rs).
const { ACTIONS } = await import("../../pkg-template/actions.js");

const md5 = (s) => createHash("md5").update(s, "utf8").digest("hex");
const OPTS = { accessKeyId: "testid", accessKeySecret: "testsecret", timestamp: "2026-01-15T08:30:00Z", nonce: "c0ffee00", today: "2026-01-15" };
const ID = "11010519491231002X";
const PERSON = {
  idNumber: "11010519491231002x", name: "张三", mobile: "+86 138 1234 5678", validityStart: "2010-05-01", validityEnd: "長期",
  merchantBizId: "biz0001", bankCard: "6217 0012 3456 7890 123", productType: "BANK_CARD_4_META", registerDate: "2020-01-01",
};
const inputFor = (entry, extra = {}) => Object.fromEntries(entry.inputs.filter((k) => k in PERSON || k in extra).map((k) => [k, extra[k] ?? PERSON[k]]));
const form = (req) => Object.fromEntries(new URLSearchParams(req.body ?? ""));
const query = (req) => Object.fromEntries(new URL(req.url).searchParams);

const NAMES = [
  "Id2MetaVerifyIntl", "Mobile3MetaVerifyIntl", "Id2MetaPeriodVerifyIntl", "Id2MetaVerify", "Mobile2MetaVerifyIntl", "BankMetaVerifyIntl",
  "Id2MetaPeriodVerify", "Id2MetaStandardVerify", "Mobile2MetaVerify", "Mobile3MetaSimpleVerify", "Mobile3MetaDetailVerify",
  "Mobile3MetaSimpleStandardVerify", "Mobile3MetaDetailStandardVerify", "MobileRecycledMetaVerify", "BankMetaVerify",
];

test("the action table lists the 15 actions, each with a named builder (ESM and CommonJS)", () => {
  assert.deepEqual(ACTIONS.map((a) => a.name), NAMES);
  for (const a of ACTIONS) {
    assert.equal(typeof api[a.builder], "function", a.builder);
    assert.equal(typeof cjs[a.builder], "function", `require: ${a.builder}`);
    assert.equal(a.builder, "build" + a.name);
  }
});

test("every builder sends the normalised values to its product's host, in the form body by default", () => {
  for (const a of ACTIONS) {
    const req = api[a.builder](inputFor(a), OPTS);
    const host = a.product === "intl" ? "cloudauth-intl.cn-hongkong.aliyuncs.com" : "cloudauth.cn-shanghai.aliyuncs.com";
    assert.equal(req.url, `https://${host}/`, a.name);
    assert.equal(req.headers["x-acs-action"], a.name);
    assert.equal(req.headers["x-acs-version"], a.product === "intl" ? "2022-08-09" : "2019-03-07");
    const f = form(req);
    if (a.inputs.includes("idNumber")) assert.equal(f.IdentifyNum ?? f.DocNo, ID, a.name);
    if (a.inputs.includes("mobile")) assert.equal(f.Mobile, "13812345678", a.name);
    if (a.inputs.includes("bankCard")) assert.equal(f.BankCard, "6217001234567890123", a.name);
    if (a.inputs.includes("validityEnd")) assert.equal(f.ValidityEndDate, "长期", `${a.name}: 長期 is long-term, sent as 长期`);
  }
});

test("md5 forms as the models' field comments say (hashes from node:crypto), after normalisation", () => {
  const id6 = "110105" + md5("19491231") + "002X";
  const name1 = md5("张") + "三";
  const card = "6217001234567" + md5("890123");
  const partial = new Set(["Id2MetaVerify", "Id2MetaPeriodVerify", "Id2MetaStandardVerify", "BankMetaVerify", "BankMetaVerifyIntl"]);
  let checked = 0;
  for (const a of ACTIONS.filter((x) => x.md5)) {
    const f = form(api[a.builder](inputFor(a, { paramType: "md5" }), OPTS));
    assert.equal(f.ParamType, "md5", a.name);
    const p = partial.has(a.name);
    if (f.IdentifyNum) assert.equal(f.IdentifyNum, p ? id6 : md5(ID), a.name);
    if (f.UserName) assert.equal(f.UserName, p ? name1 : md5("张三"), a.name);
    if (f.Mobile) assert.equal(f.Mobile, md5("13812345678"), a.name);
    if (f.BankCard) assert.equal(f.BankCard, card, a.name);
    if (f.RegisterDate) assert.equal(f.RegisterDate, "20200101");
    checked++;
  }
  assert.equal(checked, 13);
  // A look-alike dot is normalised before hashing.
  const f = form(api.buildMobile2MetaVerify({ name: "阿卜杜拉•买买提", mobile: "13812345678", paramType: "md5" }, OPTS));
  assert.equal(f.UserName, md5("阿卜杜拉·买买提"));
  // Hashes the caller already holds.
  const g = form(api.buildId2MetaVerify({ idNumber: id6, name: name1, paramType: "md5-hashed" }, OPTS));
  assert.deepEqual([g.ParamType, g.IdentifyNum, g.UserName], ["md5", id6, name1]);
  assert.throws(() => api.buildId2MetaVerify({ idNumber: ID, name: name1, paramType: "md5-hashed" }, OPTS), (e) => e.code === "MD5_FORM_INVALID" && e.field === "idNumber");
});

test("residence permits where the docs accept them, allowResidencePermit overrides", () => {
  const rp = { idNumber: "810000199003071237", name: "张三", mobile: "13812345678" };
  assert.equal(form(api.buildId2MetaVerify(rp, OPTS)).IdentifyNum, "810000199003071237");
  assert.ok(api.buildMobile3MetaDetailVerify(rp, OPTS));
  assert.throws(() => api.buildId2MetaStandardVerify(rp, OPTS), (e) => e.code === "ID_NOT_MAINLAND");
  assert.throws(() => api.buildId2MetaVerifyIntl(rp, OPTS), (e) => e.code === "ID_NOT_MAINLAND");
  assert.ok(api.buildId2MetaStandardVerify(rp, { ...OPTS, allowResidencePermit: true }));
  assert.throws(() => api.buildId2MetaVerify(rp, { ...OPTS, allowResidencePermit: false }), (e) => e.code === "ID_NOT_MAINLAND");
  assert.throws(() => api.buildId2MetaVerify(rp, { ...OPTS, allowResidencePermit: "yes" }), (e) => e.code === "INVALID_OPTION" && e.field === "allowResidencePermit");
});

test("bank cards, registerDate and enumerations are checked before signing", () => {
  const two = { bankCard: "6217001234567890123", name: "张三", productType: "BANK_CARD_2_META" };
  assert.ok(api.buildBankMetaVerify(two, OPTS));
  for (const [patch, code, field] of [
    [{ bankCard: "6217 0012 3456" }, "BANK_CARD_LENGTH", "bankCard"],
    [{ productType: "BANK_CARD_9_META" }, "PRODUCT_TYPE_INVALID", "productType"],
    [{ verifyMode: "X" }, "VERIFY_MODE_INVALID", "verifyMode"],
    [{ mobile: "13812345678" }, "FIELD_UNEXPECTED", "mobile"],
    [{ productType: "BANK_CARD_3_META" }, "ID_EMPTY", "idNumber"],
  ]) {
    assert.throws(() => api.buildBankMetaVerifyIntl({ ...two, ...patch }, OPTS), (e) => e.code === code && e.field === field && !String(e.message).includes("6217"), code);
  }
  assert.throws(() => api.buildMobileRecycledMetaVerify({ mobile: "13812345678", registerDate: "20260116" }, OPTS), (e) => e.code === "REGISTER_DATE_FUTURE");
  assert.equal(form(api.buildMobileRecycledMetaVerify({ mobile: "13812345678", registerDate: "2026-01-15" }, OPTS)).RegisterDate, "20260115");
  assert.throws(() => api.buildAction("NoSuchAction", {}, OPTS), (e) => e.code === "ACTION_UNKNOWN");
});

test("paramsIn: 'sdk' places parameters where the official SDK does", () => {
  const req = api.buildBankMetaVerify({ bankCard: "6217001234567890123", name: "张三", productType: "BANK_CARD_2_META" }, { ...OPTS, paramsIn: "sdk" });
  assert.equal(query(req).BankCard, "6217001234567890123");
  assert.equal(req.body, null);
  assert.equal(form(api.buildMobile2MetaVerify({ name: "张三", mobile: "13812345678" }, { ...OPTS, paramsIn: "sdk" })).Mobile, "13812345678");
});

test("checkBankCard: normalised digits, Luhn a warning, errors with codes", () => {
  const ok = api.checkBankCard("6217 0012-3456 7890 122");
  assert.deepEqual([ok.ok, ok.value, ok.changed, ok.warnings, ok.info.luhn, ok.info.length], [true, "6217001234567890122", true, [], true, 19]);
  const warn = api.checkBankCard("6217001234567890123");
  assert.deepEqual([warn.ok, warn.warnings, warn.info.luhn], [true, ["BANK_CARD_LUHN"], false]);
  for (const [input, code] of [["", "BANK_CARD_EMPTY"], ["6217x", "BANK_CARD_BAD_CHAR"], ["621700123456", "BANK_CARD_LENGTH"]]) {
    const r = api.checkBankCard(input);
    assert.deepEqual([r.ok, r.error.code, r.error.field], [false, code, "bankCard"], input);
    assert.ok(r.error.messageZh.length > 0);
  }
});

test("checkMobile('+86') is MOBILE_EMPTY; 長期 is long-term", () => {
  assert.equal(api.checkMobile("+86").error.code, "MOBILE_EMPTY");
  assert.equal(api.checkValidityPeriod({ start: "20100501", end: "長期", today: "2026-01-15" }).value.end, "long-term");
});

test("the client: a method per action, each product to its own host", async () => {
  const seen = [];
  const fetch = async (url) => {
    seen.push(url);
    const intl = url.includes("cloudauth-intl");
    return new Response(JSON.stringify(intl && !url.includes("proxy") ? { RequestId: "r", Code: "Success", Result: { BizCode: "1" } } : { RequestId: "r", Code: "200", ResultObject: { BizCode: "1" } }), { status: 200 });
  };
  const c = api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch });
  for (const a of ACTIONS) assert.equal(typeof c[a.method], "function", a.method);
  await c.id2MetaVerify({ idNumber: ID, name: "张三" });
  await c.mobile2MetaVerifyIntl({ name: "张三", mobile: "13812345678" });
  assert.deepEqual(seen, ["https://cloudauth.cn-shanghai.aliyuncs.com/", "https://cloudauth-intl.cn-hongkong.aliyuncs.com/"]);
  // Naming the intl host does not send mainland calls there.
  seen.length = 0;
  const d = api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, endpoint: "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com" });
  await d.id2MetaVerify({ idNumber: ID, name: "张三" });
  await d.id2MetaVerifyIntl({ idNumber: ID, name: "张三" });
  assert.deepEqual(seen, ["https://cloudauth.cn-shanghai.aliyuncs.com/", "https://cloudauth-intl-vpc.cn-hongkong.aliyuncs.com/"]);
  seen.length = 0;
  const e = api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, regionId: "cn-beijing" });
  await e.mobile3MetaSimpleVerify({ idNumber: ID, name: "张三", mobile: "13812345678" });
  assert.deepEqual(seen, ["https://cloudauth.cn-beijing.aliyuncs.com/"]);
  await assert.rejects(e.id2MetaVerifyIntl({ idNumber: ID, name: "张三" }), (err) => err.code === "ENDPOINT_INVALID" && err.field === "regionId");
  assert.equal(seen.length, 1, "nothing sent for a product the region does not serve");
  assert.throws(() => api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, regionId: "mars-1" }), (err) => err.code === "ENDPOINT_INVALID");
  // allowResidencePermit for every call of a client; nothing is sent for a refused number.
  seen.length = 0;
  const rp = { idNumber: "810000199003071237", name: "张三" };
  const strict = api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, allowResidencePermit: false });
  await assert.rejects(strict.id2MetaVerify(rp), (err) => err.code === "ID_NOT_MAINLAND");
  const lenient = api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, allowResidencePermit: true });
  assert.equal((await lenient.id2MetaStandardVerify(rp)).verdict, "match");
  assert.deepEqual(seen, ["https://cloudauth.cn-shanghai.aliyuncs.com/"]);
  assert.throws(() => api.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch, allowResidencePermit: 1 }), (err) => err.code === "INVALID_OPTION");
});
