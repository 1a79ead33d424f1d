// Bundlers that build for Node (esbuild, webpack, Rollup, Vite SSR: the `module` condition, which
// Node, Deno and Bun never match): node.cjs's API, by name, so an `import` and a `require` in one
// bundle share one copy. The export list is filled in by scripts/assemble-pkg.mjs.
import node from "./node.cjs";

/* EXPORTS */
