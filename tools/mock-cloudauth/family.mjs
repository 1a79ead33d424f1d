// The verification family in the mock (the actions added with the action table, issue 13): which
// parameters each action requires (the official models), the md5 forms each field must have, and
// answers from SYNTHETIC people (people.json + family-people.json). server.mjs routes these
// actions here; errors go back through `fail(field, empty)`, which answers as the gateway
// (intl: MissingParameter / InvalidParameter) or the mainland business codes (400 / 401) do.
import crypto from "node:crypto";
import fs from "node:fs";

const FAMILY = JSON.parse(fs.readFileSync(new URL("./family-people.json", import.meta.url), "utf8"));
export const familyData = FAMILY;

const INTL = { version: "2022-08-09", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", intl: true };
const CN = { version: "2019-03-07", host: "cloudauth.cn-shanghai.aliyuncs.com", intl: false };

/** Entries merged into the mock's ACTIONS (paramLocation: where the official SDK puts them). */
export const FAMILY_ACTIONS = Object.freeze({
  Mobile2MetaVerifyIntl: { ...INTL, productCode: "MOBILE_2META", paramLocation: "form" },
  BankMetaVerifyIntl: { ...INTL, productCode: "BANK_CARD_N_META", paramLocation: "query" },
  Id2MetaPeriodVerify: { ...CN, paramLocation: "form" },
  Id2MetaStandardVerify: { ...CN, paramLocation: "form" },
  Mobile2MetaVerify: { ...CN, paramLocation: "form" },
  Mobile3MetaSimpleStandardVerify: { ...CN, paramLocation: "form" },
  Mobile3MetaDetailStandardVerify: { ...CN, paramLocation: "form" },
  MobileRecycledMetaVerify: { ...CN, paramLocation: "query" },
  BankMetaVerify: { ...CN, paramLocation: "query" },
});

const md5 = (s) => crypto.createHash("md5").update(s, "utf8").digest("hex");
// The md5 forms, from the models' field comments (written here independently of the library).
const FORMS = {
  full: md5,
  id: (v) => v.slice(0, 6) + md5(v.slice(6, 14)) + v.slice(14),
  name: (v) => md5(String.fromCodePoint(v.codePointAt(0))) + [...v].slice(1).join(""),
  card: (v) => v.slice(0, -6) + md5(v.slice(-6)),
};
const SHAPES = {
  full: /^[0-9a-f]{32}$/,
  id: /^\d{6}[0-9a-f]{32}\d{3}[\dX]$/,
  name: /^[0-9a-f]{32}.+$/u,
  card: /^\d{7,13}[0-9a-f]{32}$/,
};
const PLAIN = {
  id: /^\d{17}[\dX]$/,
  mobile: /^1\d{10}$/,
  card: /^\d{13,19}$/,
  date: /^\d{8}$/,
};

/** Per action: md5 form of each md5-able parameter. */
const MD5_FORMS = {
  Id2MetaVerify: { IdentifyNum: "id", UserName: "name" },
  Id2MetaStandardVerify: { IdentifyNum: "id", UserName: "name" },
  Id2MetaPeriodVerify: { IdentifyNum: "id", UserName: "name" },
  Mobile2MetaVerify: { UserName: "full", Mobile: "full" },
  Mobile2MetaVerifyIntl: { UserName: "full", Mobile: "full" },
  MobileRecycledMetaVerify: { Mobile: "full" },
  BankMetaVerify: { BankCard: "card", UserName: "name", IdentifyNum: "id", Mobile: "full" },
  BankMetaVerifyIntl: { BankCard: "card", UserName: "name", IdentifyNum: "id", Mobile: "full" },
  Mobile3MetaSimpleVerify: { IdentifyNum: "full", UserName: "full", Mobile: "full" },
  Mobile3MetaDetailVerify: { IdentifyNum: "full", UserName: "full", Mobile: "full" },
  Mobile3MetaSimpleStandardVerify: { IdentifyNum: "full", UserName: "full", Mobile: "full" },
  Mobile3MetaDetailStandardVerify: { IdentifyNum: "full", UserName: "full", Mobile: "full" },
};

/** Checks a request as the official model describes it: required parameters, enumerations, value shapes. */
function verify(action, params, fail) {
  const need = (...names) => {
    for (const n of names) if (params[n] === undefined || params[n] === "") fail(n, true);
  };
  const oneOf = (name, values) => {
    if (!values.includes(params[name])) fail(name, false);
  };
  need("ParamType");
  oneOf("ParamType", ["normal", "md5"]);
  const md5Mode = params.ParamType === "md5";
  const forms = MD5_FORMS[action] ?? {};
  const shape = (name, plain) => {
    if (params[name] === undefined) return;
    if (md5Mode && forms[name]) {
      if (!SHAPES[forms[name]].test(params[name])) fail(name, false);
    } else if (plain && !plain.test(params[name])) fail(name, false);
  };
  if (action.startsWith("Bank")) {
    need("ProductType", "VerifyMode", "BankCard", "UserName");
    oneOf("ProductType", ["BANK_CARD_2_META", "BANK_CARD_3_META", "BANK_CARD_4_META"]);
    oneOf("VerifyMode", ["VERIFY_BANK_CARD"]);
    if (params.ProductType !== "BANK_CARD_2_META") need("IdentifyNum");
    if (params.ProductType === "BANK_CARD_4_META") need("Mobile");
    if (params.IdentityType !== undefined) oneOf("IdentityType", ["01"]);
  }
  if (action === "MobileRecycledMetaVerify") need("Mobile", "RegisterDate");
  if (action.startsWith("Mobile2Meta")) need("UserName", "Mobile");
  if (action.startsWith("Id2Meta")) need("IdentifyNum", "UserName");
  if (action === "Id2MetaPeriodVerify") {
    need("ValidityStartDate", "ValidityEndDate");
    shape("ValidityStartDate", PLAIN.date);
    if (params.ValidityEndDate !== "长期") shape("ValidityEndDate", PLAIN.date);
  }
  if (action.startsWith("Mobile3Meta")) need("IdentifyNum", "UserName", "Mobile");
  shape("IdentifyNum", PLAIN.id);
  shape("Mobile", PLAIN.mobile);
  shape("BankCard", PLAIN.card);
  shape("UserName", null);
  if (params.RegisterDate !== undefined && !PLAIN.date.test(params.RegisterDate)) fail("RegisterDate", false);
  return md5Mode;
}

/** `sent` is `value` (plain) or its md5 form for this action's parameter `name`. */
function same(action, name, md5Mode, value, sent) {
  if (value === undefined || sent === undefined) return false;
  return md5Mode ? FORMS[MD5_FORMS[action][name]](value) === sent : value === sent;
}

/**
 * The Result / ResultObject of a family action (or of Id2MetaVerify and the mainland Mobile3Meta*
 * in md5 mode, which server.mjs also routes here), or undefined for an action this file does not serve.
 * `base`: { people, mobiles, mobile3 } from server.mjs (mobile3: its Mobile3Meta logic for plain values).
 */
export function familyAnswer(action, params, base, fail) {
  const md5Mode = verify(action, params, fail);
  const people = [...base.people, ...FAMILY.people];
  const is = (name, value) => same(action, name, md5Mode, value, params[name]);
  switch (action) {
    case "Id2MetaVerify":
    case "Id2MetaStandardVerify":
    case "Id2MetaPeriodVerify": {
      const p = people.find((x) => is("IdentifyNum", x.idNumber));
      if (!p) return { BizCode: "3" };
      let ok = is("UserName", p.name);
      if (action === "Id2MetaPeriodVerify") {
        const end = p.card.end === "long-term" ? "长期" : p.card.end;
        ok = ok && params.ValidityStartDate === p.card.start && params.ValidityEndDate === end;
      }
      return { BizCode: ok ? "1" : "2" };
    }
    case "Mobile2MetaVerify":
    case "Mobile2MetaVerifyIntl": {
      const m = base.mobiles.find((x) => is("Mobile", x.mobile));
      const r = !m || !m.record ? { BizCode: "3" } : { BizCode: is("UserName", m.ownerName) ? "1" : "2" };
      if (m && m.isp) r.IspName = m.isp;
      return r;
    }
    case "Mobile3MetaSimpleVerify":
    case "Mobile3MetaDetailVerify":
    case "Mobile3MetaSimpleStandardVerify":
    case "Mobile3MetaDetailStandardVerify": {
      const m = base.mobiles.find((x) => is("Mobile", x.mobile));
      const sameId = m && m.record && is("IdentifyNum", m.ownerIdNumber);
      const sameName = m && m.record && is("UserName", m.ownerName);
      let biz, sub;
      if (!m || !m.record) [biz, sub] = ["3", "301"];
      else if (sameId && sameName) [biz, sub] = m.status === "normal" ? ["1", "101"] : ["2", "204"];
      else if (sameId) [biz, sub] = ["2", "203"];
      else if (sameName) [biz, sub] = ["2", "202"];
      else [biz, sub] = ["2", "201"];
      const r = { BizCode: biz };
      if (m && m.isp) r.IspName = m.isp;
      if (action.includes("Detail")) r.SubCode = sub;
      return r;
    }
    case "MobileRecycledMetaVerify": {
      const m = base.mobiles.find((x) => is("Mobile", x.mobile));
      const a = m && m.record && FAMILY.activations.find((x) => x.mobile === m.mobile);
      if (!a) return { BizCode: "3", SubCode: "301" };
      const sub = !a.synced ? "103" : params.RegisterDate >= a.activated ? "101" : "102";
      return { BizCode: "1", SubCode: sub, IspName: m.isp };
    }
    case "BankMetaVerify":
    case "BankMetaVerifyIntl": {
      const c = FAMILY.bankCards.find((x) => is("BankCard", x.card));
      if (!c) return { BizCode: "3", SubCode: "304" };
      if (c.status === "lost") return { BizCode: "2", SubCode: "210" };
      let ok = is("UserName", c.holderName);
      if (params.ProductType !== "BANK_CARD_2_META") ok = ok && is("IdentifyNum", c.holderIdNumber);
      if (params.ProductType === "BANK_CARD_4_META") ok = ok && is("Mobile", c.mobile);
      return ok ? { BizCode: "1", SubCode: "101" } : { BizCode: "2", SubCode: "201" };
    }
    default:
      return undefined;
  }
}
