import { readFileSync } from "node:fs";
// Measures the parse path of the two boundary protocols in one process, alternating rounds: the
// package's (fixed fields, pkg/) against the serde-wasm-bindgen prototype (./bg/, see README.md).
const here = new URL(".", import.meta.url);
const glue = await import(new URL("bg/s.js", here).href);
glue.initSync({ module: readFileSync(new URL("bg/s_bg.wasm", here)) });
const idv = await import(new URL("../../pkg/node.mjs", here).href);
const BODY = '{"RequestId":"6F8A-1","Code":"Success","Message":"success","Result":{"BizCode":"2","SubCode":"203","IspName":"CMCC"}}';
const H = { "x-acs-request-id": "6F8A-1" };
function swb(action, status, body, headers) {
  let json; try { json = JSON.parse(body); } catch {}
  const isObject = json !== null && typeof json === "object" && !Array.isArray(json);
  const r = isObject ? (json.Result ?? json.ResultObject) : undefined;
  const input = { isObject, requestId: isObject ? json.RequestId : undefined, code: isObject ? json.Code : undefined, message: isObject ? json.Message : undefined,
    result: r && typeof r === "object" && !Array.isArray(r) ? r : undefined, headers: Object.entries(headers) };
  return glue.parseResponseSwb(action, status, input);
}
const a = idv.parseResponse("Mobile3MetaVerifyIntl", 200, BODY, H), b = swb("Mobile3MetaVerifyIntl", 200, BODY, H);
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("the two protocols disagree: " + JSON.stringify([a, b]));
function round(fn, ms) { let n = 0; const t0 = performance.now(); while (performance.now() - t0 < ms) { for (let k = 0; k < 50; k++) fn(); n += 50; } return n / (performance.now() - t0); }
const ratios = [];
for (let i = 0; i < 12; i++) { const f = round(() => idv.parseResponse("Mobile3MetaVerifyIntl", 200, BODY, H), 120); const s = round(() => swb("Mobile3MetaVerifyIntl", 200, BODY, H), 120); ratios.push(f / s); }
ratios.sort((x, y) => x - y);
console.log("fixed fields ÷ serde-wasm-bindgen, parse path, median", ratios[6].toFixed(2), ratios.map((x) => x.toFixed(2)).join(" "));
