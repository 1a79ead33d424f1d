// The browser demo of aliyun-idv: checks a verification form as the user types, with the package's
// browser entry. Messages about the input come from the library (message / messageZh); the page's
// own words come from STRINGS below. Nothing leaves the page, and the page holds no secret.
import {
  loadRegionNames,
  checkIdNumber,
  checkName,
  checkMobile,
  checkValidityPeriod,
  maskIdNumber,
  maskName,
  maskMobile,
  md5Hex,
  chinaToday,
} from "/pkg/browser.mjs";

const LONG_TERM_WIRE = "长期";

const STRINGS = {
  en: {
    htmlLang: "en",
    docTitle: "aliyun-idv · ID verification pre-check",
    title: "ID verification pre-check",
    tagline: "Checks what people type before a paid verification call. Runs in your browser (WebAssembly); nothing is sent anywhere.",
    langGroup: "Language",
    formTitle: "Identity details",
    formIntro: "Fill in what the user would type. Each field is checked as you type.",
    loading: "Loading the checks…",
    loadFailed: "The checks could not be loaded: ",
    nameLabel: "Name",
    nameHint: "As printed on the ID card, in Chinese characters; minority names use the middle dot ·",
    idLabel: "ID number",
    idHint: "18-character mainland resident ID number",
    mobileLabel: "Mobile number",
    optionalMobile: "for Mobile3Meta",
    mobileHint: "Mainland China (+86) mobile number, 11 digits",
    periodLegend: "ID card validity period",
    optionalPeriod: "for Id2MetaPeriod",
    periodHint: "As printed on the back of the card, e.g. 2020.05.01-2040.05.01",
    startLabel: "Valid from",
    endLabel: "Valid until",
    longTermLabel: "Long-term (长期)",
    longTermHint: "cards issued at age 46 or over",
    summaryTitle: "Ready for",
    summaryIntro: "Which Alibaba Cloud ID Verification actions the filled fields are ready for, and the parameters that would be sent (masked here).",
    serverNoteTitle: "Signing belongs on the server",
    serverNote: "This page never asks for or holds an AccessKey secret. Send the checked values to your backend, which builds and signs the request with aliyun-idv in Node or Cloudflare Workers.",
    today: "Today in China (UTC+8)",
    footer: "Checks by aliyun-idv, compiled from Rust to WebAssembly.",
    // states
    srError: "Error: ",
    srWarning: "Warning: ",
    srOk: "OK: ",
    okName: "Looks right.",
    okId: "Valid ID number.",
    okMobile: "Valid mainland mobile number.",
    okStart: "Valid start date.",
    okEnd: "Valid end date for this term.",
    okLongTerm: "Long-term: sent as 长期.",
    normalised: "Normalised to",
    legacyUse: "Use the 18-digit number",
    legacyIs: "The 18-digit number is",
    warnings: {
      REGION_UNRECOGNIZED: "The region code is not in our list; the number may still be real",
      REGION_ABOLISHED_BEFORE_BIRTH: "This region code was abolished well before the birth date",
    },
    warningOther: "Worth a second look",
    // facts
    birthDate: "Birth date",
    gender: "Gender",
    male: "Male",
    female: "Female",
    age: "Age",
    years: (n) => `${n} ${n === 1 ? "year" : "years"}`,
    region: "Region",
    regionUnlisted: "not in the list",
    length: "Length",
    characters: (n) => `${n} ${n === 1 ? "character" : "characters"}`,
    minority: "Middle dot",
    minorityYes: "Minority name (with ·)",
    carrier: "Carrier (by prefix)",
    carriers: { CMCC: "China Mobile", CUCC: "China Unicom", CTCC: "China Telecom", CBN: "China Broadnet" },
    numberKind: "Number range",
    kinds: { mno: "Mobile network", mvno: "Virtual operator (MVNO)", dataCard: "Data / IoT card", satellite: "Satellite" },
    term: "Term",
    termYears: (n) => `${n} years`,
    longTerm: "Long-term",
    expires: "Expires on",
    noExpiry: "Never (long-term)",
    ageRule: "Age rule",
    ageRuleChecked: "Term checked against the holder's age at issue",
    ageRuleLater: "Enter a valid ID number to check the term against the holder's age",
    // summary
    ready: "Ready",
    notReady: "Not ready",
    needs: "Needs",
    needWords: { name: "name", id: "ID number", mobile: "mobile number", period: "validity period" },
    list: (xs) => xs.length < 2 ? xs.join("") : xs.slice(0, -1).join(", ") + " and " + xs[xs.length - 1],
    paramsNormal: "Parameters (ParamType=normal, masked)",
    paramsMd5: "Parameters (ParamType=md5: MD5 of each normalised value)",
    params: "Parameters (masked)",
    serverSets: "set by your server",
    actions: {
      Id2MetaVerifyIntl: "Name and ID number match · international site (Hong Kong)",
      Mobile3MetaVerifyIntl: "Name, ID number and mobile owner match · international site",
      Id2MetaPeriodVerifyIntl: "Name, ID number and card validity period · international site",
      Id2MetaVerify: "Name and ID number match · mainland site (2019-03-07)",
    },
  },
  zh: {
    htmlLang: "zh-CN",
    docTitle: "aliyun-idv · 身份核验预校验",
    title: "身份核验预校验",
    tagline: "在调用计费的核验接口之前检查用户输入。全部在浏览器中运行（WebAssembly），不发送任何数据。",
    langGroup: "语言",
    formTitle: "身份信息",
    formIntro: "填写用户会输入的内容，每个字段在输入时即时校验。",
    loading: "正在加载校验模块…",
    loadFailed: "校验模块加载失败：",
    nameLabel: "姓名",
    nameHint: "与身份证上一致的汉字姓名；少数民族姓名使用间隔号“·”",
    idLabel: "身份证号码",
    idHint: "18 位中国大陆居民身份证号码",
    mobileLabel: "手机号码",
    optionalMobile: "用于手机号三要素",
    mobileHint: "中国大陆（+86）手机号码，11 位",
    periodLegend: "身份证有效期",
    optionalPeriod: "用于有效期核验",
    periodHint: "与身份证背面一致，例如 2020.05.01-2040.05.01",
    startLabel: "起始日期",
    endLabel: "截止日期",
    longTermLabel: "长期",
    longTermHint: "46 周岁及以上办证",
    summaryTitle: "可调用的接口",
    summaryIntro: "已填写的字段可以用于哪些阿里云实人认证接口，以及将发送的参数（此处已脱敏）。",
    serverNoteTitle: "签名只能在服务器端进行",
    serverNote: "本页面不会要求也不会保存 AccessKey Secret。请将校验后的数据发送到你的后端，由后端在 Node 或 Cloudflare Workers 中用 aliyun-idv 构建并签名请求。",
    today: "中国当前日期（UTC+8）",
    footer: "校验由 aliyun-idv 提供，由 Rust 编译为 WebAssembly。",
    srError: "错误：",
    srWarning: "提示：",
    srOk: "正确：",
    okName: "姓名格式正确。",
    okId: "身份证号码有效。",
    okMobile: "手机号码有效。",
    okStart: "起始日期有效。",
    okEnd: "截止日期与有效期限相符。",
    okLongTerm: "长期有效：将以“长期”提交。",
    normalised: "规范化为",
    legacyUse: "改用 18 位号码",
    legacyIs: "对应的 18 位号码为",
    warnings: {
      REGION_UNRECOGNIZED: "该地区代码不在我们的列表中，号码仍可能有效",
      REGION_ABOLISHED_BEFORE_BIRTH: "该地区代码在出生前多年已撤销",
    },
    warningOther: "请再核对一下",
    birthDate: "出生日期",
    gender: "性别",
    male: "男",
    female: "女",
    age: "年龄",
    years: (n) => `${n} 岁`,
    region: "地区",
    regionUnlisted: "不在列表中",
    length: "长度",
    characters: (n) => `${n} 个字`,
    minority: "间隔号",
    minorityYes: "少数民族姓名（含“·”）",
    carrier: "运营商（按号段）",
    carriers: { CMCC: "中国移动", CUCC: "中国联通", CTCC: "中国电信", CBN: "中国广电" },
    numberKind: "号段类型",
    kinds: { mno: "基础运营商", mvno: "虚拟运营商", dataCard: "数据卡 / 物联网", satellite: "卫星电话" },
    term: "有效期限",
    termYears: (n) => `${n} 年`,
    longTerm: "长期",
    expires: "到期日期",
    noExpiry: "长期有效",
    ageRule: "年龄规则",
    ageRuleChecked: "已按办证时年龄核对有效期限",
    ageRuleLater: "填写有效的身份证号码后，将按办证时年龄核对有效期限",
    ready: "可调用",
    notReady: "未就绪",
    needs: "还需要",
    needWords: { name: "姓名", id: "身份证号码", mobile: "手机号码", period: "有效期" },
    list: (xs) => xs.join("、"),
    paramsNormal: "参数（ParamType=normal，已脱敏）",
    paramsMd5: "参数（ParamType=md5：各字段规范化后的 MD5）",
    params: "参数（已脱敏）",
    serverSets: "由服务器生成",
    actions: {
      Id2MetaVerifyIntl: "姓名与身份证号码一致性核验 · 国际站（香港）",
      Mobile3MetaVerifyIntl: "姓名、身份证号码与手机号机主一致性核验 · 国际站",
      Id2MetaPeriodVerifyIntl: "姓名、身份证号码与证件有效期核验 · 国际站",
      Id2MetaVerify: "姓名与身份证号码一致性核验 · 中国站（2019-03-07）",
    },
  },
};

