//! Request builders for every action of the table (`table.rs`) through one generic entry
//! ([`build`]): run the checks first (a typo is refused before anything billable is built), send
//! the normalised values (or their md5 forms, `md5_form.rs`), keep personal data out of the URL
//! (form body) unless asked to place parameters as the official SDK does, then sign.

use crate::prelude::*;
pub mod actions;
pub mod build;
pub mod endpoint;
pub mod inputs;
pub mod md5_form;
pub mod table;

use chrono::NaiveDate;

use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::{Credentials, SignError, SignatureVersion, SignedRequest, Timestamp};

pub use actions::{Action, Id2MetaInput, Mobile3MetaInput, ParamType, PeriodInput};
pub use build::{build, params, ActionInput};
pub use md5_form::Md5Form;
pub use table::{ActionSpec, InputField, Placement, Product, ACTIONS};

/// Where the business parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamsIn {
    /// The form body for every action: personal data stays out of URLs (the gateway reads query
    /// and body alike).
    #[default]
    Body,
    /// Where the official SDK puts them (the URL query for some actions): byte-identical requests.
    Sdk,
}

impl ParamsIn {
    pub fn parse(s: &str) -> Result<Self, CheckError> {
        match s {
            "body" => Ok(ParamsIn::Body),
            "sdk" => Ok(ParamsIn::Sdk),
            _ => Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input)),
        }
    }
}

/// How a long-term end date goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LongTermAs {
    /// `长期`, as the Chinese API reference asks (the default).
    #[default]
    Chinese,
    /// `long-term`, as the English API reference writes it.
    English,
}

impl LongTermAs {
    pub fn parse(s: &str) -> Result<Self, CheckError> {
        match s {
            "长期" => Ok(LongTermAs::Chinese),
            "long-term" => Ok(LongTermAs::English),
            _ => Err(CheckError::new(ErrorCode::LongTermAsInvalid, Field::LongTermAs)),
        }
    }
    pub fn wire(self) -> &'static str {
        match self {
            LongTermAs::Chinese => "长期",
            LongTermAs::English => "long-term",
        }
    }
}

/// Everything a builder needs besides the action's input.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub credentials: Credentials,
    /// When the request is signed (parsed once: [`Timestamp::parse`]).
    pub timestamp: Timestamp,
    pub nonce: String,
    pub signature_version: SignatureVersion,
    /// Host (optionally `https://` or, for loopback, `http://`, and a port); default per action.
    pub endpoint: Option<String>,
    pub long_term_as: LongTermAs,
    /// The date the checks are made on.
    pub today: NaiveDate,
    /// Accept residence-permit numbers (810000/820000/830000): `None` follows the action's entry
    /// (accepted where its docs say so), `Some` overrides.
    pub allow_residence_permit: Option<bool>,
    /// Where the business parameters go (default: the form body).
    pub params_in: ParamsIn,
}

/// Why a request was not built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A check of the input or of an option failed.
    Check(CheckError),
    /// The signer refused the credentials, timestamp or nonce.
    Sign(SignError),
}

impl BuildError {
    pub fn code(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.code.as_str(),
            BuildError::Sign(e) => e.as_str(),
        }
    }
    pub fn field(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.field.as_str(),
            BuildError::Sign(e) => e.field(),
        }
    }
    pub fn message(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.message(),
            BuildError::Sign(e) => e.message(),
        }
    }
    pub fn message_zh(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.message_zh(),
            BuildError::Sign(e) => e.message_zh(),
        }
    }
}

impl From<CheckError> for BuildError {
    /// Drops the hint: a build error is thrown and ends up in logs, and a hint may hold a full ID
    /// number (the upgraded form of a 15-digit one). The check functions still return it.
    fn from(e: CheckError) -> Self {
        BuildError::Check(CheckError { hint: None, ..e })
    }
}

impl From<SignError> for BuildError {
    fn from(e: SignError) -> Self {
        BuildError::Sign(e)
    }
}

impl core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())?;
        f.write_str(": ")?;
        f.write_str(self.message())
    }
}

impl core::error::Error for BuildError {}

/// Id2MetaVerifyIntl: name and ID number.
pub fn build_id2_meta_verify_intl(input: &Id2MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    build(Action::Id2MetaVerifyIntl, &input.into(), opts)
}

/// Mobile3MetaVerifyIntl: name, ID number and mobile, plain or md5.
pub fn build_mobile3_meta_verify_intl(input: &Mobile3MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    build(Action::Mobile3MetaVerifyIntl, &input.into(), opts)
}

/// Id2MetaPeriodVerifyIntl: name, ID number and the card's validity period.
pub fn build_id2_meta_period_verify_intl(input: &PeriodInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    build(Action::Id2MetaPeriodVerifyIntl, &input.into(), opts)
}

/// Id2MetaVerify, the mainland 2019-03-07 API: name and ID number (plain or the model's partial md5).
pub fn build_id2_meta_verify(input: &Id2MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    build(Action::Id2MetaVerify, &input.into(), opts)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod family_tests;
