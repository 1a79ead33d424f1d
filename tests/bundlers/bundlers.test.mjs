// The packed tarball in fresh projects built by each bundler with default settings, the way an
// app developer would: Vite 8, webpack 5 (webpack-cli), esbuild for the browser (run in
// Chromium), esbuild for Node servers (ESM and CJS output, run by Node from a directory with no
// node_modules), and `wrangler deploy --dry-run` (which must pick the `workerd` entry). Each
// asserts a real check result. The bundlers are pinned in tests/bundlers/package-lock.json.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serveStatic } from "../../scripts/static-server.mjs";
import { launchChromium } from "../browser/chromium.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = join(here, "../..");
const bin = (pkg, file) => join(here, "node_modules", pkg, file);
const pkgtest = readFileSync(join(repo, "build/pkgtest-dir"), "utf8").trim();
const tarball = join(pkgtest, readdirSync(pkgtest).find((f) => f.endsWith(".tgz")));
const budget = JSON.parse(readFileSync(join(repo, "size-budget.json"), "utf8"));
const gz = (b) => gzipSync(b, { level: 9 }).length;

let project, browser;

/** A fresh project with the tarball installed and the app's sources. */
function freshProject() {
  const dir = mkdtempSync(join(tmpdir(), "aliyun-idv-bundlers-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", tarball, "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir, stdio: "ignore" });
  cpSync(join(here, "app"), join(dir, "src"), { recursive: true });
  return dir;
}

function run(file, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: "utf8", maxBuffer: 1 << 26, ...opts }, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout));
  });
}

/** Every file under `dir` (relative paths). */
function files(dir, prefix = "") {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f), prefix + f + "/") : [prefix + f]));
}

/** What a page loads from `dist`, gzipped: its JS and wasm. */
function shipped(dist) {
  return files(dist).filter((f) => /\.(m?js|wasm)$/.test(f)).reduce((n, f) => n + gz(readFileSync(join(dist, f))), 0);
}

/** Serves `dist`, opens `page`, returns window.__result and every requested path. */
async function inChromium(dist, page) {
  const server = await serveStatic(dist);
  const tab = await browser.newPage();
  const errors = [];
  const requested = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  tab.on("request", (r) => requested.push(new URL(r.url()).pathname));
  tab.on("requestfailed", (r) => errors.push(`${r.url()} failed`));
  tab.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(`${r.url()}: ${r.status()}`));
  try {
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 15000 });
    const result = await tab.evaluate(() => window.__result);
    assert.deepEqual(errors, []);
    return { result, requested };
  } finally {
    await tab.close();
    server.close();
  }
}

function assertChecked({ good, bad }) {
  assert.equal(good.ok, true, JSON.stringify(good));
  assert.deepEqual([good.info.birthDate, good.info.gender, good.info.regionCode], ["1949-12-31", "female", "110105"]);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, "ID_CHECKSUM");
}

