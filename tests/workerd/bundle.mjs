// Bundles a Worker the way wrangler does: esbuild with the `workerd` export condition, .wasm
// imports kept as separate CompiledWasm modules (Workers forbid compiling wasm at run time).
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

export async function bundleWorker(entry) {
  const wasmModules = new Map();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    logLevel: "silent",
    plugins: [
      {
        name: "wasm-modules",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, async (args) => {
            if (args.pluginData === "wasm") return undefined;
            const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "wasm" });
            wasmModules.set(basename(resolved.path), readFileSync(resolved.path));
            return { path: "./" + basename(resolved.path), external: true };
          });
        },
      },
    ],
  });
  return { script: result.outputFiles[0].text, wasmModules };
}
