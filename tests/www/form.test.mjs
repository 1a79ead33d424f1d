// The browser demo (www/) in headless Chromium: states, messages, normalisation, the language
// switch, the summary and its masked preview, keyboard order, and screenshots as test artefacts
// (build/artifacts/www-desktop.png, www-phone.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../../scripts/static-server.mjs";
import { launchChromium } from "../browser/chromium.mjs";

const root = new URL("../../", import.meta.url);
const artifacts = fileURLToPath(new URL("build/artifacts/", root));

/** MD5 by node:crypto: an implementation independent of the package's md5Hex. */
const md5 = (s) => createHash("md5").update(Buffer.from(s, "utf8")).digest("hex");

// Valid test data. Dates of validity are chosen years away from today (2026) so they stay valid.
const ID_1949 = "11010519491231002X"; // female, 1949-12-31, 北京市朝阳区
const ID_1980 = withCheck("11010519800515001"); // male, 1980-05-15 (20-year term when issued in 2020)
const ID_UNLISTED = withCheck("11019919800515001"); // 110199: not a county code of the list
const ID_1980_X = withCheck("44030519800515118"); // female, 1980-05-15, 广东省南山区, ends in X
const ID_ABOLISHED = withCheck("11011019950615001"); // 110110 燕山区 ended in 1985, born 1995

/** Appends the ISO 7064 MOD 11-2 check character to 17 digits. */
function withCheck(d17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(d17[i]) * w[i];
  return d17 + "10X98765432"[sum % 11];
}

let server, browser, origin;

