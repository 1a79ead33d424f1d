//! Why a request could not be signed. Codes are stable; messages never repeat the secret, the
//! security token or any parameter value.

macro_rules! sign_errors {
    ($( $variant:ident => $code:literal, $field:literal, $en:literal, $zh:literal; )*) => {
        /// Why [`sign`](super::sign) refused to sign. Carries no data, so it cannot leak any.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum SignError { $( $variant, )* }

        impl SignError {
            /// Every error, in declaration order.
            pub const ALL: &'static [SignError] = &[ $( SignError::$variant, )* ];

            /// The stable code, e.g. `SIGN_TIMESTAMP_INVALID`.
            pub fn as_str(self) -> &'static str {
                match self { $( SignError::$variant => $code, )* }
            }
            /// Which option or input is at fault (the JS option name).
            pub fn field(self) -> &'static str {
                match self { $( SignError::$variant => $field, )* }
            }
            /// What went wrong, in English.
            pub fn message(self) -> &'static str {
                match self { $( SignError::$variant => $en, )* }
            }
            /// What went wrong, in Chinese.
            pub fn message_zh(self) -> &'static str {
                match self { $( SignError::$variant => $zh, )* }
            }
        }
    };
}

sign_errors! {
    TimestampInvalid => "SIGN_TIMESTAMP_INVALID", "timestamp",
        "The timestamp must be a real UTC date-time written as yyyy-MM-ddTHH:mm:ssZ, without milliseconds.",
        "时间戳必须是 yyyy-MM-ddTHH:mm:ssZ 格式的有效 UTC 时间，不含毫秒。";
    NonceEmpty => "SIGN_NONCE_EMPTY", "nonce",
        "The nonce must not be empty; use a fresh random value (e.g. crypto.randomUUID()) for every request.",
        "随机数 nonce 不能为空，每次请求请使用新的随机值（例如 crypto.randomUUID()）。";
    NonceInvalid => "SIGN_NONCE_INVALID", "nonce",
        "The nonce may contain only printable ASCII characters without spaces.",
        "随机数 nonce 只能包含不含空格的可打印 ASCII 字符。";
    CredentialsMissing => "SIGN_CREDENTIALS_MISSING", "credentials",
        "The AccessKey ID and the AccessKey secret are both required.",
        "AccessKey ID 和 AccessKey Secret 均不能为空。";
    CredentialsInvalid => "SIGN_CREDENTIALS_INVALID", "credentials",
        "The AccessKey ID and the security token may contain only printable ASCII characters without spaces.",
        "AccessKey ID 和安全令牌（SecurityToken）只能包含不含空格的可打印 ASCII 字符。";
    HostInvalid => "SIGN_HOST_INVALID", "endpoint",
        "The endpoint must be a bare host name such as cloudauth-intl.cn-hongkong.aliyuncs.com (optionally with :port), without scheme, path, spaces or user info.",
        "endpoint 必须是纯主机名（例如 cloudauth-intl.cn-hongkong.aliyuncs.com，可带 :端口），不能包含协议、路径、空格或用户信息。";
    ParamInvalid => "SIGN_PARAM_INVALID", "params",
        "The request is malformed: an empty or duplicated parameter name, a name reserved for the signature, a form body with GET, or an empty or non-ASCII action or version.",
        "请求参数不正确：参数名为空或重复、使用了签名保留的参数名、GET 请求带表单正文，或 Action/Version 为空或含非 ASCII 字符。";
}

impl core::fmt::Display for SignError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())?;
        f.write_str(": ")?;
        f.write_str(self.message())
    }
}

impl core::error::Error for SignError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_unique_with_both_messages() {
        let mut seen = std::collections::HashSet::new();
        for e in SignError::ALL {
            let s = e.as_str();
            assert!(seen.insert(s), "duplicate {s}");
            assert!(s.starts_with("SIGN_"));
            assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{s}");
            assert!(!e.message().is_empty() && !e.field().is_empty());
            assert!(e.message_zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s}");
            assert_eq!(e.to_string(), format!("{}: {}", s, e.message()));
        }
    }
}
