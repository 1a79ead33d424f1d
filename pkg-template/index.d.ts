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

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IdInfo {}

export declare function checkIdNumber(input: string, opts?: IdCheckOptions): Check<string, IdInfo>;

/** Lower-case hex MD5 of the UTF-8 bytes of `s` (the md5 parameter mode). */
export declare function md5Hex(s: string): string;

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