const $ = (id) => document.getElementById(id);

/** Creates an element; `attrs` may hold `class`, `text`, attributes and `on*` handlers. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const FIELDS = ["name", "id", "mobile", "start", "end"];
const inputs = {
  name: $("name"),
  id: $("id-number"),
  mobile: $("mobile"),
  start: $("validity-start"),
  end: $("validity-end"),
};
const longTerm = $("long-term");
/** A field shows its state only once the user has typed in it (or left it with something in it). */
const touched = Object.fromEntries(FIELDS.map((f) => [f, false]));
let lang = (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
let stashedEnd = "";

const t = () => STRINGS[lang];
const msgOf = (error) => (lang === "zh" ? error.messageZh : error.message);
const blank = (s) => s.trim() === "";

// ---- evaluation: what the library says about each field -------------------------------------

function evaluate() {
  const raw = Object.fromEntries(FIELDS.map((f) => [f, inputs[f].value]));
  const name = checkName(raw.name);
  const id = checkIdNumber(raw.id);
  const mobile = checkMobile(raw.mobile);
  const periodEmpty = blank(raw.start) && !longTerm.checked && blank(raw.end);
  const period = periodEmpty
    ? null
    : checkValidityPeriod({
        start: raw.start,
        end: longTerm.checked ? LONG_TERM_WIRE : raw.end,
        idNumber: id.ok ? id.value : undefined,
      });
  return { raw, name, id, mobile, period, periodUsesId: id.ok };
}

// ---- field views -----------------------------------------------------------------------------

/** { state: "" | "ok" | "warning" | "error", message, extra?, norm?, facts? } */
function simpleView(field, result, { required, okText, facts }) {
  const value = inputs[field].value;
  if (!touched[field]) return { state: "" };
  if (blank(value) && !required) return { state: "" };
  if (!result.ok) return { state: "error", message: msgOf(result.error), error: result.error };
  const view = {
    state: "ok",
    message: okText,
    norm: result.changed ? result.value : null,
    facts: facts(result.info),
  };
  if (result.warnings.length) {
    view.state = "warning";
    view.message = result.warnings.map((w) => t().warnings[w] ?? `${t().warningOther} (${w})`).join("; ");
  }
  return view;
}

function nameView(r) {
  const s = t();
  return simpleView("name", r, {
    required: true,
    okText: s.okName,
    facts: (info) => [
      [s.length, s.characters(info.length)],
      info.minorityName ? [s.minority, s.minorityYes] : null,
    ],
  });
}

function idView(r) {
  const s = t();
  const view = simpleView("id", r, {
    required: true,
    okText: s.okId,
    facts: (info) => [
      [s.birthDate, info.birthDate],
      [s.gender, info.gender === "male" ? s.male : s.female],
      [s.age, s.years(info.age)],
      [s.region, regionText(info)],
    ],
  });
  if (view.error && view.error.code === "ID_LEGACY_15" && view.error.hint) {
    const hint = view.error.hint;
    view.extra = h("span", { class: "legacy" },
      h("span", { text: `${s.legacyIs} ` }), h("code", { text: hint }), ". ",
      h("button", { type: "button", class: "link-button", text: s.legacyUse, onclick: () => {
        inputs.id.value = hint;
        touched.id = true;
        render();
        inputs.id.focus();
      } }));
  }
  if (view.error && view.error.code === "ID_LENGTH") {
    const n = [...inputs.id.value.trim()].length;
    view.extra = h("span", { class: "count", text: `${n} / 18` });
  }
  return view;
}

function regionText(info) {
  const parts = [info.province];
  if (info.regionName && info.regionName !== info.province) parts.push(info.regionName);
  const name = parts.join(" ");
  return info.regionName ? `${name} (${info.regionCode})` : `${name} · ${info.regionCode} (${t().regionUnlisted})`;
}

function mobileView(r) {
  const s = t();
  return simpleView("mobile", r, {
    required: false,
    okText: s.okMobile,
    facts: (info) => [
      [s.carrier, `${s.carriers[info.carrier] ?? info.carrier} (${info.carrier})`],
      [s.numberKind, s.kinds[info.satellite ? "satellite" : info.dataCard ? "dataCard" : info.mvno ? "mvno" : "mno"]],
    ],
  });
}

/** The two dates are checked together; an error belongs to the field the library names. */
function periodViews(ev) {
  const s = t();
  const r = ev.period;
  const start = { state: "" };
  const end = { state: "" };
  let facts = null;
  if (r === null) return { start, end, facts };
  const endShown = touched.end || longTerm.checked;
  const startRaw = ev.raw.start.trim();
  const endRaw = ev.raw.end.trim();
  if (r.ok) {
    const warn = r.warnings.length
      ? r.warnings.map((w) => t().warnings[w] ?? `${t().warningOther} (${w})`).join("; ")
      : null;
    if (touched.start) {
      Object.assign(start, { state: warn ? "warning" : "ok", message: warn ?? s.okStart });
      if (r.value.start !== startRaw) start.norm = r.value.start;
    }
    if (endShown) {
      Object.assign(end, { state: warn ? "warning" : "ok", message: warn ?? (r.info.longTerm ? s.okLongTerm : s.okEnd) });
      if (!longTerm.checked && r.value.end !== endRaw) end.norm = r.value.end === "long-term" ? LONG_TERM_WIRE : r.value.end;
    }
    if (touched.start || endShown) {
      facts = [
        [s.term, r.info.longTerm ? s.longTerm : s.termYears(r.info.termYears)],
        [s.expires, r.info.expiresOn ?? s.noExpiry],
        [s.ageRule, ev.periodUsesId ? s.ageRuleChecked : s.ageRuleLater],
      ];
    }
    return { start, end, facts };
  }
  const e = r.error;
  if (e.field === "validityEnd") {
    // The start passed every check that comes before the end's.
    if (touched.start) Object.assign(start, { state: "ok", message: s.okStart });
    if (endShown) {
      Object.assign(end, { state: "error", message: msgOf(e), error: e });
    }
  } else if (touched.start) {
    Object.assign(start, { state: "error", message: msgOf(e), error: e });
  }
  return { start, end, facts };
}

// ---- drawing ---------------------------------------------------------------------------------

function drawField(field, view) {
  const s = t();
  const input = inputs[field];
  const box = input.closest(".field");
  const msg = $(`${field}-msg`);
  const norm = $(`${field}-norm`);
  const facts = $(`${field}-facts`);
  box.dataset.state = view.state;
  input.setAttribute("aria-invalid", view.state === "error" ? "true" : "false");
  msg.replaceChildren();
  if (view.state) {
    const sr = { error: s.srError, warning: s.srWarning, ok: s.srOk }[view.state];
    msg.append(h("span", { class: "sr-only", text: sr }), h("span", { class: "msg-text", text: view.message }));
    if (view.extra) msg.append(" ", view.extra);
  }
  if (norm) {
    norm.replaceChildren();
    norm.hidden = !view.norm;
    if (view.norm) norm.append(h("span", { class: "norm-label", text: `${s.normalised} ` }), h("code", { text: view.norm }));
  }
  if (facts) drawFacts(facts, view.state === "ok" || view.state === "warning" ? view.facts : null);
}

function drawFacts(dl, rows) {
  dl.replaceChildren();
  const list = (rows || []).filter(Boolean);
  dl.hidden = list.length === 0;
  for (const [k, v] of list) dl.append(h("div", {}, h("dt", { text: k }), h("dd", { text: v })));
}

function render() {
  const ev = evaluate();
  drawField("name", nameView(ev.name));
  drawField("id", idView(ev.id));
  drawField("mobile", mobileView(ev.mobile));
  const p = periodViews(ev);
  drawField("start", p.start);
  drawField("end", p.end);
  drawFacts($("period-facts"), p.facts);
  drawSummary(ev);
}

// ---- the summary: which actions the fields are ready for, with a masked preview ----------------

const ACTIONS = [
  {
    action: "Id2MetaVerifyIntl",
    needs: ["name", "id"],
    blocks: (v) => [["params", [
      ["ProductCode", "ID_2META"],
      ["ParamType", "normal"],
      ["IdentifyNum", maskIdNumber(v.id)],
      ["UserName", maskName(v.name)],
    ]]],
  },
  {
    action: "Mobile3MetaVerifyIntl",
    needs: ["name", "id", "mobile"],
    blocks: (v) => [
      ["paramsNormal", [
        ["ProductCode", "MOBILE_3META"],
        ["ParamType", "normal"],
        ["IdentifyNum", maskIdNumber(v.id)],
        ["UserName", maskName(v.name)],
        ["Mobile", maskMobile(v.mobile)],
      ]],
      ["paramsMd5", [
        ["ProductCode", "MOBILE_3META"],
        ["ParamType", "md5"],
        ["IdentifyNum", md5Hex(v.id)],
        ["UserName", md5Hex(v.name)],
        ["Mobile", md5Hex(v.mobile)],
      ]],
    ],
  },
  {
    action: "Id2MetaPeriodVerifyIntl",
    needs: ["name", "id", "period"],
    blocks: (v) => [["params", [
      ["ProductCode", "eKYC_Date_MIN"],
      ["MerchantBizId", { server: true }],
      ["DocType", "00000001"],
      ["DocName", maskName(v.name)],
      ["DocNo", maskIdNumber(v.id)],
      ["ValidityStartDate", v.period.start],
      ["ValidityEndDate", v.period.end === "long-term" ? LONG_TERM_WIRE : v.period.end],
    ]]],
  },
  {
    action: "Id2MetaVerify",
    needs: ["name", "id"],
    blocks: (v) => [["params", [
      ["ParamType", "normal"],
      ["IdentifyNum", maskIdNumber(v.id)],
      ["UserName", maskName(v.name)],
    ]]],
  },
];

function drawSummary(ev) {
  const s = t();
  const ok = {
    name: ev.name.ok,
    id: ev.id.ok,
    mobile: ev.mobile.ok,
    period: !!(ev.period && ev.period.ok),
  };
  const values = {
    name: ev.name.ok ? ev.name.value : "",
    id: ev.id.ok ? ev.id.value : "",
    mobile: ev.mobile.ok ? ev.mobile.value : "",
    period: ev.period && ev.period.ok ? ev.period.value : null,
  };
  const list = $("actions");
  list.replaceChildren();
  for (const a of ACTIONS) {
    const missing = a.needs.filter((n) => !ok[n]);
    const ready = missing.length === 0;
    const li = h("li", { class: `action ${ready ? "is-ready" : "is-waiting"}`, "data-action": a.action, "data-ready": String(ready) },
      h("div", { class: "action-head" },
        h("span", { class: "action-name", text: a.action }),
        h("span", { class: "chip", text: ready ? s.ready : s.notReady })),
      h("p", { class: "action-desc", text: s.actions[a.action] }));
    if (ready) {
      for (const [title, rows] of a.blocks(values)) {
        li.append(h("div", { class: "params" },
          h("p", { class: "params-title", text: s[title] }),
          h("dl", {}, rows.map(([k, v]) => h("div", {},
            h("dt", { text: k }),
            h("dd", {}, typeof v === "object" ? h("em", { text: s.serverSets }) : h("code", { text: v })))))));
      }
    } else {
      li.append(h("p", { class: "action-missing", text: `${s.needs}: ${s.list(missing.map((m) => s.needWords[m]))}` }));
    }
    list.append(li);
  }
}

// ---- language --------------------------------------------------------------------------------

function applyLanguage() {
  const s = t();
  document.documentElement.lang = s.htmlLang;
  document.title = s.docTitle;
  for (const el of document.querySelectorAll("[data-t]")) {
    const v = s[el.dataset.t];
    if (typeof v === "string") el.textContent = v;
  }
  for (const el of document.querySelectorAll("[data-t-aria]")) el.setAttribute("aria-label", s[el.dataset.tAria]);
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  inputs.end.placeholder = longTerm.checked ? LONG_TERM_WIRE : "YYYY-MM-DD";
}

// ---- wiring ----------------------------------------------------------------------------------

applyLanguage();

for (const b of document.querySelectorAll("[data-lang]")) {
  b.addEventListener("click", () => {
    lang = b.dataset.lang;
    applyLanguage();
    if (document.documentElement.dataset.ready === "true") render();
  });
}

try {
  // The browser module is ready on import; region names are an opt-in chunk (about 23 KB gzipped).
  await loadRegionNames();
} catch (e) {
  const banner = $("loading");
  banner.classList.add("is-error");
  banner.textContent = t().loadFailed + String(e && e.message ? e.message : e);
  throw e;
}

for (const f of FIELDS) {
  const input = inputs[f];
  input.disabled = false;
  input.addEventListener("input", () => {
    touched[f] = true;
    render();
  });
  // Leaving a field with something in it shows its state (a value can arrive without typing, e.g.
  // autofill). Only then: re-drawing on every blur would swap out a button the user is clicking.
  input.addEventListener("blur", () => {
    if (touched[f] || blank(input.value)) return;
    touched[f] = true;
    render();
  });
}
longTerm.disabled = false;
longTerm.addEventListener("change", () => {
  touched.end = true;
  if (longTerm.checked) {
    stashedEnd = inputs.end.value;
    inputs.end.value = "";
    inputs.end.disabled = true;
  } else {
    inputs.end.value = stashedEnd;
    inputs.end.disabled = false;
    touched.end = !blank(stashedEnd);
  }
  inputs.end.placeholder = longTerm.checked ? LONG_TERM_WIRE : "YYYY-MM-DD";
  render();
});

$("today").textContent = chinaToday();
$("loading").hidden = true;
render();
document.documentElement.dataset.ready = "true";
