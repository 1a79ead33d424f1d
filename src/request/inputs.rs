//! The tables the package's builders are driven by: the input fields (one ordered list for every
//! action), the option fields, and the actions with the input fields each reads.
//!
//! The package sends an action name plus every field of these lists (absent ones marked absent)
//! through one export, and takes the names from these tables at start-up: adding an input field or
//! an action is a line here (and the core's builder), with no new binding code. A named JS builder
//! (`buildId2MetaVerifyIntl`) is one table entry in `api.js`.

use super::{BuildError, BuildOptions, Id2MetaInput, LongTermAs, Mobile3MetaInput, ParamType, PeriodInput};
use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::{Credentials, SignError, SignatureVersion, SignedRequest, Timestamp};

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
    /// A business input of a builder (a property of the JS input object).
    InputField {
        IdNumber => "idNumber",
        Name => "name",
        Mobile => "mobile",
        ValidityStart => "validityStart",
        ValidityEnd => "validityEnd",
        MerchantBizId => "merchantBizId",
        MerchantUserId => "merchantUserId",
        SceneCode => "sceneCode",
        ParamType => "paramType",
    }
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
    /// The inputs of a builder, indexed by [`InputField`].
    Inputs,
    InputField
);
values!(
    /// The options of a builder or of `signRequest`, indexed by [`OptionField`]. No `Debug`: they
    /// hold the secret.
    Options,
    OptionField
);

impl Inputs {
    /// An input the action requires; "" when absent (its check then reports it).
    fn text(&mut self, f: InputField) -> String {
        self.take_field(f).unwrap_or_default()
    }
}

impl Options {
    /// `signatureVersion`: absent or `v3`, or `v1`.
    pub fn signature_version(&self) -> Result<SignatureVersion, CheckError> {
        match self.get(OptionField::SignatureVersion) {
            None | Some("v3") => Ok(SignatureVersion::V3),
            Some("v1") => Ok(SignatureVersion::V1),
            Some(_) => Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input)),
        }
    }

    /// The timestamp, parsed (absent: `SIGN_TIMESTAMP_INVALID`).
    pub fn timestamp(&mut self) -> Result<Timestamp, SignError> {
        Timestamp::parse(self.take_field(OptionField::Timestamp).as_deref().unwrap_or(""))
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
        })
    }
}

fn param_type(s: Option<String>) -> Result<ParamType, CheckError> {
    s.as_deref().map_or(Ok(ParamType::Normal), ParamType::parse)
}

fn id2(mut i: Inputs) -> Result<Id2MetaInput, BuildError> {
    Ok(Id2MetaInput {
        param_type: param_type(i.take_field(InputField::ParamType))?,
        id_number: i.text(InputField::IdNumber),
        name: i.text(InputField::Name),
    })
}

/// A builder of the table: the inputs (moved) and the options.
pub type Builder = fn(Inputs, &BuildOptions) -> Result<SignedRequest, BuildError>;

/// An action the package can build, and which input fields it reads (in table order).
pub struct ActionEntry {
    pub name: &'static str,
    pub inputs: &'static [InputField],
    pub build: Builder,
}

use InputField as I;

/// Every action the builders know.
pub const ACTIONS: &[ActionEntry] = &[
    ActionEntry {
        name: "Id2MetaVerifyIntl",
        inputs: &[I::IdNumber, I::Name, I::ParamType],
        build: |i, o| super::build_id2_meta_verify_intl(&id2(i)?, o),
    },
    ActionEntry {
        name: "Mobile3MetaVerifyIntl",
        inputs: &[I::IdNumber, I::Name, I::Mobile, I::ParamType],
        build: |mut i, o| {
            let input = Mobile3MetaInput {
                param_type: param_type(i.take_field(I::ParamType))?,
                id_number: i.text(I::IdNumber),
                name: i.text(I::Name),
                mobile: i.text(I::Mobile),
            };
            super::build_mobile3_meta_verify_intl(&input, o)
        },
    },
    ActionEntry {
        name: "Id2MetaPeriodVerifyIntl",
        inputs: &[I::IdNumber, I::Name, I::ValidityStart, I::ValidityEnd, I::MerchantBizId, I::MerchantUserId, I::SceneCode],
        build: |mut i, o| {
            let input = PeriodInput {
                id_number: i.text(I::IdNumber),
                name: i.text(I::Name),
                validity_start: i.text(I::ValidityStart),
                validity_end: i.text(I::ValidityEnd),
                merchant_biz_id: i.text(I::MerchantBizId),
                merchant_user_id: i.take_field(I::MerchantUserId),
                scene_code: i.take_field(I::SceneCode),
            };
            super::build_id2_meta_period_verify_intl(&input, o)
        },
    },
    ActionEntry {
        name: "Id2MetaVerify",
        inputs: &[I::IdNumber, I::Name, I::ParamType],
        build: |i, o| super::build_id2_meta_verify(&id2(i)?, o),
    },
];

/// Builds `action` from table-ordered inputs and options: the options are read first, then the
/// action's builder runs its checks and signs. An unknown action is `INVALID_ARGUMENT`.
pub fn build(action: &str, inputs: Inputs, opts: Options) -> Result<SignedRequest, BuildError> {
    let entry = ACTIONS.iter().find(|a| a.name == action).ok_or_else(|| CheckError::new(ErrorCode::InvalidArgument, Field::Input))?;
    let opts = opts.into_build()?;
    (entry.build)(inputs, &opts)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut i = Inputs::default();
        i.set(InputField::IdNumber, " 11010519491231002x ").set(InputField::Name, "张三");
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
        let e = build("NoSuchAction", Inputs::default(), opts()).unwrap_err();
        assert_eq!((e.code(), e.field()), ("INVALID_ARGUMENT", "input"));
        let mut o = opts();
        o.set(OptionField::SignatureVersion, "v2");
        assert_eq!(build("Id2MetaVerifyIntl", Inputs::default(), o).unwrap_err().code(), "INVALID_ARGUMENT");
        let mut o = opts();
        o.take_field(OptionField::Today);
        assert_eq!(build("Id2MetaVerifyIntl", Inputs::default(), o).unwrap_err().code(), "TODAY_INVALID");
        // Options are read before the inputs are checked.
        let mut o = opts();
        o.set(OptionField::LongTermAs, "forever");
        assert_eq!(build("Id2MetaVerifyIntl", Inputs::default(), o).unwrap_err().code(), "LONG_TERM_AS_INVALID");
        // The timestamp is parsed with the options, before the inputs are checked.
        let mut o = opts();
        o.set(OptionField::Timestamp, "2026-01-15 08:30:00");
        assert_eq!(build("Id2MetaVerifyIntl", Inputs::default(), o).unwrap_err().code(), "SIGN_TIMESTAMP_INVALID");
    }

    #[test]
    fn every_action_reads_fields_in_table_order_and_is_unique() {
        // The bindings write field indexes with a 32-entry digit table.
        assert!(InputField::ALL.len() <= 32);
        for a in ACTIONS {
            let pos: Vec<usize> = a.inputs.iter().map(|f| *f as usize).collect();
            assert!(pos.windows(2).all(|w| w[0] < w[1]), "{}", a.name);
            assert_eq!(ACTIONS.iter().filter(|b| b.name == a.name).count(), 1);
        }
    }
}
