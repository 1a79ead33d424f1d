// A Cloudflare Worker that imports the installed package the way a Worker project does and runs
// the shared cases; the test bundles it like wrangler (esbuild, `workerd` condition) and runs it
// in workerd through miniflare.
import * as api from "aliyun-idv";
import casesFile from "./cases.json";
import { runCases } from "./run-cases.mjs";

export default {
  async fetch() {
    return Response.json({ outcomes: runCases(api, casesFile.cases) });
  },
};
