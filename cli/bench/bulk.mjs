// Bulk benchmark (not a test): `aliyun-idv check` on a generated 3-column CSV (ID number, name,
// mobile) of ROWS rows (default 1,000,000), in this process on one core. Prints wall time, CPU
// time (user + system) and rows per minute of each; BENCHMARKS.md "Bulk" has the figures.
//   node cli/bench/bulk.mjs [rows] [--jsonl] [--gbk]
import { mkdirSync, statSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import * as idv from "aliyun-idv";
import { runCheck } from "../src/check.mjs";
import { person, prng, TODAY } from "../test/fixtures/generate.mjs";

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const jsonl = args.includes("--jsonl");
const gbk = args.includes("--gbk");
const dir = fileURLToPath(new URL("../../build/bench-cli/", import.meta.url));
mkdirSync(dir, { recursive: true });
const file = join(dir, `people-${rows}.${jsonl ? "jsonl" : gbk ? "gbk.csv" : "csv"}`);

async function generate() {
  const out = createWriteStream(file);
  const rand = prng(7);
  let buf = jsonl ? "" : "身份证号,姓名,手机号\n";
  const flush = async (s) => {
    const bytes = gbk ? encodeGbk(s) : s;
    if (!out.write(bytes)) await new Promise((r) => out.once("drain", r));
  };
  for (let i = 0; i < rows; i++) {
    const p = person(rand);
    buf += jsonl ? JSON.stringify({ id_number: p.idNumber, name: p.name, mobile: p.mobile }) + "\n" : `${p.idNumber},${p.name},${p.mobile}\n`;
    if (buf.length > 1 << 16) {
      await flush(buf);
      buf = "";
    }
  }
  await flush(buf);
  await new Promise((r) => out.end(r));
}

// GBK encoding of the fixture's characters (ASCII and the CJK of the name lists), through a table
// built by decoding every GBK double-byte code once.
let gbkTable;
function encodeGbk(s) {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder("gbk");
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
      const ch = d.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
    }
  }
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else out.push(...gbkTable.get(ch));
  }
  return Buffer.from(out);
}

// Generate once (kept in build/bench-cli/), then measure in a fresh process, so that the figures
// (CPU time and peak memory above all) are those of the check alone.
if (!args.includes("--measure")) {
  let have = false;
  try {
    have = statSync(file).size > 0;
  } catch {
    // generate below
  }
  if (!have) await generate();
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, "--measure"], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const sink = new Writable({ write(_c, _e, cb) { cb(); } });
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const code = await runCheck(idv, file, { json: true, maxListed: 0, today: TODAY, progress: false, encoding: gbk ? "gbk" : "utf8" }, { stdout: sink, stderr: sink });
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const mb = statSync(file).size / 1e6;
const perMin = (s) => Math.round((rows / s) * 60).toLocaleString("en-US");
console.log(`check ${jsonl ? "JSON Lines" : gbk ? "CSV (GBK)" : "CSV (UTF-8)"}, 3 columns, ${rows.toLocaleString("en-US")} rows, ${mb.toFixed(1)} MB (exit ${code}${code === 0 ? ": every row valid" : ""})`);
console.log(`  wall ${wall.toFixed(2)} s: ${perMin(wall)} rows/min`);
console.log(`  CPU  ${cpuS.toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}): ${perMin(cpuS)} rows/min per core`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
