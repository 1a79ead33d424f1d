// Assembles pkg/ (the npm package) from pkg-template/ and the wasm-bindgen output in build/bindgen/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);
const at = (p) => new URL(p, root);
const out = at("pkg/");

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const f of readdirSync(at("pkg-template/"))) copyFileSync(at("pkg-template/" + f), new URL(f, out));
for (const f of ["aliyun_idv.js", "aliyun_idv_bg.wasm"]) copyFileSync(at("build/bindgen/" + f), new URL(f, out));
copyFileSync(at("README.md"), new URL("README.md", out));
copyFileSync(at("NOTICE.md"), new URL("NOTICE.md", out));
copyFileSync(at("SECURITY.md"), new URL("SECURITY.md", out));
// Declarations for `require`: same API, CommonJS flavour.
writeFileSync(new URL("index.d.cts", out), readFileSync(new URL("index.d.ts", out), "utf8"));

// The package version is the crate's.
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(at("Cargo.toml"), "utf8"))[1];
const pkgJson = JSON.parse(readFileSync(new URL("package.json", out), "utf8"));
pkgJson.version = version;
writeFileSync(new URL("package.json", out), JSON.stringify(pkgJson, null, 2) + "\n");

// node.cjs: the ESM Node entry bundled as CommonJS, for `require("aliyun-idv")`.
await build({
  entryPoints: [new URL("node.mjs", out).pathname],
  outfile: new URL("node.cjs", out).pathname,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  define: { "import.meta.url": "__aliyunIdvModuleUrl" },
  banner: { js: 'const __aliyunIdvModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});

const wasm = readFileSync(new URL("aliyun_idv_bg.wasm", out));
console.log(`pkg/: aliyun-idv ${version}, aliyun_idv_bg.wasm ${wasm.length} bytes (${gzipSync(wasm, { level: 9 }).length} gzipped)`);
