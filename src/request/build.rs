//! The one generic builder: an action from the table, its inputs as a fixed list of optional
//! strings ([`ActionInput`]), and the options. Every input is checked and normalised (in the
//! order of [`InputField::ALL`], so the first error is stable), then each parameter of the
//! action's entry is written (plain, or in its md5 form), then the request is signed.

use crate::prelude::*;
use super::md5_form::{check_hashed, Md5Form};
use super::table::{Action, ActionSpec, InputField, Need, Placement, Source};
use super::{endpoint, BuildError, BuildOptions, ParamType, ParamsIn};
use crate::bank_card::check_bank_card;
use crate::error::{CheckError, ErrorCode, Field};
use crate::id_number::{check_id_number, is_residence_permit, IdOptions};
use crate::period::{check_validity_period, End};
use crate::register_date::check_register_date;
use crate::sign::{self, Input, Method, Signed, SignedRequest, SigningCache};
use crate::{check_mobile, check_name, date};

/// The inputs of any action: one optional string per [`InputField`]. Absent inputs are `None`;
/// an input the action does not send is refused (`FIELD_UNEXPECTED`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ActionInput {
    values: [Option<String>; InputField::COUNT],
}

impl ActionInput {
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets an input (builder style).
    pub fn with(mut self, field: InputField, value: impl Into<String>) -> Self {
        self.set(field, Some(value.into()));
        self
    }
    pub fn set(&mut self, field: InputField, value: Option<String>) {
        if let Some(slot) = self.values.get_mut(field.index()) {
            *slot = value;
        }
    }
    pub fn get(&self, field: InputField) -> Option<&str> {
        self.values.get(field.index()).and_then(|v| v.as_deref())
    }
    /// From the values in [`InputField::ALL`] order (missing trailing values are absent).
    pub fn from_ordered(values: impl IntoIterator<Item = Option<String>>) -> Self {
        let mut input = Self::default();
        for (slot, v) in input.values.iter_mut().zip(values) {
            *slot = v;
        }
        input
    }
}

/// Personal data: `Debug` says which inputs are present, never their values.
impl core::fmt::Debug for ActionInput {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let present: Vec<&str> = InputField::ALL.iter().filter(|i| self.get(**i).is_some()).map(|i| i.js_name()).collect();
        f.debug_struct("ActionInput").field("present", &present).finish()
    }
}

type Params = Vec<(String, String)>;

fn check(code: ErrorCode, field: Field) -> BuildError {
    CheckError::new(code, field).into()
}

fn is_alnum_up_to(s: &str, max: usize, extra: &[u8]) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
}

/// Whether the action sends `field` for this product type (`None`: no product type applies).
fn wanted(spec: &ActionSpec, field: InputField, product_type: Option<&str>) -> bool {
    match spec.param_of(field).map(|p| p.need) {
        Some(Need::WithProductType(types)) => product_type.is_some_and(|t| types.contains(&t)),
        Some(_) => true,
        None => field == InputField::ParamType,
    }
}

fn required(spec: &ActionSpec, field: InputField) -> bool {
    matches!(spec.param_of(field).map(|p| p.need), Some(Need::Required | Need::WithProductType(_)))
}

/// The checked wire values of one request, by input field (plaintext or already hashed).
struct Checked {
    values: [Option<String>; InputField::COUNT],
}

impl Checked {
    fn put(&mut self, f: InputField, v: String) {
        if let Some(slot) = self.values.get_mut(f.index()) {
            *slot = Some(v);
        }
    }
    fn get(&self, f: InputField) -> Option<&str> {
        self.values.get(f.index()).and_then(|v| v.as_deref())
    }
}

/// One in an enumeration, exactly.
fn one_of(v: &str, allowed: &[&str], code: ErrorCode, field: Field) -> Result<String, BuildError> {
    allowed.iter().find(|a| **a == v).map(|a| a.to_string()).ok_or_else(|| check(code, field))
}

