//! Errors are values with stable codes. Each code has an English and a Chinese message that never
//! repeats the input (it may be a full ID number, name or mobile).

use crate::prelude::*;

/// A const array of `&str` joined with NUL, at compile time, as a `&'static str`.
macro_rules! nul_joined {
    ($parts:expr) => {{
        const BYTES: [u8; $crate::error::nul_joined_len(&$parts)] = $crate::error::nul_joined_bytes(&$parts);
        match core::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => "",
        }
    }};
}

/// Which input an error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    IdNumber,
    Name,
    Mobile,
    ValidityStart,
    ValidityEnd,
    ParamType,
    MerchantBizId,
    MerchantUserId,
    SceneCode,
    Endpoint,
    LongTermAs,
    Today,
    Input,
    BankCard,
    ProductType,
    VerifyMode,
    IdentityType,
    RegisterDate,
    Action,
}

impl Field {
    /// Every field, in declaration order.
    pub const ALL: &'static [Field] = &[
        Field::IdNumber,
        Field::Name,
        Field::Mobile,
        Field::ValidityStart,
        Field::ValidityEnd,
        Field::ParamType,
        Field::MerchantBizId,
        Field::MerchantUserId,
        Field::SceneCode,
        Field::Endpoint,
        Field::LongTermAs,
        Field::Today,
        Field::Input,
        Field::BankCard,
        Field::ProductType,
        Field::VerifyMode,
        Field::IdentityType,
        Field::RegisterDate,
        Field::Action,
    ];

    /// The field's position in [`Field::ALL`] (how the bindings name it to the JS side).
    pub fn index(self) -> u32 {
        self as u32
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Field::IdNumber => "idNumber",
            Field::Name => "name",
            Field::Mobile => "mobile",
            Field::ValidityStart => "validityStart",
            Field::ValidityEnd => "validityEnd",
            Field::ParamType => "paramType",
            Field::MerchantBizId => "merchantBizId",
            Field::MerchantUserId => "merchantUserId",
            Field::SceneCode => "sceneCode",
            Field::Endpoint => "endpoint",
            Field::LongTermAs => "longTermAs",
            Field::Today => "today",
            Field::Input => "input",
            Field::BankCard => "bankCard",
            Field::ProductType => "productType",
            Field::VerifyMode => "verifyMode",
            Field::IdentityType => "identityType",
            Field::RegisterDate => "registerDate",
            Field::Action => "action",
        }
    }
}

