// Type declarations of aliyun-idv: the public API contract (spec/js-api.md).

/** An error with a stable `code`. Never carries the access key secret or a full ID number, name or mobile. */
export declare class AliyunIdvError extends Error {
  readonly name: "AliyunIdvError";
  /** Stable SCREAMING_SNAKE code, e.g. `ID_CHECKSUM`, `INVALID_ARGUMENT`, `NOT_INITIALIZED`. */
  code: string;
  /** The input the error concerns, e.g. `idNumber`. */
  field?: string;
  /** The message in Chinese. */
  messageZh?: string;
  httpStatus?: number;
  requestId?: string;
  /** Client errors (`ABORTED`, `NETWORK_ERROR`, `BEFORE_SEND_FAILED`): the requests sent. */
  attempts?: number;
  /** Client errors: `false` when nothing that was sent can have been billed, `null` when a request
   * already sent may have been processed (and billed). */
  billed?: boolean | null;
  /** Client errors: the nonce of the last signed request. */
  nonce?: string | null;
}

export interface CheckErrorInfo {
  code: string;
  field: string;
  message: string;
  messageZh: string;
  hint?: string;
}

/** The result of a check: never thrown, always returned. */
export type Check<V, I> =
  | { ok: true; value: V; info: I; warnings: string[]; changed: boolean }
  | { ok: false; error: CheckErrorInfo };

export interface IdCheckOptions {
  /** `YYYYMMDD` or `YYYY-MM-DD`; default: the current date in China (UTC+8). */
  today?: string;
  /** Accept Hong Kong, Macao and Taiwan residence permit numbers (810000, 820000, 830000). */
  allowResidencePermit?: boolean;
}

/** What a valid ID number says. */
export interface IdInfo {
  /** `YYYY-MM-DD`. */
  birthDate: string;
  gender: "male" | "female";
  /** Whole years on `today`. */
  age: number;
  /** The 6-digit address code. */
  regionCode: string;
  /** The name of the address code, where the table knows it. */
  regionName: string | null;
  /** The province (or SAR) name, e.g. 北京市. */
  province: string;
}

/**
 * Checks a typed resident ID number (GB 11643-1999): normalises whitespace, full-width digits and
 * `x`, then checks length, characters, checksum, birth date and region. Warnings:
 * `REGION_UNRECOGNIZED`, `REGION_ABOLISHED_BEFORE_BIRTH`. A 15-digit number gives `ID_LEGACY_15`
 * with the upgraded 18-digit number in `error.hint`.
 */
export declare function checkIdNumber(input: string, opts?: IdCheckOptions): Check<string, IdInfo>;

export interface NameInfo {
  /** Characters (Unicode scalar values), not UTF-16 units. */
  length: number;
  /** Contains the middle dot `·` of a minority name. */
  minorityName: boolean;
}
/** Checks a real name as printed on the ID card; dot look-alikes become `·`. */
export declare function checkName(input: string): Check<string, NameInfo>;

export interface MobileInfo {
  /** The operator the prefix was assigned to (a hint since number portability). */
  carrier: "CMCC" | "CUCC" | "CTCC" | "CBN";
  mvno: boolean;
  dataCard: boolean;
  satellite: boolean;
}
/** Checks a mainland mobile number; accepts spaces, hyphens, full-width digits and +86/0086/86. */
export declare function checkMobile(input: string): Check<string, MobileInfo>;