before(async () => {
  project = freshProject();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test("Vite 8: `vite build` with no config; the page checks an ID number; what it ships is within budget", async () => {
  await run(process.execPath, [bin("vite", "bin/vite.js"), "build", "src", "--outDir", "../dist-vite", "--logLevel", "warn"], { cwd: project });
  const dist = join(project, "dist-vite");
  const { result, requested } = await inChromium(dist, "index.html");
  assertChecked(result);
  // A production build picks browser-wasm.mjs (`browser` + `production`): the module as an asset.
  assert.equal(requested.filter((p) => p.endsWith(".wasm")).length, 1, requested.join(", "));
  const bytes = shipped(dist);
  console.log(`vite: the page ships ${bytes} bytes gzipped (JS + wasm), budget ${budget.viteCheckPageGzipBytes}`);
  assert.ok(bytes <= budget.viteCheckPageGzipBytes, `the Vite page ships ${bytes} bytes gzipped, over size-budget.json`);
});

test("webpack 5 (webpack-cli, production mode, no config): the page checks an ID number, the module emitted as a .wasm asset", async () => {
  const dist = join(project, "dist-webpack");
  await run(process.execPath, [bin("webpack-cli", "bin/cli.js"), "--mode", "production", "--entry", "./src/main.js", "--output-path", dist], { cwd: project });
  writeFileSync(join(dist, "index.html"), '<!doctype html><meta charset="utf-8"><script src="./main.js"></script>');
  const { result, requested } = await inChromium(dist, "index.html");
  assertChecked(result);
  assert.equal(requested.filter((p) => p.endsWith(".wasm")).length, 1, requested.join(", "));
});

test("esbuild (browser platform, ESM and IIFE): the page checks an ID number, no .wasm to copy", async () => {
  const esbuild = join(repo, "node_modules/esbuild/bin/esbuild");
  for (const format of ["esm", "iife"]) {
    const dist = join(project, `dist-esbuild-${format}`);
    mkdirSync(dist, { recursive: true });
    await run(esbuild, ["src/main.js", "--bundle", `--format=${format}`, `--outfile=${dist}/main.js`, "--log-level=warning"], { cwd: project });
    writeFileSync(join(dist, "index.html"), `<!doctype html><meta charset="utf-8"><script ${format === "esm" ? 'type="module" ' : ""}src="./main.js"></script>`);
    const { result, requested } = await inChromium(dist, "index.html");
    assertChecked(result);
    assert.deepEqual(requested.filter((p) => p.endsWith(".wasm")), [], format);
  }
});

test("esbuild (node platform, ESM and CJS output): a server bundle runs alone, checks, signs and verifies", async () => {
  const esbuild = join(repo, "node_modules/esbuild/bin/esbuild");
  for (const format of ["esm", "cjs"]) {
    const out = join(project, `server-${format}.${format === "esm" ? "mjs" : "cjs"}`);
    await run(esbuild, ["src/server.mjs", "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`, "--log-level=error"], { cwd: project });
    // Run from a directory with no node_modules and no .wasm: the bundle must be self-contained.
    const alone = mkdtempSync(join(tmpdir(), "aliyun-idv-server-"));
    cpSync(out, join(alone, "server" + (format === "esm" ? ".mjs" : ".cjs")));
    const stdout = await run(process.execPath, [join(alone, "server" + (format === "esm" ? ".mjs" : ".cjs"))], { cwd: alone });
    const r = JSON.parse(stdout);
    assert.equal(r.check.ok, true, format);
    assert.equal(r.check.info.regionName, "朝阳区", `${format}: the server module has the names`);
    assert.match(r.body, /IdentifyNum=11010519491231002X/, format);
    assert.match(r.auth, /^ACS3-HMAC-SHA256 Credential=ak,/, format);
    assert.equal(r.verdict, "match", `${format}: createClient (the lazily required client bundle) works inside the bundle`);
  }
});

test("wrangler deploy --dry-run picks the workerd entry (the .wasm as a module, not the browser or Node entry)", async () => {
  const dir = join(project, "worker");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "wrangler.json"), JSON.stringify({ name: "idv-dry-run", main: "../src/worker.mjs", compatibility_date: "2025-01-01" }));
  // Its own process group, killed as a group at the end (wrangler starts helpers).
  const child = spawn(process.execPath, [bin("wrangler", "bin/wrangler.js"), "deploy", "--dry-run", "--outdir", "out"], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_API_TOKEN: "", CI: "1", NO_UPDATE_NOTIFIER: "1", HOME: dir },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  try {
    const code = await new Promise((resolve) => child.on("exit", resolve));
    assert.equal(code, 0, output);
  } finally {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  const out = join(dir, "out");
  const emitted = files(out);
  const bundle = readFileSync(join(out, emitted.find((f) => f.endsWith(".js"))), "utf8");
  // The workerd entry imports the .wasm as a module, which wrangler emits beside the bundle.
  assert.ok(emitted.some((f) => f.endsWith(".wasm")), `no .wasm module in ${emitted.join(", ")}`);
  assert.match(bundle, /initSync\(\{ module: \w+ \}\)/);
  assert.doesNotMatch(bundle, /aliyun_idv_browser|readFileSync|base64/, "not the browser or Node entry");
  assert.match(output, /--dry-run: exiting now/);
});
