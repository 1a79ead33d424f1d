// The credential providers inside workerd (miniflare, on loopback): the Worker's bindings as the
// environment; providers that need files report "not configured"; OIDC with a token from a binding
// reaches the local STS through the Worker's fetch, signed by the package's own V3 signer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleWorker } from "../workerd/bundle.mjs";
import { startSts } from "./servers.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
let mf, sts;

before(async () => {
  sts = await startSts({
    oidcToken: () => "token-from-binding",
    issue: (n) => ({ AccessKeyId: `STS.w-${n}`, AccessKeySecret: "w-secret", SecurityToken: "w-token", Expiration: "2026-03-01T01:00:00Z" }),
  });
  copyFileSync(new URL("./worker.mjs", import.meta.url), join(project, "credentials-worker.mjs"));
  const { script, wasmModules } = await bundleWorker(join(project, "credentials-worker.mjs"));
  mf = new Miniflare({
    host: "127.0.0.1",
    compatibilityDate: "2026-04-01",
    modulesRoot: project,
    modules: [
      { type: "ESModule", path: join(project, "credentials-worker.js"), contents: script },
      ...[...wasmModules].map(([name, bytes]) => ({ type: "CompiledWasm", path: join(project, name), contents: bytes })),
    ],
    bindings: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "AK-binding",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "SK-binding",
      OIDC_TOKEN: "token-from-binding",
      STS_URL: `http://${sts.host}`,
    },
  });
});
after(async () => {
  await mf?.dispose();
  await sts?.close();
});

test("in workerd: bindings as the environment, the chain answers from them, file providers are not configured, OIDC reaches STS", async () => {
  const res = await mf.dispatchFetch("http://localhost/");
  assert.equal(res.status, 200, await res.clone().text());
  const out = await res.json();
  assert.deepEqual(out.env, { accessKeyId: "AK-binding", hasSecret: true, securityToken: null });
  assert.deepEqual(out.chain, { accessKeyId: "AK-binding", hasSecret: true, securityToken: null });
  assert.equal(out.configFile.error, "CREDENTIALS_ERROR");
  assert.equal(out.configFile.notConfigured, true);
  assert.equal(out.oidcNoFiles.error, "CREDENTIALS_ERROR");
  assert.match(out.oidcNoFiles.message, /cannot read the token file/);
  assert.deepEqual(out.oidc, { accessKeyId: "STS.w-1", hasSecret: true, securityToken: "w-token" });
  assert.equal(sts.log.length, 1);
  assert.equal(sts.log[0].error, null);
  assert.equal(sts.log[0].form.OIDCToken, "token-from-binding");
  assert.ok(!JSON.stringify(out).includes("SK-binding"));
});
