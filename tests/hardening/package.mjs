// Shared by the hardening tests: the INSTALLED package (the tarball that tests/package/prepare.mjs
// installed into a fresh project, whose path is in build/pkgtest-dir), imported through its Node
// ESM entry, as a user's code would import it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
export const api = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

/** The known-good call that must still work after every bad one (a poisoned instance fails it). */
export function assertStillWorks(context = "") {
  let r;
  try {
    r = api.checkIdNumber("11010519491231002X", { today: "2026-11-22" });
  } catch (e) {
    throw new Error(`the instance is poisoned${context ? " after " + context : ""}: ${e && e.name}: ${e && e.message}`);
  }
  if (!r || r.ok !== true || r.value !== "11010519491231002X" || r.info.age !== 76) {
    throw new Error(`the known-good call failed${context ? " after " + context : ""}: ${JSON.stringify(r)}`);
  }
}
