// A tiny static file server for loopback: the browser tests and `make www` use it.
// Usage as a program: node scripts/static-server.mjs <root> [port]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

/** Serves files under `root` (with `mounts`: URL prefix -> directory) on 127.0.0.1; resolves to the server. */
export function serveStatic(root, { port = 0, mounts = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let base = resolve(root);
    let rel = path;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        base = resolve(dir);
        rel = path.slice(prefix.length);
        break;
      }
    }
    const file = normalize(join(base, rel.endsWith("/") ? rel + "index.html" : rel));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [root = ".", port = "8080", ...mountArgs] = process.argv.slice(2);
  const mounts = Object.fromEntries(mountArgs.map((m) => m.split("=")));
  const server = await serveStatic(root, { port: Number(port), mounts });
  console.log(`serving ${resolve(root)} on http://127.0.0.1:${server.address().port}/`);
}
