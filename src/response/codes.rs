//! What each answer code means for the user: the one place that maps BizCode / SubCode / Passed,
//! mainland business codes and gateway error codes to a verdict, billing, retry advice and an
//! English and Chinese description.
//!
//! Sources: the API references of the international (2022-08-09) and mainland (2019-03-07)
//! ID Verification APIs and the official SDKs' error handling (see `tests/data/responses/`).
//!
//! Billing: a verification that reached the authoritative database and got a consistent or
//! inconsistent answer is billed; "no record" is not billed, except for Id2MetaPeriodVerifyIntl,
//! where every answer with a `Passed` value is billed. Errors are never billed.
//!
//! Retry decisions (only unbilled answers are ever retryable):
//! - throttling (`Throttling`, `Throttling.*`): retryable, honouring `x-acs-retry-after`;
//! - server failures (`InternalError`, `ServiceUnavailable`, HTTP 5xx, mainland 402/500): retryable;
//! - `InvalidTimeStamp.Expired`: retryable (rejected before any processing); createClient corrects
//!   its clock once from the answer's `Date` header; the description says to check the clock;
//! - `SignatureNonceUsed`: NOT retryable: an earlier delivery of the same request was received and
//!   may have been processed and billed, so a freshly signed retry could bill twice;
//! - `Forbidden.ExceptionDataSource` (HTTP 500, the data source failed): a server fault, retryable;
//!   `Forbidden.ExceptionRepeatedInvoke` and mainland 403/405: business refusals, not retryable;
//! - every other auth error (bad signature, unknown key, expired STS token, Forbidden.*),
//!   invalid request and business refusal: not retryable: the same request fails the same way.

use super::{ErrorKind, Verdict};

/// The meaning of a business answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Outcome {
    pub verdict: Verdict,
    pub billed: bool,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn out(verdict: Verdict, billed: bool, en: &'static str, zh: &'static str) -> Outcome {
    Outcome { verdict, billed, en, zh }
}

use Verdict::{Match, Mismatch, NotFound};

/// Id2MetaVerifyIntl and mainland Id2MetaVerify: `BizCode`.
pub(super) const ID2_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The name matches the ID number.", "姓名与身份证号一致。")),
    ("2", out(Mismatch, true, "The name does not match the ID number.", "姓名与身份证号不一致。")),
    ("3", out(NotFound, false, "No record of this ID number was found in the official database; not billed.", "权威数据库中查无此身份证号记录，不计费。")),
];

/// Mobile3MetaVerifyIntl and the mainland Mobile3Meta*Verify: `BizCode`.
pub(super) const MOBILE3_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The mobile number, name and ID number match.", "手机号、姓名与身份证号一致。")),
    ("2", out(Mismatch, true, "The mobile number, name and ID number do not all match.", "手机号、姓名与身份证号不一致。")),
    ("3", out(NotFound, false, "The carrier has no record of this mobile number; not billed.", "运营商查无此手机号记录，不计费。")),
];

/// Mobile3MetaVerifyIntl and mainland Mobile3MetaDetailVerify: `SubCode`.
pub(super) const MOBILE3_SUB: &[(&str, Outcome)] = &[
    ("101", out(Match, true, "The mobile number, name and ID number match.", "手机号、姓名与身份证号一致。")),
    ("201", out(Mismatch, true, "The mobile number belongs to someone else: it matches neither the name nor the ID number.", "手机号与姓名、身份证号均不一致。")),
    ("202", out(Mismatch, true, "The mobile number belongs to this name, but the ID number differs.", "手机号与姓名一致，但与身份证号不一致。")),
    ("203", out(Mismatch, true, "The mobile number belongs to this ID number, but the name differs.", "手机号与身份证号一致，但与姓名不一致。")),
    ("204", out(Mismatch, true, "The mobile number, name and ID number do not match (other inconsistency).", "手机号、姓名与身份证号不一致（其他不一致情形）。")),
    ("301", out(NotFound, false, "The carrier has no record of this mobile number; not billed.", "运营商查无此手机号记录，不计费。")),
];

