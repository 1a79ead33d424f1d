// Packs pkg/ with `npm pack`, installs the tarball into a fresh project outside the repository
// (so nothing resolves from the repo's node_modules), copies the package tests beside it, and
// records the project's path in build/pkgtest-dir for the other runtime tests.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "aliyun-idv-pkgtest-"));
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const packed = JSON.parse(npm(["pack", join(repo, "pkg"), "--pack-destination", dir, "--json"], repo));
const tarball = join(dir, packed[0].filename);
writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "aliyun-idv-consumer", private: true }, null, 2));
npm(["install", tarball, "--no-audit", "--no-fund", "--no-package-lock"], dir);

for (const sub of ["package", "types"]) {
  const from = join(repo, "tests", sub);
  for (const f of readdirSync(from)) if (f !== "prepare.mjs") copyFileSync(join(from, f), join(dir, f));
}
cpSync(join(repo, "tests", "data"), join(dir, "data"), { recursive: true });
mkdirSync(join(repo, "build"), { recursive: true });
writeFileSync(join(repo, "build", "pkgtest-dir"), dir);
console.log(`installed ${packed[0].filename} (${packed[0].size} bytes packed, ${packed[0].entryCount} files) into ${dir}`);
