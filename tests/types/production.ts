// tsd-style cases for the production API's declarations (issue 14), compiled by `tsc --strict`
// against the installed package (make test-types-production). Each `@ts-expect-error` line is a
// should-not-compile case: tsc fails if the line compiles.
import {
  AliyunIdvError, createClient, parseResponse, checkIdNumber, defaultCredentialsChain, environmentCredentials, oidcCredentials,
  ecsRamRoleCredentials, configFileCredentials, credentialsCache,
  type ClientOptions, type ClientResult, type VerifyResult, type ErrorCode, type ErrorKind, type WarningCode, type Hooks,
  type Limits, type RequestEvent, type ActionName, type CredentialsSource,
} from "aliyun-idv";

declare const env: { [name: string]: string | undefined };
const assertType = <T>(value: T): T => value;

async function results(): Promise<void> {
  const client = createClient({ accessKeyId: "id", accessKeySecret: "secret" });
  const r: ClientResult = await client.id2MetaVerifyIntl({ idNumber: "x", name: "y" });
  assertType<number>(r.attempts);
  // VerifyResult is discriminated by verdict: only "error" has an errorKind, and there it is required.
  if (r.verdict === "error") {
    const kind: ErrorKind = r.errorKind;
    void kind;
  } else {
    const none: undefined = r.errorKind;
    void none;
  }
  if (r.verdict === "match") {
    // @ts-expect-error a match has no errorKind
    const k: ErrorKind = r.errorKind;
    void k;
  }
  const v: VerifyResult = parseResponse("Id2MetaVerifyIntl", 200, "{}");
  switch (v.verdict) {
    case "match":
    case "mismatch":
    case "not_found":
      break;
    case "error":
      assertType<ErrorKind>(v.errorKind);
      break;
    default: {
      const never: never = v; // exhaustive: four verdicts
      void never;
    }
  }
  // @ts-expect-error verdicts are a closed set
  if (v.verdict === "unknown") void 0;
  assertType<ErrorKind>("answer_lost");
  assertType<ErrorKind>("inconsistent_response");
  // @ts-expect-error not an errorKind
  assertType<ErrorKind>("timeout");
}

function codes(): void {
  try {
    createClient({});
  } catch (e) {
    if (e instanceof AliyunIdvError) {
      const code: ErrorCode = e.code;
      const attempts: number | undefined = e.attempts;
      const kind: ErrorKind | undefined = e.errorKind;
      void [code, attempts, kind];
      if (e.code === "INVALID_OPTION" || e.code === "CREDENTIALS_ERROR" || e.code === "ABORTED" || e.code === "QUEUE_TIMEOUT") void 0;
      // @ts-expect-error error codes are a closed union
      if (e.code === "INVALID_OPTIONS") void 0;
    }
  }
  const c = checkIdNumber("11010519491231002X");
  if (c.ok) {
    const w: WarningCode[] = c.warnings;
    void w;
    // @ts-expect-error warnings are codes, not any string
    const bad: WarningCode = "REGION_UNKNOWN";
    void bad;
  } else {
    assertType<ErrorCode>(c.error.code);
    // @ts-expect-error a check's error code is a CheckErrorCode
    assertType<"TIMEOUT">(c.error.code);
  }
}

async function options(signal: AbortSignal): Promise<void> {
  const hooks: Hooks = {
    onRequest: (e: RequestEvent) => console.log(e.action, e.attempt, e.input.idNumber, e.queuedMs),
    onResponse: (e) => console.log(e.httpStatus, e.code, e.requestId, e.verdict, e.durationMs),
    onRetry: async (e) => console.log(e.delayMs, e.reason, e.nextAttempt),
    onError: (e) => console.log(e.code satisfies ErrorCode, e.attempts),
  };
  const limits: Limits = { qps: 50, maxConcurrency: 10, actions: { Id2MetaVerifyIntl: { qps: 20 }, Mobile3MetaVerifyIntl: { maxConcurrency: 2 } } };
  const all: ClientOptions = {
    credentials: defaultCredentialsChain(),
    endpoint: "cloudauth-intl.cn-hongkong.aliyuncs.com",
    regionId: "cn-hongkong",
    endpoints: { intl: "a", mainland: "b" },
    signatureVersion: "v1",
    fetch: globalThis.fetch,
    timeoutMs: 5000,
    retries: 1,
    longTermAs: "长期",
    backoffBaseMs: 1,
    backoffCapMs: 2,
    random: Math.random,
    nonce: () => crypto.randomUUID(),
    now: Date.now,
    today: "2026-03-01",
    maxResponseBytes: 65536,
    limits,
    hooks,
    beforeSend: async (info) => {
      const parts: [ActionName, number, string, string, boolean, string] = [info.action, info.attempt, info.nonce, info.timestamp, info.resend, info.request.url];
      void parts;
    },
  };
  const client = createClient(all);
  await client.mobile3MetaVerifyIntl({ idNumber: "x", name: "y", mobile: "z" }, { signal });
  await client.resend("Id2MetaVerifyIntl", { method: "POST", url: "u", headers: {}, body: null }, { signal, timestamp: new Date() });
  // @ts-expect-error the old name: timeoutMs
  createClient({ timeout: 5000 });
  // @ts-expect-error timeoutMs is a number
  createClient({ timeoutMs: "5000" });
  // @ts-expect-error an action name as the API spells it
  createClient({ limits: { actions: { id2MetaVerifyIntl: { qps: 1 } } } });
  // @ts-expect-error limits take qps and maxConcurrency only
  createClient({ limits: { rps: 1 } });
  // @ts-expect-error hooks are the four names
  createClient({ hooks: { onSend: () => {} } });
  // @ts-expect-error a hook receives an event, not a string
  createClient({ hooks: { onRequest: (e: string) => e } });
  // @ts-expect-error signal is an AbortSignal
  await client.id2MetaVerify({ idNumber: "x", name: "y" }, { signal: true });
  // @ts-expect-error resend takes an action name
  await client.resend("id2MetaVerifyIntl", { method: "POST", url: "u", headers: {}, body: null });
}

async function credentials(): Promise<void> {
  const sources: CredentialsSource[] = [
    { accessKeyId: "a", accessKeySecret: "b", securityToken: "c" },
    () => ({ accessKeyId: "a", accessKeySecret: "b", expiration: new Date() }),
    async () => ({ accessKeyId: "a", accessKeySecret: "b", securityToken: "t", expiration: "2026-03-01T00:00:00Z" }),
    { getCredentials: async () => ({ accessKeyId: "a", accessKeySecret: "b" }) },
    { getCredential: async () => ({ accessKeyId: "a", accessKeySecret: "b" }) },
    environmentCredentials({ env }),
    oidcCredentials({ roleArn: "r", durationSeconds: 900, stsRegionId: "cn-hangzhou" }),
    ecsRamRoleCredentials({ roleName: "r", disableIMDSv1: true }),
    configFileCredentials({ profile: "default" }),
  ];
  for (const credentials of sources) createClient({ credentials });
  const name: string = defaultCredentialsChain({ env }).providerName;
  const cache = credentialsCache(environmentCredentials({ env }), { now: () => 0 });
  const creds = await cache.get();
  const parts: [string, string, string | undefined] = [creds.accessKeyId, creds.accessKeySecret, creds.securityToken];
  void [name, parts];
  // @ts-expect-error a provider must give accessKeySecret
  createClient({ credentials: () => ({ accessKeyId: "a" }) });
  // @ts-expect-error static credentials need both halves
  createClient({ credentials: { accessKeyId: "a" } });
}

void [results, codes, options, credentials];