/// Id2MetaPeriodVerifyIntl: `SubCode` (every answer is billed).
pub(super) const PERIOD_SUB: &[(&str, Outcome)] = &[
    ("200", out(Match, true, "The name, ID number and validity period match the official record.", "姓名、身份证号与证件有效期均与权威记录一致。")),
    ("202", out(NotFound, true, "No identity record was found in the official database (billed).", "权威数据库中查无此身份记录（计费）。")),
    ("223", out(Mismatch, true, "The name, the ID number or the validity dates do not match the official record.", "姓名、身份证号或证件有效期与权威记录不一致。")),
];

/// An action this library does not know: the BizCode convention all these APIs share.
pub(super) const GENERIC_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The information matches the official record.", "信息与权威记录一致。")),
    ("2", out(Mismatch, true, "The information does not match the official record.", "信息与权威记录不一致。")),
    ("3", out(NotFound, false, "No record was found; not billed.", "查无记录，不计费。")),
];

/// Id2MetaPeriodVerifyIntl: `Passed` when the `SubCode` is unknown.
pub(super) const PERIOD_PASSED_Y: Outcome =
    out(Match, true, "The verification passed.", "核验通过。");
pub(super) const PERIOD_PASSED_N: Outcome =
    out(Mismatch, true, "The verification did not pass.", "核验未通过。");

/// A success answer whose result code is unknown or missing.
pub(super) const UNKNOWN_RESULT: (&str, &str) = (
    "The service answered with a result code this library does not know; check the API reference. Do not retry: it may have been billed.",
    "服务返回了未知的结果码，请查阅 API 文档。请勿重试：该次调用可能已计费。",
);

/// A success answer whose result fields contradict each other.
pub(super) const INCONSISTENT: (&str, &str) = (
    "The service's answer contradicts itself (its result codes disagree), so it is not taken as a match. Do not retry: it may have been billed; report the request id to Alibaba Cloud.",
    "服务返回的结果自相矛盾（结果码彼此不一致），因此不视为核验一致。请勿重试：该次调用可能已计费；请将请求 ID 提交给阿里云。",
);

/// The meaning of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ErrorMeaning {
    pub kind: ErrorKind,
    pub retryable: bool,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn err(kind: ErrorKind, retryable: bool, en: &'static str, zh: &'static str) -> ErrorMeaning {
    ErrorMeaning { kind, retryable, en, zh }
}

use ErrorKind::{Auth, Business, InvalidRequest, MalformedResponse, Server, Throttled};

pub(super) const THROTTLED: ErrorMeaning = err(Throttled, true,
    "Too many requests: the API rate limit was reached. Retry after a short wait; not billed.",
    "请求过于频繁，已触发限流，请稍后重试；不计费。");
pub(super) const AUTH: ErrorMeaning = err(Auth, false,
    "The request was not authorised: check the AccessKey, its RAM permissions and the account status.",
    "请求未获授权：请检查 AccessKey、RAM 权限和账号状态。");
pub(super) const INVALID: ErrorMeaning = err(InvalidRequest, false,
    "The request was rejected as invalid: a parameter is missing or malformed.",
    "请求无效：缺少参数或参数格式不正确。");
pub(super) const SERVER: ErrorMeaning = err(Server, true,
    "The service had a temporary failure; retrying later may succeed. Not billed.",
    "服务暂时故障，稍后重试可能成功；不计费。");
pub(super) const BUSINESS: ErrorMeaning = err(Business, false,
    "The service refused the request; see the code and message.",
    "服务拒绝了该请求，请查看错误码和错误信息。");
pub(super) const MALFORMED: ErrorMeaning = err(MalformedResponse, false,
    "The answer is not a JSON object of the expected shape (for example a proxy's error page); the outcome is unknown.",
    "响应不是预期格式的 JSON 对象（例如代理服务器的错误页面），结果未知。");
pub(super) const MALFORMED_RETRYABLE: ErrorMeaning = err(MalformedResponse, true,
    "The answer is not the service's JSON (for example a proxy's error page) and its HTTP status says the request was not processed; retrying later may succeed.",
    "响应不是服务返回的 JSON（例如代理服务器的错误页面），其 HTTP 状态表明请求未被处理，稍后重试可能成功。");

