// Type declarations of aliyun-idv: the public API contract (docs/js-api.md in the repository).

/** An error with a stable `code`. Never carries the access key secret or a full ID number, name or mobile. */
export declare class AliyunIdvError extends Error {
  readonly name: "AliyunIdvError";
  /** Stable SCREAMING_SNAKE code, e.g. `ID_CHECKSUM`, `INVALID_ARGUMENT`, `NOT_INITIALIZED`. */
  code: ErrorCode;
  /** The input or option the error concerns, e.g. `idNumber`, `limits.qps`. */
  field?: string;
  /** The message in Chinese. */
  messageZh?: string;
  httpStatus?: number;
  requestId?: string;
  /** Client calls: how many requests were sent before the call ended. */
  attempts?: number;
  /** Client calls: why the call ended without a verdict, where known. */
  errorKind?: ErrorKind;
  /** Client calls: `false` when nothing that was sent can have been billed (e.g. `QUEUE_TIMEOUT`),
   * `null` when a request already sent may have been processed (and billed). */
  billed?: boolean | null;
  /** Client calls: the nonce of the last signed request. */
  nonce?: string | null;
}

// ---- Codes ----

/** What a check refuses (docs/validation.md); also thrown by the builders, before anything is sent. */
export type CheckErrorCode =
  | "ID_EMPTY" | "ID_BAD_CHAR" | "ID_LEGACY_15" | "ID_LENGTH" | "ID_CHECKSUM" | "ID_BIRTH_DATE_INVALID"
  | "ID_BIRTH_DATE_FUTURE" | "ID_BIRTH_DATE_TOO_EARLY" | "ID_NOT_MAINLAND" | "ID_REGION_UNKNOWN"
  | "NAME_EMPTY" | "NAME_BAD_CHAR" | "NAME_BAD_DOT" | "NAME_TOO_SHORT" | "NAME_TOO_LONG"
  | "MOBILE_EMPTY" | "MOBILE_BAD_CHAR" | "MOBILE_NOT_MAINLAND" | "MOBILE_NOT_MOBILE" | "MOBILE_LENGTH" | "MOBILE_UNASSIGNED_PREFIX"
  | "PERIOD_START_INVALID" | "PERIOD_END_INVALID" | "PERIOD_START_BEFORE_BIRTH" | "PERIOD_START_IN_FUTURE"
  | "PERIOD_START_BEFORE_GEN2" | "PERIOD_END_BEFORE_START" | "PERIOD_END_MISMATCH" | "PERIOD_TERM_AGE_MISMATCH" | "PERIOD_EXPIRED"
  | "PARAM_TYPE_INVALID" | "PARAM_TYPE_UNSUPPORTED" | "MERCHANT_BIZ_ID_INVALID" | "MERCHANT_USER_ID_INVALID"
  | "SCENE_CODE_INVALID" | "ENDPOINT_INVALID" | "LONG_TERM_AS_INVALID" | "TODAY_INVALID" | "INVALID_ARGUMENT"
  | "BANK_CARD_EMPTY" | "BANK_CARD_BAD_CHAR" | "BANK_CARD_LENGTH" | "REGISTER_DATE_INVALID" | "REGISTER_DATE_FUTURE"
  | "PRODUCT_TYPE_INVALID" | "VERIFY_MODE_INVALID" | "IDENTITY_TYPE_INVALID" | "FIELD_UNEXPECTED" | "MD5_FORM_INVALID"
  | "ACTION_UNKNOWN";
/** What the signer refuses (builders and signRequest). */
export type SignErrorCode =
  | "SIGN_CREDENTIALS_MISSING" | "SIGN_CREDENTIALS_INVALID" | "SIGN_HOST_INVALID" | "SIGN_TIMESTAMP_INVALID"
  | "SIGN_NONCE_EMPTY" | "SIGN_NONCE_INVALID" | "SIGN_PARAM_INVALID";
/** What the JS layer and the client add. */
export type ClientErrorCode =
  | "INVALID_OPTION" | "NOT_INITIALIZED" | "CREDENTIALS_MISSING" | "CREDENTIALS_ERROR" | "NETWORK_ERROR"
  | "ABORTED" | "QUEUE_TIMEOUT" | "BEFORE_SEND_FAILED" | "INTERNAL";
