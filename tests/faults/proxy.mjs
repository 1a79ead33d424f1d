// A fault-injecting HTTP proxy for the fault suite: it stands between the client and the local mock
// (tools/mock-cloudauth) on 127.0.0.1 and, per request, passes through or misbehaves the way a
// hostile network does. `plan` lists the faults of the next requests in order (then "pass"), or
// `always` names one fault for every request.
//
//   pass                  forward, answer with the mock's answer
//   reset_before_forward  reset the connection without forwarding (the mock never sees it)
//   reset_after_forward   forward (the mock processes and bills it), then reset before any answer
//   html504_after_forward forward, then answer 504 with an HTML page (a proxy that lost the answer)
//   deliver_twice         forward twice (the second gets SignatureNonceUsed), answer with the second
//   truncate_body         forward, send the status, headers and half the body, then reset
//   content_length_long   forward, announce a content-length longer than the body, send it, reset
//   stall_answer          forward, then never answer
//   stall_body            forward, send the headers and half the body, then stall
//   huge_body             forward, then answer 200 with a 100 MB body
import http from "node:http";

const HTML_504 = "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>\n";

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

export async function startProxy(upstream) {
  const target = new URL(upstream);
  let plan = [];
  let always = null;
  const seen = [];
  const sockets = new Set();

  function forward(req, body) {
    return new Promise((resolve, reject) => {
      const u = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (ur) => readAll(ur).then((b) => resolve({ status: ur.statusCode, headers: ur.headers, body: b }), reject),
      );
      u.on("error", reject);
      u.end(body);
    });
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readAll(req);
      const fault = always ?? (plan.length ? plan.shift() : "pass");
      seen.push(fault);
      const respond = (up, extra = {}) => {
        res.writeHead(up.status, { ...up.headers, ...extra });
        return up.body;
      };
      switch (fault) {
        case "pass": {
          const up = await forward(req, body);
          res.end(respond(up));
          break;
        }
        case "reset_before_forward":
          req.socket.destroy();
          break;
        case "reset_after_forward":
          await forward(req, body);
          req.socket.destroy();
          break;
        case "html504_after_forward":
          await forward(req, body);
          res.writeHead(504, { "content-type": "text/html", "content-length": Buffer.byteLength(HTML_504) });
          res.end(HTML_504);
          break;
        case "deliver_twice": {
          await forward(req, body);
          const second = await forward(req, body);
          res.end(respond(second));
          break;
        }
        case "truncate_body": {
          const up = await forward(req, body);
          res.write(respond(up).subarray(0, up.body.length >> 1));
          setTimeout(() => req.socket.destroy(), 20);
          break;
        }
        case "content_length_long": {
          const up = await forward(req, body);
          res.write(respond(up, { "content-length": String(up.body.length + 100) }));
          setTimeout(() => req.socket.destroy(), 20);
          break;
        }
        case "stall_answer":
          await forward(req, body);
          break; // never answers; the socket is closed by the client or by close()
        case "stall_body": {
          const up = await forward(req, body);
          res.write(respond(up).subarray(0, up.body.length >> 1));
          break;
        }
        case "huge_body": {
          await forward(req, body);
          const chunk = Buffer.alloc(1024 * 1024, 0x20);
          let left = 100;
          res.writeHead(200, { "content-type": "application/json", "content-length": String(left * chunk.length) });
          const pump = () => {
            while (left > 0) {
              left--;
              if (!res.write(chunk)) return res.once("drain", pump);
            }
            res.end();
          };
          res.on("close", () => (left = 0));
          pump();
          break;
        }
        default:
          throw new Error(`unknown fault ${fault}`);
      }
    } catch {
      req.socket.destroy();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    /** The faults applied so far, one per request received. */
    seen,
    setPlan(next, everyRequest = null) {
      plan = [...next];
      always = everyRequest;
      seen.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The scenarios of the suite: the proxy's faults (`plan` for the first requests, or `always`), an
 * optional mock mode, and the outcome the caller must get. Every call verifies the same synthetic
 * person (a billed match when it gets through).
 */
export const FAULT_SCENARIOS = [
  { name: "pass through", plan: [], expect: { outcome: "match", attempts: 1, bills: 1 } },
  { name: "reset before forwarding", plan: ["reset_before_forward"], expect: { outcome: "match", attempts: 2, bills: 1 } },
  { name: "reset after forwarding", plan: ["reset_after_forward"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "reset after forwarding, every time", always: "reset_after_forward", expect: { outcome: "answer_lost:retries_exhausted", attempts: 3, bills: 1 } },
  { name: "504 HTML after forwarding", plan: ["html504_after_forward"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "delivered twice", plan: ["deliver_twice"], expect: { outcome: "answer_lost:nonce_used", attempts: 1, bills: 1 } },
  { name: "truncated body, then reset", plan: ["truncate_body"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "content-length longer than the body", plan: ["content_length_long"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "answer stalls", plan: ["stall_answer"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "body stalls", plan: ["stall_body"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "100 MB answer", plan: ["huge_body"], expect: { outcome: "answer_lost:nonce_used", attempts: 2, bills: 1 } },
  { name: "503 with an Alibaba body (not billed)", plan: [], mockMode: { fail5xx: 1, status: 503 }, expect: { outcome: "match", attempts: 2, bills: 1 } },
  { name: "throttled (not billed)", plan: [], mockMode: { throttle: 1, retryAfterMs: 5 }, expect: { outcome: "match", attempts: 2, bills: 1 } },
  { name: "connection refused", refused: true, expect: { outcome: "NETWORK_ERROR", attempts: 3, bills: 0 } },
];
