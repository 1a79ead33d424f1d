//! The option table the package's builders are driven by, and the one generic entry behind the
//! wasm `build` export. The input fields (one ordered list for every action) and the actions are
//! the action table's (`table.rs`: [`InputField::ALL`], [`ACTIONS`]).
//!
//! The package sends an action name plus every input field and every option of these lists
//! (absent ones marked absent) through one export, and takes the names from these tables at
//! start-up: adding an input field, an option or an action is a line in a table, with no new
//! binding code.

use crate::prelude::*;
use super::table::Action;
use super::{ActionInput, BuildError, BuildOptions, LongTermAs, ParamsIn};
use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::{Credentials, SignError, Signed, SignatureVersion, SignedRequest, SigningCache, Timestamp};

macro_rules! field_table {
    ($(#[$doc:meta])* $name:ident { $( $variant:ident => $js:literal, )* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $( $variant, )* }

        impl $name {
            /// Every field, in the order the package sends them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];
            /// The JS property name.
            pub fn js_name(self) -> &'static str {
                match self { $( $name::$variant => $js, )* }
            }
        }
    };
}

field_table! {
    /// An option of a builder or of `signRequest` (a property of the JS options object).
    OptionField {
        AccessKeyId => "accessKeyId",
        AccessKeySecret => "accessKeySecret",
        SecurityToken => "securityToken",
        Timestamp => "timestamp",
        Nonce => "nonce",
        SignatureVersion => "signatureVersion",
        Endpoint => "endpoint",
        LongTermAs => "longTermAs",
        Today => "today",
        AllowResidencePermit => "allowResidencePermit",
        ParamsIn => "paramsIn",
    }
}

macro_rules! values {
    ($(#[$doc:meta])* $name:ident, $field:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name([Option<String>; $field::ALL.len()]);

        impl Default for $name {
            fn default() -> Self {
                $name(core::array::from_fn(|_| None))
            }
        }

        impl $name {
            /// From values in table order (extra values ignored, missing ones absent).
            pub fn from_values<I: IntoIterator<Item = Option<String>>>(it: I) -> Self {
                let mut v = Self::default();
                for (slot, x) in v.0.iter_mut().zip(it) {
                    *slot = x;
                }
                v
            }
            pub fn set(&mut self, f: $field, v: impl Into<String>) -> &mut Self {
                if let Some(slot) = self.0.get_mut(f as usize) {
                    *slot = Some(v.into());
                }
                self
            }
            pub fn get(&self, f: $field) -> Option<&str> {
                self.0.get(f as usize).and_then(Option::as_deref)
            }
            pub fn take_field(&mut self, f: $field) -> Option<String> {
                self.0.get_mut(f as usize).and_then(Option::take)
            }
        }
    };
}

values!(
    /// The options of a builder or of `signRequest`, indexed by [`OptionField`]. No `Debug`: they
    /// hold the secret.
    Options,
    OptionField
);

/// The `signatureVersion` option's value: absent or `v3`, or `v1`.
pub(crate) fn signature_version(v: Option<&str>) -> Result<SignatureVersion, CheckError> {
    match v {
        None | Some("v3") => Ok(SignatureVersion::V3),
        Some("v1") => Ok(SignatureVersion::V1),
        Some(_) => Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input)),
    }
}

impl Options {
    /// `signatureVersion`: absent or `v3`, or `v1`.
    pub fn signature_version(&self) -> Result<SignatureVersion, CheckError> {
        signature_version(self.get(OptionField::SignatureVersion))
    }

    /// The timestamp, parsed (absent: `SIGN_TIMESTAMP_INVALID`).
    pub fn timestamp(&mut self) -> Result<Timestamp, SignError> {
        Timestamp::parse(self.take_field(OptionField::Timestamp).as_deref().unwrap_or(""))
    }

    /// `SIGN_CREDENTIALS_MISSING` when the key pair is absent: reported before the timestamp is
    /// parsed, so a call with no options at all says what is missing first.
    pub fn require_credentials(&self) -> Result<(), SignError> {
        let present = |f| self.get(f).is_some_and(|v: &str| !v.is_empty());
        if present(OptionField::AccessKeyId) && present(OptionField::AccessKeySecret) {
            Ok(())
        } else {
            Err(SignError::CredentialsMissing)
        }
    }

    /// The credentials, moved out.
    pub fn credentials(&mut self) -> Credentials {
        Credentials {
            access_key_id: self.take_field(OptionField::AccessKeyId).unwrap_or_default(),
            access_key_secret: self.take_field(OptionField::AccessKeySecret).unwrap_or_default(),
            security_token: self.take_field(OptionField::SecurityToken),
        }
    }