/** Every `AliyunIdvError.code`. */
export type ErrorCode = CheckErrorCode | SignErrorCode | ClientErrorCode;
/** Warnings of a valid ID number worth a second look. */
export type WarningCode = "REGION_UNRECOGNIZED" | "REGION_ABOLISHED_BEFORE_BIRTH" | "BANK_CARD_LUHN";
/** Why a verification gave no verdict (`verdict: "error"`). `answer_lost`: may have been billed, the answer is lost. */
export type ErrorKind =
  | "throttled" | "auth" | "invalid_request" | "server" | "business" | "malformed_response" | "inconsistent_response" | "answer_lost";

export interface CheckErrorInfo {
  code: CheckErrorCode;
  field: string;
  message: string;
  messageZh: string;
  hint?: string;
}

/** The result of a check: never thrown, always returned. */
export type Check<V, I> =
  | { ok: true; value: V; info: I; warnings: WarningCode[]; changed: boolean }
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

export interface BankCardInfo {
  length: number;
  /** Whether the check digit satisfies Luhn (some issued Chinese cards do not: a warning, not an error). */
  luhn: boolean;
}
/** Checks a bank card number (digits only once spaces and hyphens are removed, 13 to 19); warning `BANK_CARD_LUHN`. */
export declare function checkBankCard(input: string): Check<string, BankCardInfo>;

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
  /** Mainland Id2MetaVerify only: `"md5"` sends the model's partial md5 forms (see the README); Id2MetaVerifyIntl refuses it. */
  paramType?: ParamType;
}
export interface Mobile3MetaInput {
  idNumber: string;
  name: string;
  mobile: string;
  /** `"md5"` sends the MD5 of each normalised value; `"md5-hashed"`: you pass the MD5s. */
  paramType?: ParamType;
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
export declare function buildId2MetaVerifyIntl(input: Id2MetaInput, opts: ActionOptions): SignedRequest;
/** Builds a signed Mobile3MetaVerifyIntl request. */
export declare function buildMobile3MetaVerifyIntl(input: Mobile3MetaInput, opts: ActionOptions): SignedRequest;
/** Builds a signed Id2MetaPeriodVerifyIntl request. */
export declare function buildId2MetaPeriodVerifyIntl(input: Id2MetaPeriodInput, opts: ActionOptions): SignedRequest;
/** Builds a signed Id2MetaVerify request (the mainland 2019-03-07 API). */
export declare function buildId2MetaVerify(input: Id2MetaInput, opts: ActionOptions): SignedRequest;

export interface RequestDescription {
  method: "POST" | "GET";
  host: string;
  action: string;
  version: string;
  /** Values as the official SDKs take them: strings, numbers and booleans (stringified), null/undefined (dropped), arrays and plain objects (flattened to `Key.1.Sub`). */
  query?: Record<string, RpcValue>;
  form?: Record<string, RpcValue>;
}
export type RpcValue = string | number | bigint | boolean | null | undefined | RpcValue[] | { [key: string]: RpcValue };
/**
 * Signs any RPC request exactly as given. For v1, `canonicalRequest` is the canonical query string.
 * `today` is accepted and ignored (one options object serves the builders and signRequest).
 */
export declare function signRequest(
  req: RequestDescription,
  opts: Omit<BuildOptions, "endpoint" | "longTermAs">,
): SignedRequest & { canonicalRequest: string; stringToSign: string; signature: string };

/** UTC `yyyy-MM-ddTHH:mm:ssZ` of a date (default now). */
export declare function acsTimestamp(date?: Date): string;

// ---- Responses ----

interface VerifyResultFields {
  /** The call was charged. */
  billed: boolean;
  /** Sending it again (freshly signed) may succeed and cannot double-bill. */
  retryable: boolean;
  requestId: string | null;
  /** The answer's `Code` (e.g. `Success`, `Throttling.Api`). */
  code: string | null;
  message: string | null;
  bizCode?: string;
  subCode?: string;
  ispName?: string;
  passed?: boolean;
  /** From `x-acs-retry-after` (ms) or `Retry-After`; only on retryable results. */
  retryAfterMs?: number;
  /** What the answer means for the user. */
  description: string;
  descriptionZh: string;
}
/** The person's data matched. */
export interface VerifyMatch extends VerifyResultFields {
  verdict: "match";
  errorKind?: never;
}
/** The data did not match (`subCode` says which part, e.g. 203: the name differs). */
export interface VerifyMismatch extends VerifyResultFields {
  verdict: "mismatch";
  errorKind?: never;
}
/** The data source has no record. */
export interface VerifyNotFound extends VerifyResultFields {
  verdict: "not_found";
  errorKind?: never;
}
/** No verdict: `errorKind` says why, `retryable` whether a fresh request may succeed. */
export interface VerifyError extends VerifyResultFields {
  verdict: "error";
  /** `answer_lost` comes only from the client (see AnswerLost), never from parseResponse. */
  errorKind: Exclude<ErrorKind, "answer_lost">;
}
/** One verdict per answer, discriminated by `verdict`: only `error` has an `errorKind`. */
export type VerifyResult = VerifyMatch | VerifyMismatch | VerifyNotFound | VerifyError;

/** Interprets an answer. Never throws: any body, status or action gives a VerifyResult. */
export declare function parseResponse(
  action: string,
  httpStatus: number,
  body: string,
  headers?: HeadersLike,
): VerifyResult;

/**
 * Header names and values: a plain record, or a Fetch `Headers`.
 * Structural, so the declarations need neither the DOM library nor a runtime's types.
 */
export type HeadersLike = Record<string, string> | { forEach(callbackfn: (value: string, key: string) => void): void; get(name: string): string | null };

/** The host's fetch as the client calls it; the global fetch of Node 20+, Workers and browsers fits. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: any },
) => Promise<{ status: number; headers: HeadersLike; text(): Promise<string> }>;

// ---- Client ----

/** An `AbortSignal` (declared structurally, so no DOM types are needed). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** The second argument of every client method. */
export interface CallOptions {
  /** Aborting rejects the call promptly with `ABORTED` (also while it waits under `limits`); nothing is sent after an abort. */
  signal?: AbortSignalLike;
}

export interface ResendOptions extends CallOptions {
  /** The request's timestamp, when its headers (V3 `x-acs-date`) or URL (V1 `Timestamp`) do not say. */
  timestamp?: Date | string;
}

/** What `beforeSend` sees: the exact request about to be sent. */
export interface BeforeSendInfo {
  action: ActionName;
  /** 1 for the first request of the call. */
  attempt: number;
  nonce: string;
  timestamp: string;
  /** A byte-identical resend of an earlier attempt (same nonce and timestamp). */
  resend: boolean;
  request: SignedRequest;
}

/** Requests started in any one-second window, and in flight at once. */
export interface RateLimit {
  /** At most this many requests start in any one-second window (above 0). */
  qps?: number;
  /** At most this many requests in flight (an integer from 1). */
  maxConcurrency?: number;
}
/** Global limits, and per action (as the API spells it). Calls over a limit wait in a queue. */
export interface Limits extends RateLimit {
  actions?: { [A in ActionName]?: RateLimit };
}

/** onRequest: one request is about to be sent. Personal data only masked. */
export interface RequestEvent {
  type: "request";
  action: ActionName;
  attempt: number;
  resend: boolean;
  nonce?: string;
  timestamp?: string;
  /** The host the request goes to (never the URL: a V1 query carries the token and signature). */
  host?: string;
  /** How long the request waited under `limits`. */
  queuedMs?: number;
  /** e.g. `{ idNumber: "110105********002X", name: "张*", mobile: "138****5678" }`; empty for md5 inputs. */
  input: { idNumber?: string; name?: string; mobile?: string };
}
/** onResponse: an answer arrived and was parsed. */
export interface ResponseEvent {
  type: "response";
  action: ActionName;
  attempt: number;
  httpStatus?: number;
  durationMs?: number;
  verdict?: VerifyResult["verdict"];
  billed?: boolean;
  retryable?: boolean;
  code?: string;
  requestId?: string;
  bizCode?: string;
  subCode?: string;
  errorKind?: ErrorKind;
  retryAfterMs?: number;
}
/** onRetry: the client will send again after `delayMs`. */
export interface RetryEvent {
  type: "retry";
  action: ActionName;
  /** The attempt that failed. */
  attempt: number;
  nextAttempt: number;
  delayMs?: number;
  /** A short token, e.g. `throttled`, `server`, `network`, `ambiguous`. */
  reason?: string;
  /** The next attempt is the byte-identical request. */
  resend: boolean;
  httpStatus?: number;
  code?: string;
  requestId?: string;
  errorKind?: ErrorKind;
}
/** onError: the call rejected with an AliyunIdvError. */
export interface CallErrorEvent {
  type: "error";
  action: ActionName;
  attempts?: number;
  durationMs?: number;
  code: ErrorCode;
  message?: string;
  httpStatus?: number;
  requestId?: string;
  errorKind?: ErrorKind;
}
/** Called synchronously, never awaited; a hook that throws or rejects never breaks the call. */
export interface Hooks {
  onRequest?: (event: RequestEvent) => unknown;
  onResponse?: (event: ResponseEvent) => unknown;
  onRetry?: (event: RetryEvent) => unknown;
  onError?: (event: CallErrorEvent) => unknown;
}

/**
 * Every option of createClient. An unknown key or a value of the wrong type throws
 * `INVALID_OPTION` naming the key (only own properties are read).
 */
export interface ClientOptions extends Partial<Credentials> {
  /** Static credentials, a provider (function or object), e.g. `defaultCredentialsChain()`; not with accessKeyId/accessKeySecret. */
  credentials?: CredentialsSource;
  /** Host (or `http://127.0.0.1:PORT` for a local mock); default per action. */
  endpoint?: string;
  /** Hosts per product (any host, e.g. a proxy); a mainland call never goes to the intl host or the reverse. */
  endpoints?: { intl?: string; mainland?: string };
  /** The region of the default hosts (`cn-hongkong`, `ap-southeast-1` for intl; `cn-shanghai`, `cn-beijing` for mainland), or one per product; unknown regions are refused. */
  regionId?: string | { intl?: string; mainland?: string };
  /** The intl product's internal (VPC) host, `cloudauth-intl-vpc.<region>.aliyuncs.com`. */
  vpc?: boolean;
  /** Accept residence permits everywhere (true) or nowhere (false); default: where each action's docs do. */
  allowResidencePermit?: boolean;
  signatureVersion?: "v3" | "v1";
  /** Default: the global fetch (Node 20, Workers, browsers). */
  fetch?: FetchLike;
  /** Abort an attempt (headers and body) after this long (default 10000; from 1 to 2^31 - 1), even when `fetch` ignores its signal. A timed-out request may have been processed: it is only resent byte-identically, and may end as `answer_lost`. */
  timeoutMs?: number;
  /** Further sends after a failed attempt (default 2; 0 or more, at most 10 are made): what was not delivered or answered as not billed is signed afresh (throttling waits x-acs-retry-after, at most 30 s); what may have been processed is only resent byte-identically. */
  retries?: number;
  longTermAs?: "长期" | "long-term";
  /** Backoff: full jitter over min(backoffCapMs, backoffBaseMs * 2^attempt); defaults 200 and 5000. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Random numbers in [0, 1) for the backoff jitter; default Math.random. */
  random?: () => number;
  /** A fresh nonce per signed request; default crypto.randomUUID(). */
  nonce?: () => string;
  /** The clock (default Date.now): timestamps, today's date for the checks, the resend window. */
  now?: () => Date | number;
  /** Waits between attempts (default setTimeout); abort is handled by the client. */
  sleep?: (ms: number) => Promise<void>;
  /** `YYYYMMDD` or `YYYY-MM-DD` for the checks; default: the current date in China. */
  today?: string;
  /** An answer larger than this (bytes; default 1 MB) is not read. */
  maxResponseBytes?: number;
  /** Rate limits, global and per action: calls over a limit wait (honouring their signal). */
  limits?: Limits;
  /** Observability hooks (masked data only). */
  hooks?: Hooks;
  /** Awaited before every send; throwing stops the call with `BEFORE_SEND_FAILED` (nothing sent). */
  beforeSend?: (info: BeforeSendInfo) => void | Promise<void>;
}

/**
 * No verdict, and maybe billed: a delivery may have been processed but its answer is lost
 * (`billed: null`). Never send it again with a fresh nonce.
 */
export interface AnswerLost extends Omit<VerifyError, "billed" | "errorKind"> {
  errorKind: "answer_lost";
  billed: null;
  retryable: false;
  /** `nonce_used` (the service had received it: processed, answer lost), `retries_exhausted`,
   * `window_closed` (too late to resend safely) or `resend_refused`. */
  lostReason: "nonce_used" | "retries_exhausted" | "window_closed" | "resend_refused";
  /** The last transport failure (`timeout`, `ECONNRESET`, `body_incomplete`, `body_too_large`, `gateway_error`, ...). */
  failure: string | null;
}

/** A client method's result: the verdict (or a lost answer), how many requests were sent, and the last nonce. */
export type ClientResult = (VerifyResult | AnswerLost) & {
  /** How many requests were sent. */
  attempts: number;
  /** The nonce of the last signed request sent (look the call up by it). */
  nonce: string | null;
};

/**
 * The client's methods reject with AliyunIdvError: the check's code for bad input (nothing is
 * sent), `CREDENTIALS_ERROR`, `ABORTED`, `QUEUE_TIMEOUT` (nothing sent), `BEFORE_SEND_FAILED`
 * (nothing sent) or
 * `NETWORK_ERROR` (never delivered, after the retries; not billed). Answers, billed or not, resolve as a ClientResult.
 */
export interface Client extends ActionClientMethods {
  /** Id2MetaVerifyIntl: does the name belong to the ID number? */
  id2MetaVerifyIntl(input: Id2MetaInput, options?: CallOptions): Promise<ClientResult>;
  /** Mobile3MetaVerifyIntl: do the name, ID number and mobile belong together (`subCode` says which part differs)? */
  mobile3MetaVerifyIntl(input: Mobile3MetaInput, options?: CallOptions): Promise<ClientResult>;
  /** Id2MetaPeriodVerifyIntl: name, ID number and the card's validity period. */
  id2MetaPeriodVerifyIntl(input: Id2MetaPeriodInput, options?: CallOptions): Promise<ClientResult>;
  /** Id2MetaVerify: name and ID number on the mainland 2019-03-07 API. */
  id2MetaVerify(input: Id2MetaInput, options?: CallOptions): Promise<ClientResult>;
  /**
   * Sends a request signed earlier (e.g. read back from a journal) byte-identically, only while
   * its timestamp is inside the service's 15-minute window; `SignatureNonceUsed` ends as
   * `errorKind: "answer_lost"` (may have been billed).
   */
  resend(action: ActionName, request: { method: string; url: string; headers: Record<string, string>; body: string | null }, options?: ResendOptions): Promise<ClientResult>;
}

/**
 * A client over the host's fetch. Credentials: `credentials`, or `accessKeyId`/`accessKeySecret`,
 * else (where there is a `process.env`, e.g. Node) the default chain: environment variables,
 * OIDC/RRSA, the CLI config file profile, the ECS RAM role, asked at the first call (which
 * rejects with `CREDENTIALS_ERROR`, nothing sent, when none answers). Server-side only: signing
 * needs the secret. Throws AliyunIdvError: `CREDENTIALS_MISSING` (no credentials and no
 * `process.env`, e.g. Workers), `ENDPOINT_INVALID`, or `INVALID_OPTION` for an unknown option, or
 * one of the wrong type or out of range (e.g. `timeoutMs` not above 0).
 */
export declare function createClient(options?: ClientOptions): Client;

// ---- Credentials ----

/** What a provider answers: `expiration` (a Date, ms since the epoch, or ISO 8601) makes the client refresh shortly before it. */
export interface ProvidedCredentials extends Credentials {
  expiration?: Date | number | string;
}
/** A function returning (a promise of) credentials. */
export type CredentialsFunction = () => ProvidedCredentials | Promise<ProvidedCredentials>;
/** A provider from this package: a function with the name of its source. */
export type CredentialsProvider = CredentialsFunction & { readonly providerName: string };
/**
 * `credentials`: static values; a function; an object with `getCredentials()`; or an object with
 * `getCredential()` (an official `@alicloud/credentials` client).
 */
export type CredentialsSource =
  | Credentials
  | CredentialsFunction
  | { getCredentials(): ProvidedCredentials | Promise<ProvidedCredentials> }
  | { getCredential(): ProvidedCredentials | Promise<ProvidedCredentials> };

/** The environment (in Workers: the Worker's `env` bindings). */
export type Environment = { readonly [name: string]: string | undefined };
/** The host functions the providers use, injectable (tests, other runtimes). */
export interface ProviderHost {
  /** Default: `process.env` where there is one. */
  env?: Environment;
  /** Default: the global fetch. */
  fetch?: ClientOptions["fetch"];
  /** Default: the fs module through process.getBuiltinModule (Node 20.16+); elsewhere pass one. */
  readFile?: (path: string) => string | Promise<string>;
  /** ms since the epoch (STS timestamps, session names). */
  now?: () => number;
  /** STS nonces; default crypto.randomUUID(). */
  nonce?: () => string;
  /** Per request; default 10000 for STS, 1000 for the metadata service. */
  timeoutMs?: number;
}
export interface StsOptions extends ProviderHost {
  roleSessionName?: string;
  /** At least 900; default 3600. */
  durationSeconds?: number;
  policy?: string;
  /** Default `sts.aliyuncs.com`, or `sts[-vpc].REGION.aliyuncs.com`; `http://` only on loopback. */
  stsEndpoint?: string;
  stsRegionId?: string;
  enableVpc?: boolean;
}
export interface OidcOptions extends StsOptions {
  /** Default ALIBABA_CLOUD_ROLE_ARN. */
  roleArn?: string;
  /** Default ALIBABA_CLOUD_OIDC_PROVIDER_ARN. */
  oidcProviderArn?: string;
  /** Default ALIBABA_CLOUD_OIDC_TOKEN_FILE; read on every refresh. */
  oidcTokenFile?: string;
}
export interface EcsRamRoleOptions extends ProviderHost {
  /** Default ALIBABA_CLOUD_ECS_METADATA, else asked of the metadata service. */
  roleName?: string;
  /** Refuse to work without a metadata token (also ALIBABA_CLOUD_IMDSV1_DISABLED=true). */
  disableIMDSv1?: boolean;
  /** Default `100.100.100.200`. */
  metadataHost?: string;
}
export interface ConfigFileOptions extends OidcOptions, EcsRamRoleOptions {
  /** Default ALIBABA_CLOUD_PROFILE, else the file's `current`. */
  profile?: string;
  /** Default HOME/.aliyun/config.json. */
  path?: string;
  homedir?: string;
}
export type ChainOptions = ConfigFileOptions;

/** ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN from `env` (Workers: your bindings) or process.env. */
export declare function environmentCredentials(options?: { env?: Environment }): CredentialsProvider;
/** OIDC / RRSA: the token file exchanged at STS AssumeRoleWithOIDC. */
export declare function oidcCredentials(options?: OidcOptions): CredentialsProvider;
/** STS AssumeRole signed with the credentials of `source`. */
export declare function ramRoleArnCredentials(source: CredentialsFunction, options: StsOptions & { roleArn: string }): CredentialsProvider;
/** The ECS RAM role through the instance metadata service (metadata token first). */
export declare function ecsRamRoleCredentials(options?: EcsRamRoleOptions): CredentialsProvider;
/** A profile of `~/.aliyun/config.json` (modes AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC). Node. */
export declare function configFileCredentials(options?: ConfigFileOptions): CredentialsProvider;
/** The official order: environment, OIDC/RRSA, config file, ECS RAM role; keeps the first that answers. */
export declare function defaultCredentialsChain(options?: ChainOptions): CredentialsProvider;
/** The cache the client puts in front of a provider: refreshes before expiration, once for all concurrent callers. */
export declare function credentialsCache(
  source: CredentialsSource,
  options?: { now?: () => number; refreshBeforeMs?: number },
): { get(): Promise<Credentials>; invalidate(): void; readonly isStatic: boolean };

/** Today's date in China (UTC+8), `YYYY-MM-DD`: the default `today` of the checks. */
export declare function chinaToday(now?: Date): string;

/** The bytes of the .wasm file, or a compiled `WebAssembly.Module` (structural: no DOM types needed). */
export type InitInput = ArrayBuffer | ArrayBufferView | object;
/** Instantiates the module synchronously (every entry of the package does this itself; a no-op then). */
export declare function initSync(input: InitInput | { module: InitInput }): void;
/**
 * Resolves once the module is instantiated. Every entry initialises itself on import, so this is
 * a harmless no-op kept for compatibility (`aliyun-idv/full` awaits it itself).
 */
export default function init(input?: InitInput | string | { module_or_path: InitInput | string }): Promise<void>;

/**
 * Makes region names available to `checkIdNumber` (`info.regionName`, `info.province`). The
 * server module has them compiled in; the browser module (the `browser` condition) loads them on
 * demand, about 23 KB gzipped. Resolves to true.
 */
export declare function loadRegionNames(): Promise<true>;

/**
 * Diagnostic, not part of the documented API (may change without notice): the size in bytes of the
 * WebAssembly instance's linear memory, 0 before initialisation. Memory only grows, so a value that
 * stays the same over many calls shows that nothing leaks across the boundary.
 * @internal
 */
export declare function __wasmMemoryBytes(): number;

// BEGIN GENERATED ACTIONS (from src/request/table.rs by tests/js_action_table.rs; do not edit by hand)
/** `normal`; `md5`: the library writes each field's documented md5 form from plaintext; `md5-hashed`: you pass the md5 forms. */
export type ParamType = "normal" | "md5" | "md5-hashed";
/** Every action the package builds. */
export type ActionName =
  | "Id2MetaVerifyIntl"
  | "Mobile3MetaVerifyIntl"
  | "Id2MetaPeriodVerifyIntl"
  | "Id2MetaVerify"
  | "Mobile2MetaVerifyIntl"
  | "BankMetaVerifyIntl"
  | "Id2MetaPeriodVerify"
  | "Id2MetaStandardVerify"
  | "Mobile2MetaVerify"
  | "Mobile3MetaSimpleVerify"
  | "Mobile3MetaDetailVerify"
  | "Mobile3MetaSimpleStandardVerify"
  | "Mobile3MetaDetailStandardVerify"
  | "MobileRecycledMetaVerify"
  | "BankMetaVerify"
;
export interface ActionOptions extends BuildOptions {
  /** Accept Hong Kong/Macao/Taiwan residence permits (810000/820000/830000); default: where the action's docs do. */
  allowResidencePermit?: boolean;
  /** `"body"` (default: personal data stays out of URLs) or `"sdk"` (where the official SDK puts them). */
  paramsIn?: "body" | "sdk";
}
/** Mobile2MetaVerifyIntl (intl product) input. */
export interface Mobile2MetaVerifyIntlInput {
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile2MetaVerifyIntl request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile2MetaVerifyIntl(input: Mobile2MetaVerifyIntlInput, opts: ActionOptions): SignedRequest;
/** BankMetaVerifyIntl (intl product) input. */
export interface BankMetaVerifyIntlInput {
  idNumber?: string;
  name: string;
  mobile?: string;
  paramType?: ParamType;
  bankCard: string;
  productType: "BANK_CARD_2_META" | "BANK_CARD_3_META" | "BANK_CARD_4_META";
  verifyMode?: "VERIFY_BANK_CARD";
  identityType?: "01";
}
/** Builds a signed BankMetaVerifyIntl request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildBankMetaVerifyIntl(input: BankMetaVerifyIntlInput, opts: ActionOptions): SignedRequest;
/** Id2MetaPeriodVerify (mainland product) input. */
export interface Id2MetaPeriodVerifyInput {
  idNumber: string;
  name: string;
  paramType?: ParamType;
  validityStart: string;
  validityEnd: string;
}
/** Builds a signed Id2MetaPeriodVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildId2MetaPeriodVerify(input: Id2MetaPeriodVerifyInput, opts: ActionOptions): SignedRequest;
/** Id2MetaStandardVerify (mainland product) input. */
export interface Id2MetaStandardVerifyInput {
  idNumber: string;
  name: string;
  paramType?: ParamType;
}
/** Builds a signed Id2MetaStandardVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildId2MetaStandardVerify(input: Id2MetaStandardVerifyInput, opts: ActionOptions): SignedRequest;
/** Mobile2MetaVerify (mainland product) input. */
export interface Mobile2MetaVerifyInput {
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile2MetaVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile2MetaVerify(input: Mobile2MetaVerifyInput, opts: ActionOptions): SignedRequest;
/** Mobile3MetaSimpleVerify (mainland product) input. */
export interface Mobile3MetaSimpleVerifyInput {
  idNumber: string;
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile3MetaSimpleVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile3MetaSimpleVerify(input: Mobile3MetaSimpleVerifyInput, opts: ActionOptions): SignedRequest;
/** Mobile3MetaDetailVerify (mainland product) input. */
export interface Mobile3MetaDetailVerifyInput {
  idNumber: string;
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile3MetaDetailVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile3MetaDetailVerify(input: Mobile3MetaDetailVerifyInput, opts: ActionOptions): SignedRequest;
/** Mobile3MetaSimpleStandardVerify (mainland product) input. */
export interface Mobile3MetaSimpleStandardVerifyInput {
  idNumber: string;
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile3MetaSimpleStandardVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile3MetaSimpleStandardVerify(input: Mobile3MetaSimpleStandardVerifyInput, opts: ActionOptions): SignedRequest;
/** Mobile3MetaDetailStandardVerify (mainland product) input. */
export interface Mobile3MetaDetailStandardVerifyInput {
  idNumber: string;
  name: string;
  mobile: string;
  paramType?: ParamType;
}
/** Builds a signed Mobile3MetaDetailStandardVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobile3MetaDetailStandardVerify(input: Mobile3MetaDetailStandardVerifyInput, opts: ActionOptions): SignedRequest;
/** MobileRecycledMetaVerify (mainland product) input. */
export interface MobileRecycledMetaVerifyInput {
  mobile: string;
  paramType?: ParamType;
  registerDate: string;
}
/** Builds a signed MobileRecycledMetaVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildMobileRecycledMetaVerify(input: MobileRecycledMetaVerifyInput, opts: ActionOptions): SignedRequest;
/** BankMetaVerify (mainland product) input. */
export interface BankMetaVerifyInput {
  idNumber?: string;
  name: string;
  mobile?: string;
  paramType?: ParamType;
  bankCard: string;
  productType: "BANK_CARD_2_META" | "BANK_CARD_3_META" | "BANK_CARD_4_META";
  verifyMode?: "VERIFY_BANK_CARD";
  identityType?: "01";
}
/** Builds a signed BankMetaVerify request; throws AliyunIdvError (with the check's code) on bad input. */
export declare function buildBankMetaVerify(input: BankMetaVerifyInput, opts: ActionOptions): SignedRequest;
/** Client methods of the actions typed in this block. */
export interface ActionClientMethods {
  mobile2MetaVerifyIntl(input: Mobile2MetaVerifyIntlInput, options?: CallOptions): Promise<ClientResult>;
  bankMetaVerifyIntl(input: BankMetaVerifyIntlInput, options?: CallOptions): Promise<ClientResult>;
  id2MetaPeriodVerify(input: Id2MetaPeriodVerifyInput, options?: CallOptions): Promise<ClientResult>;
  id2MetaStandardVerify(input: Id2MetaStandardVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobile2MetaVerify(input: Mobile2MetaVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobile3MetaSimpleVerify(input: Mobile3MetaSimpleVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobile3MetaDetailVerify(input: Mobile3MetaDetailVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobile3MetaSimpleStandardVerify(input: Mobile3MetaSimpleStandardVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobile3MetaDetailStandardVerify(input: Mobile3MetaDetailStandardVerifyInput, options?: CallOptions): Promise<ClientResult>;
  mobileRecycledMetaVerify(input: MobileRecycledMetaVerifyInput, options?: CallOptions): Promise<ClientResult>;
  bankMetaVerify(input: BankMetaVerifyInput, options?: CallOptions): Promise<ClientResult>;
}
/** Builds any action of the table by name (only the inputs the action takes are read). */
export declare function buildAction(action: ActionName, input: Partial<Record<string, string>>, opts: ActionOptions): SignedRequest;
// END GENERATED ACTIONS