/// A code marked `#[cfg(feature = "sign")]` can only come from the signer and the builders: the
/// checks-only browser module keeps the code but not its messages ("" there), which saves it ~1 KB
/// gzipped.
macro_rules! error_codes {
    ($( $(#[$only:meta])? $variant:ident => $code:literal, $en:literal, $zh:literal; )*) => {
        /// Stable, SCREAMING_SNAKE error codes: part of the public API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $( $variant, )* }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The code's position in [`ErrorCode::ALL`] (how the bindings name it to the JS side).
            pub fn index(self) -> u32 {
                self as u32
            }

            /// The stable code string, e.g. `ID_CHECKSUM`.
            pub const fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $code, )* }
            }
            /// What went wrong, in English, without repeating the input.
            #[allow(unreachable_patterns)]
            pub const fn message(self) -> &'static str {
                match self { $( $(#[$only])? ErrorCode::$variant => $en, )* _ => "" }
            }
            /// What went wrong, in Chinese, without repeating the input.
            #[allow(unreachable_patterns)]
            pub const fn message_zh(self) -> &'static str {
                match self { $( $(#[$only])? ErrorCode::$variant => $zh, )* _ => "" }
            }
        }
    };
}

error_codes! {
    IdEmpty => "ID_EMPTY", "Enter the ID number.", "请输入身份证号码。";
    IdBadChar => "ID_BAD_CHAR", "The ID number may contain only digits and a final X.", "身份证号码只能包含数字，最后一位可以是 X。";
    IdLegacy15 => "ID_LEGACY_15", "This is a first-generation 15-digit number; enter the 18-digit number.", "这是第一代 15 位身份证号码，请输入 18 位号码。";
    IdLength => "ID_LENGTH", "The ID number must have 18 characters.", "身份证号码应为 18 位。";
    IdChecksum => "ID_CHECKSUM", "The last character of the ID number does not match the others; check for a typo.", "身份证号码校验位不正确，请检查是否输错。";
    IdBirthDateInvalid => "ID_BIRTH_DATE_INVALID", "The birth date in the ID number is not a real date.", "身份证号码中的出生日期不是有效日期。";
    IdBirthDateFuture => "ID_BIRTH_DATE_FUTURE", "The birth date in the ID number is in the future.", "身份证号码中的出生日期晚于今天。";
    IdBirthDateTooEarly => "ID_BIRTH_DATE_TOO_EARLY", "The birth date in the ID number is before 1900.", "身份证号码中的出生日期早于 1900 年。";
    IdNotMainland => "ID_NOT_MAINLAND", "This is a Hong Kong, Macao or Taiwan residence permit number, not a mainland resident ID.", "这是港澳台居民居住证号码，不是内地居民身份证号码。";
    IdRegionUnknown => "ID_REGION_UNKNOWN", "The ID number does not start with a known region code.", "身份证号码的地区代码不存在。";
    NameEmpty => "NAME_EMPTY", "Enter the name.", "请输入姓名。";
    NameBadChar => "NAME_BAD_CHAR", "The name may contain only Chinese characters and the middle dot ·, as on the ID card.", "姓名只能包含汉字和间隔号“·”，请与身份证一致。";
    NameBadDot => "NAME_BAD_DOT", "The middle dot · must stand between two characters, once at a time.", "间隔号“·”只能位于两个汉字之间，且不能连续出现。";
    NameTooShort => "NAME_TOO_SHORT", "The name must have at least 2 characters.", "姓名至少应有 2 个字。";
    NameTooLong => "NAME_TOO_LONG", "The name may have at most 30 characters.", "姓名最多 30 个字。";
    MobileEmpty => "MOBILE_EMPTY", "Enter the mobile number.", "请输入手机号码。";
    MobileBadChar => "MOBILE_BAD_CHAR", "The mobile number may contain only digits (spaces, hyphens and +86 are accepted).", "手机号码只能包含数字（可带空格、连字符或 +86）。";
    MobileNotMainland => "MOBILE_NOT_MAINLAND", "Only mainland China (+86) mobile numbers can be verified.", "仅支持中国大陆（+86）手机号码。";
    MobileNotMobile => "MOBILE_NOT_MOBILE", "This is not a mobile number: mainland mobile numbers start with 1.", "这不是手机号码：大陆手机号码以 1 开头。";
    MobileLength => "MOBILE_LENGTH", "A mainland mobile number has 11 digits.", "大陆手机号码应为 11 位。";
    MobileUnassignedPrefix => "MOBILE_UNASSIGNED_PREFIX", "No operator uses this number range for personal mobiles; check for a typo.", "该号段未分配给个人手机用户，请检查是否输错。";
    PeriodStartInvalid => "PERIOD_START_INVALID", "The start date of the validity period is not a date as YYYYMMDD or YYYY-MM-DD.", "有效期开始日期格式不正确，应为 YYYYMMDD 或 YYYY-MM-DD。";
    PeriodEndInvalid => "PERIOD_END_INVALID", "The end date of the validity period is not a date as YYYYMMDD or YYYY-MM-DD, or 长期 (long-term).", "有效期截止日期格式不正确，应为 YYYYMMDD、YYYY-MM-DD 或“长期”。";
    PeriodStartBeforeBirth => "PERIOD_START_BEFORE_BIRTH", "The validity period starts before the birth date in the ID number.", "有效期开始日期早于身份证号码中的出生日期。";
    PeriodStartInFuture => "PERIOD_START_IN_FUTURE", "The validity period starts in the future.", "有效期开始日期晚于今天。";
    PeriodStartBeforeGen2 => "PERIOD_START_BEFORE_GEN2", "The validity period starts before 2004, so this is a first-generation card, which is no longer valid.", "有效期开始日期早于 2004 年，这是已停止使用的第一代身份证。";
    PeriodEndBeforeStart => "PERIOD_END_BEFORE_START", "The validity period ends before it starts.", "有效期截止日期早于开始日期。";
    PeriodEndMismatch => "PERIOD_END_MISMATCH", "A card is valid for 5, 10 or 20 years to the day, or long-term; the end date does not fit the start date.", "身份证有效期为 5 年、10 年、20 年（截止日与开始日同月同日）或长期，截止日期与开始日期不符。";
    PeriodTermAgeMismatch => "PERIOD_TERM_AGE_MISMATCH", "The validity term does not fit the holder's age when the card was issued.", "有效期限与办证时的年龄不符。";
    PeriodExpired => "PERIOD_EXPIRED", "The ID card has expired.", "身份证已过有效期。";
    #[cfg(feature = "sign")] ParamTypeInvalid => "PARAM_TYPE_INVALID", "paramType must be \"normal\", \"md5\" (the library hashes) or \"md5-hashed\" (already hashed).", "paramType 只能是 \"normal\"、\"md5\"（由本库计算）或 \"md5-hashed\"（已计算）。";
    #[cfg(feature = "sign")] ParamTypeUnsupported => "PARAM_TYPE_UNSUPPORTED", "This action does not support the md5 parameter mode.", "该接口不支持 md5 参数模式。";
    #[cfg(feature = "sign")] MerchantBizIdInvalid => "MERCHANT_BIZ_ID_INVALID", "merchantBizId must be 1 to 32 letters and digits, unique per request.", "merchantBizId 必须为 1 到 32 位字母或数字，且每次请求唯一。";
    #[cfg(feature = "sign")] MerchantUserIdInvalid => "MERCHANT_USER_ID_INVALID", "merchantUserId must be 1 to 64 printable ASCII characters.", "merchantUserId 必须为 1 到 64 个可打印 ASCII 字符。";
    #[cfg(feature = "sign")] SceneCodeInvalid => "SCENE_CODE_INVALID", "sceneCode must be 1 to 10 letters, digits or underscores.", "sceneCode 必须为 1 到 10 位字母、数字或下划线。";
    #[cfg(feature = "sign")] EndpointInvalid => "ENDPOINT_INVALID", "endpoint must be a host name, optionally with a port and https:// (http:// only for loopback).", "endpoint 必须是主机名，可带端口和 https://（http:// 仅限本机回环地址）。";
    #[cfg(feature = "sign")] LongTermAsInvalid => "LONG_TERM_AS_INVALID", "longTermAs must be \"长期\" or \"long-term\".", "longTermAs 只能是 \"长期\" 或 \"long-term\"。";
    TodayInvalid => "TODAY_INVALID", "The option `today` must be a date as YYYYMMDD or YYYY-MM-DD.", "参数 today 必须是 YYYYMMDD 或 YYYY-MM-DD 格式的日期。";
    InvalidArgument => "INVALID_ARGUMENT", "An argument has the wrong type or shape.", "参数类型或格式不正确。";
    BankCardEmpty => "BANK_CARD_EMPTY", "Enter the bank card number.", "请输入银行卡号。";
    BankCardBadChar => "BANK_CARD_BAD_CHAR", "The bank card number may contain only digits (spaces and hyphens are accepted).", "银行卡号只能包含数字（可带空格或连字符）。";
    BankCardLength => "BANK_CARD_LENGTH", "A bank card number has 13 to 19 digits.", "银行卡号应为 13 到 19 位数字。";
    RegisterDateInvalid => "REGISTER_DATE_INVALID", "registerDate must be a real date as YYYYMMDD or YYYY-MM-DD.", "registerDate 必须是 YYYYMMDD 或 YYYY-MM-DD 格式的有效日期。";
    RegisterDateFuture => "REGISTER_DATE_FUTURE", "registerDate is in the future.", "registerDate 晚于今天。";
    #[cfg(feature = "sign")] ProductTypeInvalid => "PRODUCT_TYPE_INVALID", "productType must be BANK_CARD_2_META, BANK_CARD_3_META or BANK_CARD_4_META.", "productType 只能是 BANK_CARD_2_META、BANK_CARD_3_META 或 BANK_CARD_4_META。";
    #[cfg(feature = "sign")] VerifyModeInvalid => "VERIFY_MODE_INVALID", "verifyMode must be VERIFY_BANK_CARD.", "verifyMode 只能是 VERIFY_BANK_CARD。";
    #[cfg(feature = "sign")] IdentityTypeInvalid => "IDENTITY_TYPE_INVALID", "identityType must be 01 (resident ID card), the only document type this library checks.", "identityType 只能是 01（居民身份证），本库仅能校验该证件类型。";
    #[cfg(feature = "sign")] FieldUnexpected => "FIELD_UNEXPECTED", "This field is not sent by this action (or this productType); leave it out.", "该接口（或该 productType）不使用此字段，请不要传入。";
    #[cfg(feature = "sign")] Md5FormInvalid => "MD5_FORM_INVALID", "With paramType \"md5-hashed\" this field must already be in the action's documented md5 form (lower-case hex).", "paramType 为 \"md5-hashed\" 时，该字段必须已是接口文档规定的 md5 格式（小写十六进制）。";
    #[cfg(feature = "sign")] ActionUnknown => "ACTION_UNKNOWN", "This action is not one the library builds.", "本库不支持构建该接口。";
}

/// Every code's `[code, message, messageZh]`, in [`ErrorCode::ALL`] order.
const CODE_TEXTS: [&str; 3 * ErrorCode::ALL.len()] = {
    let mut out = [""; 3 * ErrorCode::ALL.len()];
    let mut i = 0;
    while i < ErrorCode::ALL.len() {
        #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const evaluation: an error fails the build
        {
            let c = ErrorCode::ALL[i];
            out[3 * i] = c.as_str();
            out[3 * i + 1] = c.message();
            out[3 * i + 2] = c.message_zh();
        }
        i += 1;
    }
    out
};
const FIELD_NAMES: [&str; Field::ALL.len()] = {
    let mut out = [""; Field::ALL.len()];
    let mut i = 0;
    while i < Field::ALL.len() {
        #[allow(clippy::indexing_slicing)] // const evaluation: an error fails the build
        {
            out[i] = Field::ALL[i].as_str();
        }
        i += 1;
    }
    out
};

/// The code table as the bindings' catalog gives it (section 0): code, message and messageZh of
/// every code, NUL-joined. Joined at compile time: one string in the module's data, rather than
/// three tables of pointers and a loop that joins them (measured: the browser module 0.9 KB
/// gzipped smaller, the server module 1.0 KB).
pub const CODES_JOINED: &str = nul_joined!(CODE_TEXTS);
/// The field names, NUL-joined (catalog section 1).
pub const FIELDS_JOINED: &str = nul_joined!(FIELD_NAMES);

/// Byte length of `parts` joined with NUL.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const evaluation: an error fails the build
pub(crate) const fn nul_joined_len(parts: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < parts.len() {
        n += parts[i].len() + if i > 0 { 1 } else { 0 };
        i += 1;
    }
    n
}

/// `parts` joined with NUL, as `N` bytes (`N` = [`nul_joined_len`]).
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const evaluation: an error fails the build
pub(crate) const fn nul_joined_bytes<const N: usize>(parts: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        if i > 0 {
            at += 1; // the NUL: already 0
        }
        let b = parts[i].as_bytes();
        let mut k = 0;
        while k < b.len() {
            out[at] = b[k];
            at += 1;
            k += 1;
        }
        i += 1;
    }
    out
}

/// The error half of a check result. `Debug` redacts the hint (it may hold a full ID number, e.g.
/// the upgraded form of a 15-digit one); `Display` is the code and the English message.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckError {
    pub code: ErrorCode,
    pub field: Field,
    /// Extra guidance that is safe to show the person who typed the input.
    pub hint: Option<String>,
}