    /// The options of a builder; `today` is required (the package fills it). The timestamp is
    /// parsed here, once.
    pub fn into_build(mut self) -> Result<BuildOptions, BuildError> {
        self.require_credentials()?;
        let signature_version = self.signature_version()?;
        let long_term_as = self.take_field(OptionField::LongTermAs).as_deref().map_or(Ok(LongTermAs::Chinese), LongTermAs::parse)?;
        let today = self
            .take_field(OptionField::Today)
            .as_deref()
            .and_then(crate::date::parse_today)
            .ok_or_else(|| CheckError::new(ErrorCode::TodayInvalid, Field::Today))?;
        Ok(BuildOptions {
            signature_version,
            long_term_as,
            today,
            credentials: self.credentials(),
            timestamp: self.timestamp()?,
            nonce: self.take_field(OptionField::Nonce).unwrap_or_default(),
            endpoint: self.take_field(OptionField::Endpoint),
            allow_residence_permit: match self.take_field(OptionField::AllowResidencePermit).as_deref() {
                None => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(_) => return Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input).into()),
            },
            params_in: self.take_field(OptionField::ParamsIn).as_deref().map_or(Ok(ParamsIn::Body), ParamsIn::parse)?,
        })
    }
}

/// Builds `action` (its API name) from table-ordered inputs and options: the options are read
/// first, then the generic builder runs the action's checks and signs. An unknown action is
/// `ACTION_UNKNOWN`.
pub fn build(action: &str, input: ActionInput, opts: Options) -> Result<SignedRequest, BuildError> {
    build_signed(action, input, opts, &mut SigningCache::new()).map(SignedRequest::from)
}

/// [`build`], with the signer's header names (the bindings' path).
pub(crate) fn build_signed(action: &str, input: ActionInput, opts: Options, cache: &mut SigningCache) -> Result<Signed, BuildError> {
    let action = Action::from_name(action).ok_or_else(|| CheckError::new(ErrorCode::ActionUnknown, Field::Input))?;
    let opts = opts.into_build()?;
    super::build::build_signed(action, &input, &opts, cache)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Id2MetaInput, InputField, ParamType, ACTIONS};

    fn opts() -> Options {
        let mut o = Options::default();
        o.set(OptionField::AccessKeyId, "testid")
            .set(OptionField::AccessKeySecret, "testsecret")
            .set(OptionField::Timestamp, "2026-01-15T08:30:00Z")
            .set(OptionField::Nonce, "n-1")
            .set(OptionField::Today, "2026-01-15");
        o
    }

    #[test]
    fn table_build_equals_the_typed_builder() {
        let i = ActionInput::new().with(InputField::IdNumber, " 11010519491231002x ").with(InputField::Name, "张三");
        let got = build("Id2MetaVerifyIntl", i, opts()).unwrap();
        let typed = super::super::build_id2_meta_verify_intl(
            &Id2MetaInput { id_number: " 11010519491231002x ".into(), name: "张三".into(), param_type: ParamType::Normal },
            &opts().into_build().unwrap(),
        )
        .unwrap();
        assert_eq!(got, typed);
        assert!(got.body.as_deref().unwrap().contains("IdentifyNum=11010519491231002X"));
    }

    #[test]
    fn unknown_action_and_bad_options_are_errors() {
        let e = build("NoSuchAction", ActionInput::new(), opts()).unwrap_err();
        assert_eq!((e.code(), e.field()), ("ACTION_UNKNOWN", "input"));
        let mut o = opts();
        o.set(OptionField::SignatureVersion, "v2");
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "INVALID_ARGUMENT");
        let mut o = opts();
        o.take_field(OptionField::Today);
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "TODAY_INVALID");
        // Options are read before the inputs are checked.
        let mut o = opts();
        o.set(OptionField::LongTermAs, "forever");
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "LONG_TERM_AS_INVALID");
        let mut o = opts();
        o.set(OptionField::ParamsIn, "url");
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "INVALID_ARGUMENT");
        let mut o = opts();
        o.set(OptionField::AllowResidencePermit, "yes");
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "INVALID_ARGUMENT");
        // The timestamp is parsed with the options, before the inputs are checked.
        let mut o = opts();
        o.set(OptionField::Timestamp, "2026-01-15 08:30:00");
        assert_eq!(build("Id2MetaVerifyIntl", ActionInput::new(), o).unwrap_err().code(), "SIGN_TIMESTAMP_INVALID");
    }

    #[test]
    fn residence_permit_option_crosses_as_text() {
        // A Hong Kong residence permit: refused by Id2MetaStandardVerify unless allowed.
        let rp = || ActionInput::new().with(InputField::IdNumber, "810000199003071237").with(InputField::Name, "张三");
        assert_eq!(build("Id2MetaStandardVerify", rp(), opts()).unwrap_err().code(), "ID_NOT_MAINLAND");
        let mut o = opts();
        o.set(OptionField::AllowResidencePermit, "true");
        assert!(build("Id2MetaStandardVerify", rp(), o).is_ok());
    }

    #[test]
    fn every_action_is_unique_and_the_digit_table_suffices() {
        // The bindings write field indexes with a 32-entry digit table.
        assert!(InputField::ALL.len() <= 32);
        for a in ACTIONS {
            assert_eq!(ACTIONS.iter().filter(|b| b.name == a.name).count(), 1);
        }
    }
}
