// The Worker `wrangler deploy --dry-run` bundles: a plain import, as the README shows.
import { checkIdNumber } from "aliyun-idv";

export default {
  async fetch() {
    return Response.json(checkIdNumber("11010519491231002X", { today: "2026-11-22" }));
  },
};