export interface ValidityPeriodInput {
  /** `YYYYMMDD`, `YYYY-MM-DD`, `YYYY.MM.DD` or `YYYY/MM/DD`. */
  start: string;
  /** A date as for `start`, or long-term: `long-term`, `长期`, `长期有效`, `00000000`. */
  end: string;
  /** Checked first; then the start and the term are checked against its birth date. */
  idNumber?: string;
  /** `YYYYMMDD` or `YYYY-MM-DD`; default: the current date in China (UTC+8). */
  today?: string;
}
export interface ValidityPeriodInfo {
  termYears: 5 | 10 | 20 | null;
  longTerm: boolean;
  /** `YYYY-MM-DD`, or null for long-term. */
  expiresOn: string | null;
}
/** Checks an ID card validity period. */
export declare function checkValidityPeriod(
  input: ValidityPeriodInput,
): Check<{ start: string; /** `YYYYMMDD` or `long-term` */ end: string }, ValidityPeriodInfo>;

/** The 18-digit form of a first-generation 15-digit number; throws AliyunIdvError otherwise. */
export declare function upgradeLegacyIdNumber(id15: string): string;

/** `110105********002X`. Never fails. */
export declare function maskIdNumber(s: string): string;
/** `张*`. Never fails. */
export declare function maskName(s: string): string;
/** `138****5678`. Never fails. */
export declare function maskMobile(s: string): string;

/** Lower-case hex MD5 of the UTF-8 bytes of `s` (the md5 parameter mode). */
export declare function md5Hex(s: string): string;

// ---- Requests: build and sign, never send ----

export interface Credentials {
  accessKeyId: string;
  /** Never appears in any output, error or log of this library. */
  accessKeySecret: string;
  /** STS token, for temporary credentials. */
  securityToken?: string;
}

export interface BuildOptions extends Credentials {
  /** UTC; a `Date` or `yyyy-MM-ddTHH:mm:ssZ`. The client fills it per call. */
  timestamp: string | Date;
  /** Unique per request (e.g. `crypto.randomUUID()`). The client fills it per call. */
  nonce: string;
  /** Default `"v3"` (ACS3-HMAC-SHA256); `"v1"` is RPC HMAC-SHA1. */
  signatureVersion?: "v3" | "v1";
  /** Host, e.g. `cloudauth-intl-vpc.cn-hongkong.aliyuncs.com`; optionally `https://` and a port; `http://` only for loopback. */
  endpoint?: string;
  /** Wire value of a long-term end date; default `"长期"`. */
  longTermAs?: "长期" | "long-term";
  /** For the checks; default: the current date in China. */
  today?: string;
}