/// Checks every input the action sends, in [`InputField::ALL`] order.
fn check_inputs(spec: &ActionSpec, input: &ActionInput, mode: ParamType, opts: &BuildOptions) -> Result<Checked, BuildError> {
    let mut out = Checked { values: Default::default() };
    let product_type = match input.get(InputField::ProductType) {
        Some(t) if spec.uses(InputField::ProductType) => Some(one_of(t, spec.allowed(InputField::ProductType), ErrorCode::ProductTypeInvalid, Field::ProductType)?),
        _ => None,
    };
    let hashed = mode == ParamType::Md5Hashed;
    // The period check compares the term with the age from the ID number, when it is plaintext.
    let mut plain_id: Option<String> = None;
    for field in InputField::ALL {
        let given = input.get(field);
        if !wanted(spec, field, product_type.as_deref()) {
            if given.is_some() {
                return Err(check(ErrorCode::FieldUnexpected, field.field()));
            }
            continue;
        }
        let form = spec.param_of(field).map_or(Md5Form::Plain, |p| p.md5);
        let v = match (given, spec.param_of(field).map(|p| p.need)) {
            (Some(v), _) => v,
            (None, Some(Need::Default(d))) => d,
            (None, _) if required(spec, field) => "",
            (None, _) => continue,
        };
        if hashed && form != Md5Form::Plain {
            out.put(field, check_hashed(form, v, field.field())?);
            continue;
        }
        let value = match field {
            InputField::ParamType => continue,
            InputField::IdNumber => {
                let allow = opts.allow_residence_permit.unwrap_or(spec.residence_permits);
                let id = check_id_number(v, &IdOptions { today: opts.today, allow_residence_permit: allow })?.value;
                plain_id = Some(id.clone());
                id
            }
            InputField::Name => check_name(v)?.value,
            InputField::Mobile => check_mobile(v)?.value,
            InputField::BankCard => check_bank_card(v)?.value,
            InputField::ValidityStart => continue, // with the end, below
            InputField::ValidityEnd => {
                let start = input.get(InputField::ValidityStart).unwrap_or("");
                // The term-by-age rules are the resident ID card's: an accepted residence permit's
                // period is checked without them (its number was checked above).
                let holder = plain_id.as_deref().filter(|id| !is_residence_permit(id));
                let period = check_validity_period(start, v, holder, opts.today)?;
                out.put(InputField::ValidityStart, date::compact(period.start));
                match period.end {
                    End::Date(d) => date::compact(d),
                    End::LongTerm => opts.long_term_as.wire().to_string(),
                }
            }
            InputField::MerchantBizId if !is_alnum_up_to(v, 32, b"") => return Err(check(ErrorCode::MerchantBizIdInvalid, Field::MerchantBizId)),
            InputField::SceneCode if !is_alnum_up_to(v, 10, b"_") => return Err(check(ErrorCode::SceneCodeInvalid, Field::SceneCode)),
            InputField::MerchantUserId if v.is_empty() || v.len() > 64 || !v.bytes().all(|b| b.is_ascii_graphic()) => {
                return Err(check(ErrorCode::MerchantUserIdInvalid, Field::MerchantUserId))
            }
            InputField::MerchantBizId | InputField::SceneCode | InputField::MerchantUserId => v.to_string(),
            InputField::ProductType => one_of(v, spec.allowed(field), ErrorCode::ProductTypeInvalid, Field::ProductType)?,
            InputField::VerifyMode => one_of(v, spec.allowed(field), ErrorCode::VerifyModeInvalid, Field::VerifyMode)?,
            InputField::IdentityType => one_of(v, spec.allowed(field), ErrorCode::IdentityTypeInvalid, Field::IdentityType)?,
            InputField::RegisterDate => date::compact(check_register_date(v, opts.today)?),
        };
        out.put(field, value);
    }
    Ok(out)
}

/// The business parameters of `action`, checked, normalised and (in md5 mode) hashed, in the
/// order of the action's table entry.
pub fn params(action: Action, input: &ActionInput, opts: &BuildOptions) -> Result<Params, BuildError> {
    let spec = action.spec();
    let mode = match input.get(InputField::ParamType) {
        Some(t) => ParamType::parse(t)?,
        None => ParamType::Normal,
    };
    if mode != ParamType::Normal && !spec.md5 {
        return Err(check(ErrorCode::ParamTypeUnsupported, Field::ParamType));
    }
    let checked = check_inputs(spec, input, mode, opts)?;
    let mut out = Vec::with_capacity(spec.params.len());
    for p in spec.params {
        let value = match p.source {
            Source::Const(c) => c.to_string(),
            Source::ParamType => if mode == ParamType::Normal { "normal" } else { "md5" }.to_string(),
            Source::Input(field) => match checked.get(field) {
                None => continue,
                Some(v) if mode == ParamType::Md5 => p.md5.apply(v),
                Some(v) => v.to_string(),
            },
        };
        out.push((p.wire.to_string(), value));
    }
    Ok(out)
}

/// Builds and signs `action` (POST to `/`). The business parameters go in the form body, or
/// where the official SDK puts them with `ParamsIn::Sdk`.
pub fn build(action: Action, input: &ActionInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    build_signed(action, input, opts, &mut SigningCache::new()).map(SignedRequest::from)
}

/// [`build`], with the signer's header names and a signing cache (the bindings' path).
pub(crate) fn build_signed(action: Action, input: &ActionInput, opts: &BuildOptions, cache: &mut SigningCache) -> Result<Signed, BuildError> {
    let params = params(action, input, opts)?;
    finish(action, &params, opts, cache)
}

/// Signs an action's parameters.
pub(super) fn finish(action: Action, params: &[(String, String)], opts: &BuildOptions, cache: &mut SigningCache) -> Result<Signed, BuildError> {
    let (scheme, host) = match &opts.endpoint {
        Some(e) => endpoint::parse(e)?,
        None => (sign::Scheme::Https, action.default_host().to_string()),
    };
    let in_query = opts.params_in == ParamsIn::Sdk && action.spec().sdk_placement == Placement::Query;
    let pairs = sign::borrowed(params);
    let (query, form) = if in_query { (pairs, Vec::new()) } else { (Vec::new(), pairs) };
    let creds = &opts.credentials;
    let input = Input {
        method: Method::Post,
        host: &host,
        scheme,
        action: action.name(),
        version: action.version(),
        query,
        form,
        access_key_id: &creds.access_key_id,
        secret: &creds.access_key_secret,
        token: creds.security_token.as_deref().filter(|t| !t.is_empty()),
        timestamp: opts.timestamp,
        nonce: &opts.nonce,
        signature_version: opts.signature_version,
    };
    Ok(sign::sign_input(input, cache)?.0)
}