/// Exact codes, gateway and mainland business codes (`Code` in a 2xx answer).
const ERRORS: &[(&str, ErrorMeaning)] = &[
    // Not retryable: the service had already received a request with this nonce (a proxy delivered
    // it twice, or its answer was lost), which may have been processed and billed. A fresh nonce
    // would verify (and bill) again; createClient ends such a call as `answer_lost`.
    ("SignatureNonceUsed", err(Auth, false,
        "The signature nonce was already used: the service already received this request, which may have been processed and billed. Do not resend it with a fresh nonce.",
        "签名随机数已被使用：服务已收到过该请求，它可能已被处理并计费。请勿用新的随机数重新发送。")),
    ("InvalidTimeStamp.Expired", err(Auth, true,
        "The request timestamp is more than 15 minutes off the server's time; retry with a fresh timestamp, and check the clock if it happens again. Not billed.",
        "请求时间戳与服务器时间相差超过 15 分钟，请使用新的时间戳重试；若再次出现请检查系统时钟。不计费。")),
    ("InvalidTimeStamp.Format", err(Auth, false,
        "The request timestamp is not formatted as yyyy-MM-ddTHH:mm:ssZ.",
        "请求时间戳格式不正确，应为 yyyy-MM-ddTHH:mm:ssZ。")),
    ("SignatureDoesNotMatch", err(Auth, false,
        "The signature does not match: check the AccessKey secret (no extra spaces) and that the request is sent exactly as signed.",
        "签名不匹配：请检查 AccessKey Secret（不要有多余空格），并确保请求按签名内容原样发送。")),
    ("IncompleteSignature", err(Auth, false,
        "The request signature is incomplete or malformed.",
        "请求签名不完整或格式不正确。")),
    ("InvalidAccessKeyId.NotFound", err(Auth, false,
        "The AccessKey ID does not exist.",
        "AccessKey ID 不存在。")),
    ("InvalidAccessKeyId.Inactive", err(Auth, false,
        "The AccessKey is disabled.",
        "AccessKey 已被禁用。")),
    ("InvalidSecurityToken.Expired", err(Auth, false,
        "The STS security token has expired; obtain new temporary credentials.",
        "STS 安全令牌已过期，请重新获取临时凭证。")),
    ("Forbidden.RAMUserAccessDenied", err(Auth, false,
        "The RAM user lacks permission for this API; grant it the ID Verification policy (e.g. AliyunAntCloudAuthFullAccess).",
        "RAM 用户无权调用该接口，请为其授予实人认证相关权限（例如 AliyunAntCloudAuthFullAccess）。")),
    // HTTP 500: the authoritative data source failed; a service-side fault, not an AccessKey problem.
    ("Forbidden.ExceptionDataSource", err(Server, true,
        "The authoritative data source failed (a service-side fault, not an AccessKey problem); retrying later may succeed. Not billed.",
        "权威数据源异常（服务端故障，并非 AccessKey 问题），稍后重试可能成功；不计费。")),
    ("Forbidden.ExceptionRepeatedInvoke", err(Business, false,
        "Too many abnormal repeated calls with the same data: the service refuses them for now. Do not retry; check why the same data is sent again.",
        "同一数据异常重复调用次数过多，服务暂时拒绝。请勿重试，并检查为何重复提交相同数据。")),
    ("Forbidden.AccountAccessDenied", err(Auth, false,
        "The account has not activated ID Verification or has an overdue payment.",
        "账号未开通实人认证服务或已欠费。")),
    ("MissingParameter", err(InvalidRequest, false,
        "A required parameter is missing.",
        "缺少必填参数。")),
    ("InvalidParameter", err(InvalidRequest, false,
        "A parameter is not valid.",
        "参数不合法。")),
    ("InvalidVersion", err(InvalidRequest, false,
        "The API version is not valid for this endpoint.",
        "该接入地址不支持此 API 版本。")),
    ("InvalidAction.NotFound", err(InvalidRequest, false,
        "The API (action) does not exist at this endpoint; check the action name, version and endpoint.",
        "该接入地址不存在此接口，请检查 Action、版本和接入地址。")),
    ("InternalError", SERVER),
    ("ServiceUnavailable", err(Server, true,
        "The service is temporarily unavailable; retry later. Not billed.",
        "服务暂时不可用，请稍后重试；不计费。")),
    // Mainland 2019-03-07 business codes, answered with HTTP 200.
    ("400", err(InvalidRequest, false, "A required parameter is empty.", "参数不能为空。")),
    ("401", err(InvalidRequest, false, "A parameter is not valid (name or ID number format).", "参数非法（姓名或身份证号格式不正确）。")),
    ("402", err(Server, true, "The authoritative data source had an error; retrying later may succeed. Not billed.", "权威数据源服务异常，稍后重试可能成功；不计费。")),
    ("403", err(Business, false, "Abnormal repeated calls with the same data were refused; do not retry.", "同一数据异常重复调用，已被拒绝，请勿重试。")),
    ("405", err(Business, false, "The mobile number cannot be verified: its number range is not supported by the service. Not billed.", "该手机号无法核验：其号段不在服务支持范围内。不计费。")),
    ("410", err(Auth, false, "The ID Verification service is not activated for this account.", "该账号未开通实人认证服务。")),
    ("411", err(Auth, false, "The RAM user lacks permission (AliyunYundunCloudAuthFullAccess).", "RAM 用户无权限（需要 AliyunYundunCloudAuthFullAccess）。")),
    ("412", err(Auth, false, "The account has an overdue payment.", "账号已欠费。")),
    ("500", err(Server, true, "The service had a system error; retrying later may succeed. Not billed.", "服务系统错误，稍后重试可能成功；不计费。")),
];