before(async () => {
  server = await serveStatic(fileURLToPath(new URL("www/", root)), {
    mounts: { "/pkg/": fileURLToPath(new URL("pkg/", root)) },
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/**
 * A fresh page in its own context (locale decides the default language), ready to type in. Every
 * request the page makes is checked: one that leaves the page's origin is refused and recorded,
 * and closing the page fails the test if there was any ("the page loads nothing from outside").
 */
async function open({ locale = "en-US", width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  const offsite = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 15000 });
  return {
    page,
    errors,
    offsite,
    close: async () => {
      await context.close();
      assert.deepEqual(offsite, [], "requests that left the page's origin");
    },
    type: (sel, text) => page.locator(sel).pressSequentially(text),
    fill: async (sel, text) => {
      await page.locator(sel).fill(text);
    },
    state: (sel) => page.locator(sel).evaluate((el) => el.closest(".field").dataset.state),
    invalid: (sel) => page.locator(sel).getAttribute("aria-invalid"),
    text: (sel) => page.locator(sel).innerText(),
    facts: (sel) =>
      page.locator(sel).evaluate((dl) =>
        Object.fromEntries([...dl.querySelectorAll("div")].map((d) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent]))),
  };
}

test("nothing is shown before the user types; the fields are wired to their messages", async () => {
  const p = await open();
  try {
    for (const [sel, key] of [["#name", "name"], ["#id-number", "id"], ["#mobile", "mobile"], ["#validity-start", "start"], ["#validity-end", "end"]]) {
      assert.equal(await p.state(sel), "", sel);
      assert.notEqual(await p.invalid(sel), "true", sel);
      assert.equal(await p.text(`#${key}-msg`), "", sel);
      const describedBy = (await p.page.locator(sel).getAttribute("aria-describedby")).split(" ");
      assert.ok(describedBy.includes(`${key}-msg`), sel);
      const label = await p.page.locator(`label[for="${sel.slice(1)}"]`).count();
      assert.equal(label, 1, `label for ${sel}`);
    }
    // Focusing and leaving an empty field says nothing either.
    await p.page.locator("#name").focus();
    await p.page.locator("#id-number").focus();
    await p.page.locator("#mobile").focus();
    assert.equal(await p.state("#name"), "");
    assert.equal(await p.state("#id-number"), "");
    assert.equal(await p.text("#name-msg"), "");
    assert.equal(await p.page.locator(".action.is-ready").count(), 0);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
});

test("a valid ID number: ok, with birth date, gender, age and region", async () => {
  const p = await open();
  try {
    await p.type("#id-number", ID_1949);
    assert.equal(await p.state("#id-number"), "ok");
    assert.equal(await p.invalid("#id-number"), "false");
    assert.match(await p.text("#id-msg"), /Valid ID number/);
    const facts = await p.facts("#id-facts");
    assert.equal(facts["Birth date"], "1949-12-31");
    assert.equal(facts["Gender"], "Female");
    assert.match(facts["Age"], /^\d+ years$/);
    assert.match(facts["Region"], /北京市 朝阳区 \(110105\)/);
    assert.equal(await p.page.locator("#id-norm").isHidden(), true, "no normalisation to show");
  } finally {
    await p.close();
  }
});

test("an ID number with a wrong check character: the library's message, aria-invalid=true", async () => {
  const p = await open();
  try {
    await p.type("#id-number", "110105194912310021");
    assert.equal(await p.state("#id-number"), "error");
    assert.equal(await p.invalid("#id-number"), "true");
    assert.match(await p.text("#id-msg"), /The last character of the ID number does not match the others/);
    assert.equal(await p.page.locator("#id-facts").isHidden(), true);
    // In Chinese, the Chinese message.
    await p.page.locator("#lang-zh").click();
    assert.match(await p.text("#id-msg"), /身份证号码校验位不正确/);
    assert.equal(await p.invalid("#id-number"), "true");
  } finally {
    await p.close();
  }
});

test("errors show from the first keystroke, and on blur", async () => {
  const p = await open();
  try {
    await p.type("#id-number", "1");
    assert.equal(await p.state("#id-number"), "error");
    assert.match(await p.text("#id-msg"), /18 characters/);
    // A value that arrives without typing (e.g. autofill) is checked when the field is left.
    await p.page.locator("#mobile").evaluate((el) => { el.value = "12345"; });
    await p.page.locator("#mobile").focus();
    assert.equal(await p.state("#mobile"), "");
    await p.page.keyboard.press("Tab");
    assert.equal(await p.state("#mobile"), "error");
  } finally {
    await p.close();
  }
});

test("full-width digits and a lower-case x: the normalised value is shown", async () => {
  const p = await open();
  try {
    await p.type("#id-number", "１１０１０５１９４９１２３１００２x");
    assert.equal(await p.state("#id-number"), "ok");
    assert.equal(await p.page.locator("#id-norm").isVisible(), true);
    assert.match(await p.text("#id-norm"), /Normalised to\s+11010519491231002X/);
  } finally {
    await p.close();
  }
});

test("a 15-digit number offers the 18-digit one", async () => {
  const p = await open();
  try {
    await p.type("#id-number", "110105491231002");
    assert.equal(await p.state("#id-number"), "error");
    assert.match(await p.text("#id-msg"), /first-generation 15-digit number/);
    assert.match(await p.text("#id-msg"), /11010519491231002X/);
    await p.page.getByRole("button", { name: "Use the 18-digit number" }).click();
    assert.equal(await p.page.locator("#id-number").inputValue(), ID_1949);
    assert.equal(await p.state("#id-number"), "ok");
  } finally {
    await p.close();
  }
});

test("region warnings: warning state with the page's explanation in both languages", async () => {
  const p = await open();
  try {
    await p.type("#id-number", ID_UNLISTED);
    assert.equal(await p.state("#id-number"), "warning");
    assert.equal(await p.invalid("#id-number"), "false");
    assert.match(await p.text("#id-msg"), /The region code is not in our list; the number may still be real/);
    assert.match((await p.facts("#id-facts"))["Region"], /110199/);
    await p.page.locator("#lang-zh").click();
    assert.match(await p.text("#id-msg"), /该地区代码不在我们的列表中，号码仍可能有效/);

    await p.fill("#id-number", "");
    await p.type("#id-number", ID_ABOLISHED);
    assert.equal(await p.state("#id-number"), "warning");
    assert.match(await p.text("#id-msg"), /该地区代码在出生前多年已撤销/);
    await p.page.locator("#lang-en").click();
    assert.match(await p.text("#id-msg"), /This region code was abolished well before the birth date/);
    // A warning does not stop the actions.
    await p.type("#name", "张三");
    assert.equal(await p.page.locator('[data-action="Id2MetaVerifyIntl"]').getAttribute("data-ready"), "true");
  } finally {
    await p.close();
  }
});

test("names: valid, invalid, and a look-alike dot normalised to ·", async () => {
  const p = await open();
  try {
    await p.type("#name", "张三");
    assert.equal(await p.state("#name"), "ok");
    assert.equal((await p.facts("#name-facts"))["Length"], "2 characters");

    await p.fill("#name", "");
    await p.type("#name", "Zhang San");
    assert.equal(await p.state("#name"), "error");
    assert.equal(await p.invalid("#name"), "true");
    assert.match(await p.text("#name-msg"), /only Chinese characters/);

    await p.fill("#name", "");
    await p.type("#name", "阿卜杜拉•买买提");
    assert.equal(await p.state("#name"), "ok");
    assert.match(await p.text("#name-norm"), /阿卜杜拉·买买提/);
    assert.equal((await p.facts("#name-facts"))["Middle dot"], "Minority name (with ·)");

    // Erasing a required field after typing in it says so.
    await p.fill("#name", "");
    await p.page.locator("#name").press("Tab");
    assert.equal(await p.state("#name"), "error");
  } finally {
    await p.close();
  }
});

test("mobile: carrier for a mainland number, normalised from +86; a Hong Kong number is an error", async () => {
  const p = await open();
  try {
    await p.type("#mobile", "13812345678");
    assert.equal(await p.state("#mobile"), "ok");
    const facts = await p.facts("#mobile-facts");
    assert.equal(facts["Carrier (by prefix)"], "China Mobile (CMCC)");
    assert.equal(facts["Number range"], "Mobile network");

    await p.fill("#mobile", "");
    await p.type("#mobile", "+86 138-1234-5678");
    assert.equal(await p.state("#mobile"), "ok");
    assert.match(await p.text("#mobile-norm"), /13812345678/);

    await p.fill("#mobile", "");
    await p.type("#mobile", "+852 9123 4567");
    assert.equal(await p.state("#mobile"), "error");
    assert.equal(await p.invalid("#mobile"), "true");
    assert.match(await p.text("#mobile-msg"), /Only mainland China \(\+86\) mobile numbers/);
    await p.page.locator("#lang-zh").click();
    assert.match(await p.text("#mobile-msg"), /仅支持中国大陆（\+86）手机号码/);
    assert.equal((await p.facts("#mobile-facts").catch(() => ({})))["运营商（按号段）"], undefined);
  } finally {
    await p.close();
  }
});

test("validity period: a 20-year term checked against the age; long-term; a wrong term", async () => {
  const p = await open();
  try {
    await p.type("#id-number", ID_1980);
    await p.type("#validity-start", "2020.05.01");
    await p.type("#validity-end", "2040-05-01");
    assert.equal(await p.state("#validity-start"), "ok");
    assert.equal(await p.state("#validity-end"), "ok");
    assert.match(await p.text("#start-norm"), /20200501/);
    let facts = await p.facts("#period-facts");
    assert.equal(facts["Term"], "20 years");
    assert.equal(facts["Expires on"], "2040-05-01");
    assert.match(facts["Age rule"], /checked against the holder's age/);

    // Long-term does not fit someone who was 39 at issue: the error is on the end date.
    await p.page.locator("#long-term").check();
    assert.equal(await p.page.locator("#validity-end").isDisabled(), true);
    assert.equal(await p.state("#validity-end"), "error");
    assert.equal(await p.invalid("#validity-end"), "true");
    assert.match(await p.text("#end-msg"), /does not fit the holder's age/);

    // For someone born in 1949 it does.
    await p.fill("#id-number", "");
    await p.type("#id-number", ID_1949);
    assert.equal(await p.state("#validity-end"), "ok");
    facts = await p.facts("#period-facts");
    assert.equal(facts["Term"], "Long-term");
    assert.equal(facts["Expires on"], "Never (long-term)");

    // Unticking gives the typed end date back.
    await p.page.locator("#long-term").uncheck();
    assert.equal(await p.page.locator("#validity-end").inputValue(), "2040-05-01");
    assert.equal(await p.state("#validity-end"), "error");

    // A bad start date is the start's error.
    await p.fill("#validity-start", "");
    await p.type("#validity-start", "2020-5-1");
    assert.equal(await p.state("#validity-start"), "error");
    assert.match(await p.text("#start-msg"), /start date of the validity period/);
  } finally {
    await p.close();
  }
});

test("language switch: labels, messages and <html lang> follow; default from navigator.language", async () => {
  const p = await open({ locale: "en-US" });
  try {
    assert.equal(await p.page.getAttribute("html", "lang"), "en");
    assert.equal(await p.text('label[for="id-number"]'), "ID number");
    await p.type("#name", "Bob");
    assert.match(await p.text("#name-msg"), /only Chinese characters/);
    await p.page.locator("#lang-zh").click();
    assert.equal(await p.page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(await p.text('label[for="id-number"]'), "身份证号码");
    assert.equal(await p.text("#summary-title"), "可调用的接口");
    assert.match(await p.text("#name-msg"), /姓名只能包含汉字/);
    assert.equal(await p.page.locator("#lang-zh").getAttribute("aria-pressed"), "true");
    assert.equal(await p.page.locator("#lang-en").getAttribute("aria-pressed"), "false");
    await p.page.locator("#lang-en").click();
    assert.equal(await p.text('label[for="id-number"]'), "ID number");
    assert.match(await p.text("#name-msg"), /only Chinese characters/);
  } finally {
    await p.close();
  }
  const zh = await open({ locale: "zh-CN" });
  try {
    assert.equal(await zh.page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(await zh.text('label[for="name"]'), "姓名");
  } finally {
    await zh.close();
  }
});

test("summary: the ready actions, a masked preview that never holds the full values, md5 for Mobile3Meta", async () => {
  const p = await open();
  try {
    const ready = () => p.page.locator(".action").evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.action, e.dataset.ready === "true"])));
    await p.type("#name", "张三");
    assert.deepEqual(await ready(), { Id2MetaVerifyIntl: false, Mobile3MetaVerifyIntl: false, Id2MetaPeriodVerifyIntl: false, Id2MetaVerify: false });
    assert.match(await p.text('[data-action="Id2MetaVerifyIntl"]'), /Needs: ID number/);
    await p.type("#id-number", ID_1980);
    assert.deepEqual(await ready(), { Id2MetaVerifyIntl: true, Mobile3MetaVerifyIntl: false, Id2MetaPeriodVerifyIntl: false, Id2MetaVerify: true });
    await p.type("#mobile", "13812345678");
    await p.type("#validity-start", "2020-05-01");
    await p.type("#validity-end", "2040-05-01");
    assert.deepEqual(await ready(), { Id2MetaVerifyIntl: true, Mobile3MetaVerifyIntl: true, Id2MetaPeriodVerifyIntl: true, Id2MetaVerify: true });

    const summary = await p.text(".summary");
    for (const full of [ID_1980, "张三", "13812345678"]) assert.ok(!summary.includes(full), `summary holds ${full}`);
    const html = await p.page.locator(".summary").innerHTML();
    for (const full of [ID_1980, "张三", "13812345678"]) assert.ok(!html.includes(full), `summary markup holds ${full}`);

    const intl = await p.text('[data-action="Id2MetaVerifyIntl"]');
    assert.match(intl, /ProductCode\s+ID_2META/);
    assert.match(intl, /ParamType\s+normal/);
    assert.match(intl, /IdentifyNum\s+110105\*{8}0016/);
    assert.match(intl, /UserName\s+张\*/);

    const m3 = await p.text('[data-action="Mobile3MetaVerifyIntl"]');
    assert.match(m3, /ProductCode\s+MOBILE_3META/);
    assert.match(m3, /Mobile\s+138\*\*\*\*5678/);
    assert.match(m3, /ParamType\s+md5/);
    // The md5 forms, computed by node:crypto (not by the package under test).
    for (const h of [md5(ID_1980), md5("张三"), md5("13812345678")]) assert.ok(m3.includes(h), `md5 preview holds ${h}`);
    assert.ok(m3.includes("615db57aa314529aaa0fbe95b3e95bd3"), "md5 of 张三");

    const period = await p.text('[data-action="Id2MetaPeriodVerifyIntl"]');
    assert.match(period, /DocType\s+00000001/);
    assert.match(period, /DocName\s+张\*/);
    assert.match(period, /ValidityStartDate\s+20200501/);
    assert.match(period, /ValidityEndDate\s+20400501/);

    const mainland = await p.text('[data-action="Id2MetaVerify"]');
    assert.match(mainland, /ParamType\s+normal/);
    assert.doesNotMatch(mainland, /ProductCode/);

    // Long-term goes out as 长期 (born 1949: long-term fits).
    await p.fill("#id-number", "");
    await p.type("#id-number", ID_1949);
    await p.page.locator("#long-term").check();
    assert.match(await p.text('[data-action="Id2MetaPeriodVerifyIntl"]'), /ValidityEndDate\s+长期/);

    // The page holds no secret and says where signing belongs.
    assert.match(await p.text("#server-note"), /Signing belongs on the server/);
    assert.equal(await p.page.locator('input[type="password"], input[name*="ecret" i], input[name*="accesskey" i]').count(), 0);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
});

test("the md5 preview hashes the normalised values, not what was typed", async () => {
  const p = await open();
  try {
    const typed = { name: "阿卜杜拉•买买提", id: "１１０１０５１９４９１２３１００２ｘ", mobile: "+86 138 1234 5678" };
    await p.type("#name", typed.name);
    await p.type("#id-number", typed.id);
    await p.type("#mobile", typed.mobile);
    const m3 = await p.text('[data-action="Mobile3MetaVerifyIntl"]');
    for (const normal of ["阿卜杜拉·买买提", ID_1949, "13812345678"]) assert.ok(m3.includes(md5(normal)), `md5 of ${normal}`);
    for (const raw of Object.values(typed)) assert.ok(!m3.includes(md5(raw)), `md5 of the typed ${raw}`);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
});

test("a request to another origin is caught (the guard itself works)", async () => {
  const p = await open();
  try {
    await p.page.evaluate(() => fetch("http://192.0.2.1/tracker.gif").catch(() => "refused"));
    assert.deepEqual(p.offsite, ["http://192.0.2.1/tracker.gif"]);
    p.offsite.length = 0;
  } finally {
    await p.close();
  }
});

test("keyboard: Tab reaches the language switch and every field in order; Space ticks long-term", async () => {
  const p = await open();
  try {
    const order = [];
    for (let i = 0; i < 12; i++) {
      await p.page.keyboard.press("Tab");
      order.push(await p.page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
    }
    const want = ["lang-zh", "lang-en", "name", "id-number", "mobile", "validity-start", "validity-end", "long-term"];
    const got = order.filter((id) => want.includes(id));
    assert.deepEqual(got.slice(0, want.length), want);
    // Typing into the focused field and switching language by keyboard work too.
    await p.page.locator("#long-term").focus();
    await p.page.keyboard.press("Space");
    assert.equal(await p.page.locator("#long-term").isChecked(), true);
    await p.page.locator("#lang-zh").focus();
    await p.page.keyboard.press("Enter");
    assert.equal(await p.page.getAttribute("html", "lang"), "zh-CN");
  } finally {
    await p.close();
  }
});

test("screenshots of the filled form at desktop and phone width (build/artifacts/)", async () => {
  mkdirSync(artifacts, { recursive: true });
  for (const [file, width, height, locale] of [["www-desktop.png", 1280, 900, "zh-CN"], ["www-phone.png", 375, 812, "zh-CN"]]) {
    const p = await open({ locale, width, height });
    try {
      await p.type("#name", "张三");
      assert.equal(ID_1980_X.at(-1), "X");
      await p.type("#id-number", ID_1980_X.slice(0, 17) + "x");
      await p.type("#mobile", "138 1234 5678");
      await p.type("#validity-start", "2020.05.01");
      await p.type("#validity-end", "2040.05.01");
      await p.page.locator("#validity-end").blur();
      assert.equal(await p.page.locator(".action.is-ready").count(), 4);
      // Nothing may stick out sideways on a phone.
      const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${file}: horizontal overflow`);
      await p.page.screenshot({ path: artifacts + file, fullPage: true });
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  }
});
