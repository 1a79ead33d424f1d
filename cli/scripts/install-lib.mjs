// Prepares cli/ for its tests, as a user's install would: the CLI's own dependencies from its
// lockfile (`npm ci`, skipped when current), then the library as its PACKED tarball (`npm pack pkg/`),
// unpacked into cli/node_modules/aliyun-idv — the library has no runtime dependency, so unpacking
// is what `npm install <tarball>` does, without touching the CLI's lockfile. Run after build.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(repo, "cli");
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const installed = join(cli, "node_modules", ".package-lock.json");
if (!existsSync(installed) || statSync(join(cli, "package-lock.json")).mtimeMs > statSync(installed).mtimeMs) {
  console.log("cli: npm ci");
  run("npm", ["ci", "--no-audit", "--no-fund"], cli);
}

if (!existsSync(join(repo, "pkg", "package.json"))) {
  console.error("cli: pkg/ is not built: run `bash scripts/build.sh` (make build) first");
  process.exit(1);
}
const dest = join(repo, "build", "cli");
mkdirSync(dest, { recursive: true });
const packed = JSON.parse(run("npm", ["pack", join(repo, "pkg"), "--pack-destination", dest, "--json"], repo));
const tarball = join(dest, packed[0].filename);
const lib = join(cli, "node_modules", "aliyun-idv");
rmSync(lib, { recursive: true, force: true });
mkdirSync(lib, { recursive: true });
run("tar", ["-xzf", tarball, "-C", lib, "--strip-components=1"], repo);
rmSync(tarball);
console.log(`cli: installed ${packed[0].filename} (${packed[0].entryCount} files) into cli/node_modules/aliyun-idv`);