/// Code families, matched when no exact code does: `Prefix` or `Prefix.anything`.
const ERROR_FAMILIES: &[(&str, ErrorMeaning)] = &[
    ("Throttling", THROTTLED),
    ("InvalidTimeStamp", AUTH),
    ("InvalidAccessKeyId", AUTH),
    ("InvalidSecurityToken", AUTH),
    ("Forbidden", AUTH),
    ("NoPermission", AUTH),
    ("MissingParameter", INVALID),
    ("InvalidParameter", INVALID),
    ("InvalidAction", INVALID),
    ("InternalError", SERVER),
    ("ServiceUnavailable", SERVER),
];

/// The meaning of a known error code.
pub(super) fn error_meaning(code: &str) -> Option<ErrorMeaning> {
    if let Some((_, m)) = ERRORS.iter().find(|(c, _)| *c == code) {
        return Some(*m);
    }
    ERROR_FAMILIES
        .iter()
        .find(|(family, _)| {
            code.strip_prefix(family).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .map(|(_, m)| *m)
}

/// The meaning of an HTTP status alone (no known code).
pub(super) fn status_meaning(status: u16) -> ErrorMeaning {
    match status {
        429 => THROTTLED,
        401 | 403 => AUTH,
        400..=499 => INVALID,
        500..=599 => SERVER,
        _ => MALFORMED,
    }
}

/// Looks `code` up in a business table.
pub(super) fn lookup(table: &[(&str, Outcome)], code: Option<&str>) -> Option<Outcome> {
    let code = code?;
    table.iter().find(|(c, _)| *c == code).map(|(_, o)| *o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_unique_codes_and_both_languages() {
        for table in [ID2_BIZ, MOBILE3_BIZ, MOBILE3_SUB, PERIOD_SUB, GENERIC_BIZ] {
            let mut seen = std::collections::HashSet::new();
            for (code, o) in table {
                assert!(seen.insert(code), "{code}");
                assert!(!o.en.is_empty() && o.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{code}");
                // Only a billed answer may not be retried, and a "not found" is the only unbilled verdict.
                assert_eq!(o.billed, o.verdict != NotFound || std::ptr::eq(table, PERIOD_SUB), "{code}");
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (code, e) in ERRORS {
            assert!(seen.insert(code), "{code}");
            assert!(!e.en.is_empty() && e.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{code}");
        }
    }

    #[test]
    fn families() {
        assert_eq!(error_meaning("Throttling.User"), Some(THROTTLED));
        assert_eq!(error_meaning("Throttling"), Some(THROTTLED));
        assert_eq!(error_meaning("ThrottlingX"), None);
        assert_eq!(error_meaning("InvalidSecurityToken.Malformed"), Some(AUTH));
        assert_eq!(error_meaning("Forbidden.Whatever").map(|m| m.kind), Some(Auth));
        assert_eq!(error_meaning("InvalidParameter.Foo"), Some(INVALID));
        assert_eq!(error_meaning("SomethingNew"), None);
        assert_eq!(error_meaning(""), None);
    }
}
