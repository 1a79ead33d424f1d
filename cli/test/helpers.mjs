// Shared by the CLI tests: run the real `aliyun-idv` bin as a child process (as a user would), and
// make temporary files.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/aliyun-idv.mjs", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const TODAY = "2026-11-22";

/** Runs the CLI: { code, signal, stdout, stderr }. options: env, nodeArgs, input (stdin text). */
export function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      env: { ...process.env, ...(options.env ?? {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A temporary directory removed by the returned cleanup; file(name, content) writes into it. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), "aliyun-idv-cli-"));
  t?.after?.(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    path: (name) => join(dir, name),
  };
}

/** GBK bytes of a string holding ASCII and common CJK (a table built from the GBK decoder). */
let table;
export function gbk(s) {
  if (!table) {
    table = new Map();
    const d = new TextDecoder("gbk");
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const ch = d.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
      }
    }
  }
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`not in GBK: ${ch}`);
  }
  return Buffer.from(out);
}
