// One fresh-process import measurement, spawned by bench/run.mjs: `node bench/import-child.mjs NAME`.
// Prints {"importMs": …, "totalMs": …}: the time around `await import(…)` plus what a caller needs
// before a first answer (construct a client, one call), and performance.now() at the end, which in
// a fresh process counts from the process start (Node's start-up included).
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const t0 = performance.now();
const name = process.argv[2];
const KEY = { accessKeyId: "LTAI5tBenchmarkKey0001", accessKeySecret: "BenchmarkSecret0123456789abcdef" };
let answer;
switch (name) {
  case "aliyun-idv": {
    const pkg = process.env.IDV_PKG || new URL("../pkg", import.meta.url).pathname;
    const m = await import(pathToFileURL(join(pkg, "node.mjs")).href);
    answer = m.checkIdNumber("11010519491231002X").ok;
    break;
  }
  case "validator": {
    const m = (await import("validator")).default;
    answer = m.isIdentityCard("11010519491231002X", "zh-CN");
    break;
  }
  case "idcard": {
    const m = (await import("idcard")).default;
    answer = m.verify("11010519491231002X");
    break;
  }
  case "id-validator": {
    const V = (await import("id-validator")).default;
    const G = (await import("id-validator/src/GB2260.js")).default;
    answer = new V(G).isValid("11010519491231002X");
    break;
  }
  case "libphonenumber-js/max": {
    const m = await import("libphonenumber-js/max");
    answer = m.isValidPhoneNumber("13812345678", "CN");
    break;
  }
  case "@alicloud/openapi-util": {
    const m = (await import("@alicloud/openapi-util")).default.default;
    answer = m.getRPCSignature({ Action: "Id2MetaVerifyIntl" }, "POST", KEY.accessKeySecret).length > 0;
    break;
  }
  case "@alicloud/pop-core": {
    const m = (await import("@alicloud/pop-core")).default;
    answer = Boolean(new m.RPCClient({ ...KEY, endpoint: "https://cloudauth-intl.cn-hongkong.aliyuncs.com", apiVersion: "2022-08-09" }));
    break;
  }
  case "@alicloud/openapi-client": {
    const m = (await import("@alicloud/openapi-client")).default;
    answer = Boolean(new m.default({ ...KEY, endpoint: "cloudauth-intl.cn-hongkong.aliyuncs.com" }));
    break;
  }
  case "(nothing)":
    answer = true;
    break;
  default:
    throw new Error("unknown target " + name);
}
const t1 = performance.now();
if (answer !== true) throw new Error(`${name}: the first call did not answer as expected (${answer})`);
process.stdout.write(JSON.stringify({ importMs: t1 - t0, totalMs: t1 }) + "\n");