impl CheckError {
    pub fn new(code: ErrorCode, field: Field) -> Self {
        CheckError { code, field, hint: None }
    }
    pub fn with_hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn message(&self) -> &'static str {
        self.code.message()
    }
    pub fn message_zh(&self) -> &'static str {
        self.code.message_zh()
    }
}

impl core::fmt::Display for CheckError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.code.message())
    }
}

impl core::fmt::Debug for CheckError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CheckError")
            .field("code", &self.code)
            .field("field", &self.field)
            .field("hint", &self.hint.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl core::error::Error for CheckError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_listed_once() {
        let names: std::collections::HashSet<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names.len(), Field::ALL.len());
        assert_eq!(Field::ALL.len(), 19, "a new Field must be added to Field::ALL");
    }

    #[test]
    fn the_index_of_a_code_or_field_is_its_position_in_all() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index() as usize, i, "{f:?}");
        }
        for (i, c) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(c.index() as usize, i, "{c:?}");
        }
    }

    #[test]
    fn codes_are_unique_screaming_snake_with_both_messages() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'), "{s}");
            if cfg!(not(feature = "sign")) && SIGN_ONLY.contains(code) {
                assert!(code.message().is_empty() && code.message_zh().is_empty(), "{s}: only in the server module");
                continue;
            }
            assert!(!code.message().is_empty() && !code.message_zh().is_empty(), "{s}");
            assert!(code.message_zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s} zh");
        }
    }

    /// The codes only the signer and the builders return: the checks-only module has no messages
    /// for them (the checks it runs never return them).
    const SIGN_ONLY: &[ErrorCode] = &[
        ErrorCode::ParamTypeInvalid,
        ErrorCode::ParamTypeUnsupported,
        ErrorCode::MerchantBizIdInvalid,
        ErrorCode::MerchantUserIdInvalid,
        ErrorCode::SceneCodeInvalid,
        ErrorCode::EndpointInvalid,
        ErrorCode::LongTermAsInvalid,
        ErrorCode::ProductTypeInvalid,
        ErrorCode::VerifyModeInvalid,
        ErrorCode::IdentityTypeInvalid,
        ErrorCode::FieldUnexpected,
        ErrorCode::Md5FormInvalid,
        ErrorCode::ActionUnknown,
    ];

    #[test]
    fn the_joined_tables_are_the_tables() {
        let codes: Vec<&str> = ErrorCode::ALL.iter().flat_map(|c| [c.as_str(), c.message(), c.message_zh()]).collect();
        assert_eq!(CODES_JOINED, codes.join("\0"));
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(FIELDS_JOINED, fields.join("\0"));
    }

    #[test]
    fn debug_and_display_redact_the_hint() {
        let e = CheckError::new(ErrorCode::InvalidArgument, Field::IdNumber).with_hint("11010519491231002X".into());
        for s in [format!("{e:?}"), format!("{e:#?}"), format!("{e}"), format!("{:?}", Err::<(), _>(e.clone()))] {
            assert!(!s.contains("11010519491231002X"), "{s}");
            assert!(s.contains("INVALID_ARGUMENT") || s.contains("InvalidArgument"), "{s}");
        }
        assert!(format!("{e:?}").contains("<redacted>"));
        assert!(format!("{:?}", CheckError::new(ErrorCode::InvalidArgument, Field::IdNumber)).contains("hint: None"));
    }
}
