// Node.js (ESM): the CommonJS entry's instance, re-exported, so `import` and `require` in one
// process share one instance. The export list below is filled in by scripts/assemble-pkg.mjs.
import node from "./node.cjs";

/* EXPORTS */
