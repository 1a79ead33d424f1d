// Production in Node: credentials from the official chain, rate limits, hooks feeding a logger.
// Against the bundled mock (make mock):
//   ALIYUN_IDV_ENDPOINT=http://127.0.0.1:8910 ALIBABA_CLOUD_ACCESS_KEY_ID=mock-ak-id \
//   ALIBABA_CLOUD_ACCESS_KEY_SECRET=mock-ak-secret node production-node.mjs
import { createClient, defaultCredentialsChain } from "aliyun-idv";

// Any logger with info/warn/error (pino, winston, console); here one JSON line per event.
const line = (level) => (event) => console.log(JSON.stringify({ level, ...event }));
const logger = { info: line("info"), warn: line("warn"), error: line("error") };

const client = createClient({
  // Environment variables, then RRSA/OIDC (ACK), then ~/.aliyun/config.json, then the ECS RAM
  // role. STS credentials are refreshed before they expire, once for all concurrent calls.
  credentials: defaultCredentialsChain(),
  endpoint: process.env.ALIYUN_IDV_ENDPOINT, // unset: the official endpoint
  // Calls over a limit wait their turn instead of failing with Throttling.
  limits: { qps: 20, maxConcurrency: 8, actions: { Mobile3MetaVerifyIntl: { qps: 10 } } },
  hooks: {
    onRequest: logger.info, // action, attempt, masked ID number, name and mobile
    onResponse: logger.info, // HTTP status, Code, request id, verdict, duration
    onRetry: logger.warn, // why, and the delay before the next attempt
    onError: logger.error, // the error code of a call that rejected
  },
});

const people = [
  { idNumber: "110105199003070316", name: "张三", mobile: "13900000001" },
  { idNumber: "440305196005200536", name: "王小五", mobile: "18900000003" },
  { idNumber: "310104198506120422", name: "李四", mobile: "16600000006" },
];
const signal = AbortSignal.timeout(60_000); // for the whole batch
const results = await Promise.all(people.map((person) => client.mobile3MetaVerifyIntl(person, { signal })));
for (const r of results) console.log(`${r.verdict} ${r.subCode} billed=${r.billed} attempts=${r.attempts}`);