/** What to send: `fetch(req.url, { method: req.method, headers: req.headers, body: req.body })`. */
export interface SignedRequest {
  method: "POST" | "GET";
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface Id2MetaInput {
  idNumber: string;
  name: string;
}
export interface Mobile3MetaInput {
  idNumber: string;
  name: string;
  mobile: string;
  /** `"md5"` sends the MD5 of each normalised value. */
  paramType?: "normal" | "md5";
}
export interface Id2MetaPeriodInput {
  idNumber: string;
  name: string;
  validityStart: string;
  validityEnd: string;
  /** Yours, unique per request: 1-32 letters and digits. */
  merchantBizId: string;
  merchantUserId?: string;
  sceneCode?: string;
}

/** Builds a signed Id2MetaVerifyIntl request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildId2MetaVerifyIntl(input: Id2MetaInput, opts: BuildOptions): SignedRequest;
/** Builds a signed Mobile3MetaVerifyIntl request. */
export declare function buildMobile3MetaVerifyIntl(input: Mobile3MetaInput, opts: BuildOptions): SignedRequest;
/** Builds a signed Id2MetaPeriodVerifyIntl request. */
export declare function buildId2MetaPeriodVerifyIntl(input: Id2MetaPeriodInput, opts: BuildOptions): SignedRequest;
/** Builds a signed Id2MetaVerify request (the mainland 2019-03-07 API). */
export declare function buildId2MetaVerify(input: Id2MetaInput, opts: BuildOptions): SignedRequest;

export interface RequestDescription {
  method: "POST" | "GET";
  host: string;
  action: string;
  version: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
}
/** Signs any RPC request exactly as given. For v1, `canonicalRequest` is the canonical query string. */
export declare function signRequest(
  req: RequestDescription,
  opts: Omit<BuildOptions, "endpoint" | "longTermAs" | "today">,
): SignedRequest & { canonicalRequest: string; stringToSign: string; signature: string };

/** UTC `yyyy-MM-ddTHH:mm:ssZ` of a date (default now). */
export declare function acsTimestamp(date?: Date): string;

// ---- Responses ----

export interface VerifyResult {
  verdict: "match" | "mismatch" | "not_found" | "error";
  /** The call was charged. */
  billed: boolean;
  /** Sending it again (freshly signed) may succeed and cannot double-bill. */
  retryable: boolean;
  requestId: string | null;
  code: string | null;
  message: string | null;
  bizCode?: string;
  subCode?: string;
  ispName?: string;
  passed?: boolean;
  errorKind?: "throttled" | "auth" | "invalid_request" | "server" | "business" | "malformed_response" | "inconsistent_response";
  retryAfterMs?: number;
  /** What the answer means for the user. */
  description: string;
  descriptionZh: string;
}

/** Interprets an answer. Never throws: any body, status or action gives a VerifyResult. */
export declare function parseResponse(
  action: string,
  httpStatus: number,
  body: string,
  headers?: Record<string, string> | Headers,
): VerifyResult;

// ---- Client ----

export interface ClientOptions extends Partial<Credentials> {
  /** Host (or `http://127.0.0.1:PORT` for a local mock); default per action. */
  endpoint?: string;
  signatureVersion?: "v3" | "v1";
  /** Default: the global fetch (Node 20, Workers, browsers). */
  fetch?: typeof fetch;
  /** Give up on an attempt (headers and body) after this long, even if fetch ignores its signal (default 10000; from 1 to 2^31 - 1). A timed-out request may have been processed: it is only resent byte-identically. */
  timeoutMs?: number;
  /** Further attempts after the first (default 2; at most 10 are made): fresh ones for what was certainly not delivered or not billed (throttling, waiting x-acs-retry-after, at most 30 s), identical resends for what may have been processed. */
  retries?: number;
  longTermAs?: "长期" | "long-term";
  /** Backoff: full jitter over min(backoffCapMs, backoffBaseMs * 2^(n-1)) after the n-th attempt; defaults 200 and 5000. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** A larger answer is not read (the call treats it as ambiguous); default 1048576 (1 MB), at most 64 MB. */
  maxResponseBytes?: number;
  /** Awaited before every send (first, fresh retries, identical resends); if it throws or rejects, nothing is sent: `BEFORE_SEND_FAILED`. */
  beforeSend?: (info: BeforeSendInfo) => void | Promise<void>;
  /** The jitter source (default Math.random); must answer in [0, 1). */
  random?: () => number;
  /** The nonce of each freshly signed request (default crypto.randomUUID()). */
  nonce?: () => string;
  /** The clock (default Date.now): timestamps, today's date for the checks, the resend window. */
  now?: () => Date | number;
  /** Waits between attempts (default setTimeout); abort is handled by the client. */
  sleep?: (ms: number) => Promise<void>;
}

/** What beforeSend receives: the signed request exactly as it will be sent. */
export interface BeforeSendInfo {
  /** The API action, e.g. "Id2MetaVerifyIntl". */
  action: string;
  /** 1 for the first send of the call, then 2, 3, ... */
  attempt: number;
  nonce: string | null;
  /** `yyyy-MM-ddTHH:mm:ssZ`, as signed. */
  timestamp: string | null;
  /** true for a byte-identical resend of a request that may have been processed. */
  resend: boolean;
  request: { method: string; url: string; headers: Readonly<Record<string, string>>; body: string | null };
}

export interface ClientResult extends Omit<VerifyResult, "billed" | "errorKind"> {
  /** `null` with `errorKind: "answer_lost"`: a delivery may have been processed (and billed). */
  billed: boolean | null;
  errorKind?: VerifyResult["errorKind"] | "answer_lost";
  /** With `answer_lost`: `nonce_used` (the service had received it: processed, answer lost),
   * `retries_exhausted`, `window_closed` (too late to resend safely) or `resend_refused`. */
  lostReason?: "nonce_used" | "retries_exhausted" | "window_closed" | "resend_refused";
  /** With `answer_lost`: the last transport failure (`timeout`, `ECONNRESET`, `body_incomplete`, `body_too_large`, `gateway_error`, ...). */
  failure?: string | null;
  /** How many requests were sent. */
  attempts: number;
  /** The nonce of the last signed request sent (look the call up by it). */
  nonce: string | null;
}

export interface CallOptions {
  /** Aborting rejects promptly with `ABORTED` and stops every send and wait. */
  signal?: AbortSignal;
}

export interface ResendOptions extends CallOptions {
  /** The request's timestamp, when its headers (V3 `x-acs-date`) or URL (V1 `Timestamp`) do not say. */
  timestamp?: Date | string;
}

/**
 * Resolves to the answer, or to `errorKind: "answer_lost"` (`billed: null`) when a delivery may
 * have been processed but its answer is lost. Rejects with AliyunIdvError: the check's code for bad
 * input (nothing is sent), `ABORTED`, `BEFORE_SEND_FAILED`, or `NETWORK_ERROR` (never delivered,
 * after the retries; not billed).
 */
export interface Client {
  id2MetaVerifyIntl(input: Id2MetaInput, options?: CallOptions): Promise<ClientResult>;
  mobile3MetaVerifyIntl(input: Mobile3MetaInput, options?: CallOptions): Promise<ClientResult>;
  id2MetaPeriodVerifyIntl(input: Id2MetaPeriodInput, options?: CallOptions): Promise<ClientResult>;
  id2MetaVerify(input: Id2MetaInput, options?: CallOptions): Promise<ClientResult>;
  /**
   * Sends a request signed earlier (e.g. recorded by beforeSend) byte-identically, while its
   * timestamp is safely inside the service's window (10 of its 15 minutes); otherwise resolves as
   * `answer_lost` (`window_closed`) without sending. `SignatureNonceUsed` -> `answer_lost`.
   */
  resend(action: string, request: { method: string; url: string; headers: Record<string, string>; body: string | null }, options?: ResendOptions): Promise<ClientResult>;
}

/**
 * A client over the host's fetch. Credentials default to ALIBABA_CLOUD_ACCESS_KEY_ID,
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN in Node. Server-side only:
 * signing needs the secret. Throws AliyunIdvError: `CREDENTIALS_MISSING`, or `INVALID_ARGUMENT`
 * for an option of the wrong type or out of range (e.g. `timeoutMs` not above 0).
 */
export declare function createClient(options?: ClientOptions): Client;

/** Today's date in China (UTC+8), `YYYY-MM-DD`: the default `today` of the checks. */
export declare function chinaToday(now?: Date): string;

export type InitInput = BufferSource | WebAssembly.Module;
/** Instantiates the module synchronously (Node and Workers entries do this themselves). */
export declare function initSync(input: InitInput | { module: InitInput }): void;
/**
 * Instantiates the module; with no argument, fetches `aliyun_idv_bg.wasm` next to the entry.
 * Needed once in browsers without a bundler; elsewhere a harmless no-op.
 */
export default function init(
  input?: InitInput | Response | Promise<Response> | URL | string | { module_or_path: InitInput | Response | Promise<Response> | URL | string },
): Promise<void>;

/**
 * Diagnostic, not part of the documented API (may change without notice): the size in bytes of the
 * WebAssembly instance's linear memory, 0 before initialisation. Memory only grows, so a value that
 * stays the same over many calls shows that nothing leaks across the boundary.
 * @internal
 */
export declare function __wasmMemoryBytes(): number;
