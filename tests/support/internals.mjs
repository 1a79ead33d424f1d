// The installed package's internal ES modules (options.js, limits.js, hooks.js, credentials.js...),
// for tests of those modules. The Node entry (node.mjs over node.cjs) is one bundled instance with
// its own copies of these modules, so a test that imports an internal file directly gets a second
// module graph: this initialises that graph (the server module, as node.cjs does) and returns its
// public API (api.js, client.js and the credential factories), so that errors and values from the
// internal modules are of the same graph as the API the test calls.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function internals(pkgDir) {
  const url = (f) => pathToFileURL(join(pkgDir, f)).href;
  const glue = await import(url("aliyun_idv.js"));
  const { initCore } = await import(url("core.js"));
  initCore(glue, glue.initSync({ module: readFileSync(join(pkgDir, "aliyun_idv_bg.wasm")) }));
  const c = await import(url("credentials.js"));
  const factories = ["configFileCredentials", "credentialsCache", "defaultCredentialsChain", "ecsRamRoleCredentials", "environmentCredentials", "oidcCredentials", "ramRoleArnCredentials"];
  return { ...(await import(url("api.js"))), ...(await import(url("client.js"))), ...Object.fromEntries(factories.map((n) => [n, c[n]])) };
}
