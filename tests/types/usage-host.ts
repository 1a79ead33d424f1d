// Compiled three times (tests/types/tsconfig*.json): with the DOM library, with `--lib es2022
// --types node` and no DOM, and with @cloudflare/workers-types: the declarations must need none of
// them, and each host's own fetch and Headers must fit them.
import { createClient, parseResponse, loadRegionNames, initSync, type FetchLike, type HeadersLike } from "aliyun-idv";

const client = createClient({ accessKeyId: "ak", accessKeySecret: "sk", fetch: globalThis.fetch });
const f: FetchLike = fetch;
const h: HeadersLike = new Headers({ "x-acs-request-id": "r" });
const v = parseResponse("Id2MetaVerifyIntl", 200, "{}", new Headers());
const names: Promise<true> = loadRegionNames();
initSync(new Uint8Array(0));
void [client, f, h, v, names];
