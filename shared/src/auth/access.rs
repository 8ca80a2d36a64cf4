//! Cloudflare Access as a way to sign in, as rules without I/O.
//!
//! When the Worker sits behind Access, Cloudflare has already signed the
//! person in and sends each request with `Cf-Access-Jwt-Assertion`: a JWT
//! (RS256) naming them by email, signed with one of the team's keys
//! (`https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`). Here: the
//! settings that turn it on, the token taken apart, the claims checked
//! (audience, issuer, lifetime, who), the key set read, when to fetch it
//! again, and the role an email gets. The signature itself is checked by
//! the edge with the runtime's WebCrypto, over [`AccessToken::signed`].
//!
//! The header is trusted only after its signature: a request that did not
//! pass through Access could carry any header it likes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};
use std::fmt;

use super::users::Role;
use crate::{FieldError, FieldErrorCode};

/// The request header Access sends the token in.
pub const HEADER: &str = "cf-access-jwt-assertion";
/// How far clocks may disagree: a token a minute past `exp` still holds.
pub const LEEWAY_SECONDS: u64 = 60;
/// How long fetched keys are used before they are fetched again. Cloudflare
/// announces a new key well before signing with it, so an hour is safe.
pub const KEYS_TTL_SECONDS: u64 = 3600;
/// Least time between two fetches for a key id not yet seen, so tokens
/// with made-up ids cannot make the Worker fetch on every request.
pub const REFETCH_SECONDS: u64 = 5;
/// Longest token read: Access tokens are about a kilobyte.
const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// Access, configured: whom tokens must come from and be meant for, where
/// the keys are, and the role each email gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessSettings {
    /// The `iss` a token must carry, e.g. `https://acme.cloudflareaccess.com`.
    pub issuer: String,
    /// The application's audience tag, which `aud` must contain.
    pub audience: String,
    /// Where the team's public keys (a JWKS) are fetched.
    pub certs_url: String,
    /// Who gets which role.
    pub people: AccessPeople,
}

/// The variables that configure Access, as the Worker reads them.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccessVars<'a> {
    /// `ACCESS_TEAM_DOMAIN`: `acme`, `acme.cloudflareaccess.com` or its URL.
    pub team_domain: Option<&'a str>,
    /// `ACCESS_CERTS_URL`: the key set's URL, when not the team's own.
    pub certs_url: Option<&'a str>,
    /// `ACCESS_AUD`: the application's audience tag.
    pub audience: Option<&'a str>,
    /// `ACCESS_USERS`: roles by email, a JSON object.
    pub users: Option<&'a str>,
}

const CERTS_PATH: &str = "/cdn-cgi/access/certs";

impl AccessSettings {
    /// The settings `vars` make: `None` when Access is not configured (no
    /// team domain, certs URL or audience), every problem named otherwise.
    /// The issuer is the team's URL; with only a certs URL, that URL's
    /// origin (Access serves its keys from the issuer's host).
    pub fn from_vars(vars: AccessVars<'_>) -> Result<Option<AccessSettings>, Vec<FieldError>> {
        let (team, certs, audience) = (
            present(vars.team_domain),
            present(vars.certs_url),
            present(vars.audience),
        );
        if team.is_none() && certs.is_none() && audience.is_none() {
            return Ok(None);
        }
        let mut errors = Vec::new();
        let mut bad = |field: &str, code, message: String| {
            errors.push(FieldError::new(field, code, message));
        };
        let issuer = match (team, certs) {
            (Some(team), _) => team_url(team)
                .map_err(|m| bad("ACCESS_TEAM_DOMAIN", FieldErrorCode::InvalidFormat, m))
                .ok(),
            (None, Some(certs)) => Some(origin_of(certs)),
            (None, None) => {
                let message = "set it (e.g. acme.cloudflareaccess.com) with ACCESS_AUD, \
                               or unset ACCESS_AUD to turn Cloudflare Access off"
                    .to_owned();
                bad("ACCESS_TEAM_DOMAIN", FieldErrorCode::Missing, message);
                None
            }
        };
        let certs_url = match certs {
            Some(url) => crate::survey::address::endpoint(url)
                .map(|()| url.to_owned())
                .map_err(|m| bad("ACCESS_CERTS_URL", FieldErrorCode::InvalidFormat, m))
                .ok(),
            None => issuer.as_ref().map(|i| format!("{i}{CERTS_PATH}")),
        };
        if audience.is_none() {
            let message = "set it to the application's Audience (AUD) tag from the Access \
                           dashboard, or unset ACCESS_TEAM_DOMAIN to turn Cloudflare Access off"
                .to_owned();
            bad("ACCESS_AUD", FieldErrorCode::Missing, message);
        }
        let people = AccessPeople::parse(present(vars.users).unwrap_or("{}"))
            .map_err(|e| errors.extend(e))
            .ok();
        match (issuer, certs_url, audience, people) {
            (Some(issuer), Some(certs_url), Some(audience), Some(people)) if errors.is_empty() => {
                Ok(Some(AccessSettings {
                    issuer,
                    audience: audience.to_owned(),
                    certs_url,
                    people,
                }))
            }
            _ => Err(errors),
        }
    }

    /// The email the token's claims name, lowercase (the name the person
    /// goes by here), if they hold at `now` (Unix seconds) for this
    /// application; the signature is checked apart.
    pub fn check(&self, claims: &Claims, now: u64) -> Result<String, Refusal> {
        if !claims.audience.iter().any(|a| a == &self.audience) {
            return Err(Refusal::Audience);
        }
        if claims.issuer != self.issuer {
            return Err(Refusal::Issuer(claims.issuer.clone()));
        }
        if claims.expires.saturating_add(LEEWAY_SECONDS) < now {
            return Err(Refusal::Expired);
        }
        if claims
            .not_before
            .is_some_and(|nbf| nbf > now.saturating_add(LEEWAY_SECONDS))
        {
            return Err(Refusal::NotYetValid);
        }
        claims
            .email
            .as_deref()
            .map(str::to_lowercase)
            .ok_or(Refusal::NoEmail)
    }
}

/// A variable's value, if it says something.
fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// `https://<team>.cloudflareaccess.com` from what an operator may write.
fn team_url(team: &str) -> Result<String, String> {
    let host = team
        .strip_prefix("https://")
        .unwrap_or(team)
        .trim_end_matches('/');
    let host = match host.contains('.') {
        true => host.to_ascii_lowercase(),
        false => format!("{}.cloudflareaccess.com", host.to_ascii_lowercase()),
    };
    let fine = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    match fine {
        true => Ok(format!("https://{host}")),
        false => Err(format!(
            "{team:?} is not a team domain; write it as acme.cloudflareaccess.com"
        )),
    }
}

/// `scheme://host[:port]` of a URL already checked.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    url[..end].to_owned()
}

/// Roles by email (`ACCESS_USERS`): `{"ana@acme.com": "agent",
/// "@acme.com": "viewer"}`. A key that starts with `@` gives everyone at
/// that domain a role; a person's own entry wins over their domain's.
/// Emails compare without regard to case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessPeople(Vec<(String, Role)>);

impl AccessPeople {
    /// Reads the configuration, naming every problem.
    pub fn parse(text: &str) -> Result<AccessPeople, Vec<FieldError>> {
        let whole = |message: &str| {
            vec![FieldError::new(
                "ACCESS_USERS",
                FieldErrorCode::InvalidFormat,
                message,
            )]
        };
        let Ok(Value::Object(entries)) = serde_json::from_str::<Value>(text) else {
            return Err(whole(
                "must be a JSON object of roles by email, e.g. \
                 {\"ana@acme.com\": \"agent\", \"@acme.com\": \"viewer\"}",
            ));
        };
        let mut errors = Vec::new();
        let mut people = Vec::new();
        for (email, role) in &entries {
            let field = format!("ACCESS_USERS[{email:?}]");
            let domain = email.split_once('@').map_or("", |(_, domain)| domain);
            let email_ok = !domain.is_empty()
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace);
            if !email_ok {
                let message =
                    format!("{email:?} is neither an email nor @domain (everyone at a domain)");
                errors.push(FieldError::new(
                    &field,
                    FieldErrorCode::InvalidFormat,
                    message,
                ));
            }
            match role.as_str().and_then(Role::parse) {
                Some(role) => people.push((email.to_lowercase(), role)),
                None => errors.push(FieldError::new(
                    &field,
                    FieldErrorCode::Unknown,
                    format!("{role} is not a role; use \"viewer\" or \"agent\""),
                )),
            }
        }
        match errors.is_empty() {
            true => Ok(AccessPeople(people)),
            false => Err(errors),
        }
    }

    /// The role of the person with `email`, if they have one.
    pub fn role_of(&self, email: &str) -> Option<Role> {
        let email = email.to_lowercase();
        let own = self.0.iter().find(|(key, _)| *key == email);
        let domain = email.find('@').map(|at| &email[at..]);
        own.or_else(|| self.0.iter().find(|(key, _)| Some(key.as_str()) == domain))
            .map(|(_, role)| *role)
    }

    /// The people named one by one with `role` (a domain names nobody), for
    /// lists such as the assignees of a case.
    pub fn named(&self, role: Role) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(key, r)| *r == role && !key.starts_with('@'))
            .map(|(key, _)| key.as_str())
    }
}

/// Why a token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not three base64url parts of JSON, or a part missing; says what.
    Malformed(&'static str),
    /// Signed with another algorithm than RS256.
    Algorithm(String),
    /// Signed with a key the team does not publish.
    UnknownKey(String),
    /// The signature does not hold.
    Signature,
    /// Meant for another application.
    Audience,
    /// Issued by another team.
    Issuer(String),
    /// Past its `exp`.
    Expired,
    /// Before its `nbf`.
    NotYetValid,
    /// Names no person (a service token has no email).
    NoEmail,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Malformed(what) => write!(f, "the Access token is malformed: {what}"),
            Refusal::Algorithm(alg) => {
                write!(
                    f,
                    "the Access token is signed with {alg:?}; only RS256 is taken"
                )
            }
            Refusal::UnknownKey(kid) => {
                write!(
                    f,
                    "the Access token's key {kid:?} is not among the team's keys"
                )
            }
            Refusal::Signature => f.write_str("the Access token's signature does not hold"),
            Refusal::Audience => f.write_str(
                "the Access token is meant for another application (aud is not ACCESS_AUD)",
            ),
            Refusal::Issuer(iss) => write!(
                f,
                "the Access token was issued by {iss:?}, not this Worker's Access team"
            ),
            Refusal::Expired => f.write_str("the Access token expired; sign in to Access again"),
            Refusal::NotYetValid => f.write_str("the Access token is not valid yet"),
            Refusal::NoEmail => f.write_str(
                "the Access token names no person (a service token?); scripts use the API key",
            ),
        }
    }
}

/// The claims Ambassador reads from an Access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// `aud`: a string or a list of them.
    pub audience: Vec<String>,
    /// `iss`.
    pub issuer: String,
    /// `exp`, Unix seconds.
    pub expires: u64,
    /// `nbf`, Unix seconds, if given.
    pub not_before: Option<u64>,
    /// `email`, if a person signed in.
    pub email: Option<String>,
}

/// A token taken apart, its signature not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The header's `kid`: which of the team's keys signed it.
    pub key_id: String,
    /// The bytes the signature covers: `header.payload` as sent.
    pub signed: Vec<u8>,
    /// The RSASSA-PKCS1-v1_5 signature.
    pub signature: Vec<u8>,
    /// What it says.
    pub claims: Claims,
}

impl AccessToken {
    /// Takes a compact JWS apart: RS256 only, a `kid`, the claims read.
    pub fn parse(token: &str) -> Result<AccessToken, Refusal> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(Refusal::Malformed("longer than any Access token"));
        }
        let token = token.trim();
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Refusal::Malformed("not three parts separated by dots"));
        };
        let header = json_part(header, "its header is not base64url JSON")?;
        match header.get("alg").and_then(Value::as_str) {
            Some("RS256") => {}
            other => return Err(Refusal::Algorithm(other.unwrap_or("nothing").to_owned())),
        }
        let key_id = header
            .get("kid")
            .and_then(Value::as_str)
            .ok_or(Refusal::Malformed("its header names no key (kid)"))?
            .to_owned();
        let body = json_part(payload, "its claims are not base64url JSON")?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| Refusal::Malformed("its signature is not base64url"))?;
        let signed = token.rfind('.').map_or(token, |dot| &token[..dot]);
        Ok(AccessToken {
            key_id,
            signed: signed.as_bytes().to_vec(),
            signature,
            claims: claims(&body)?,
        })
    }
}

fn json_part(part: &str, problem: &'static str) -> Result<Map<String, Value>, Refusal> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| Refusal::Malformed(problem))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(Refusal::Malformed(problem)),
    }
}

fn claims(body: &Map<String, Value>) -> Result<Claims, Refusal> {
    let audience = match body.get("aud") {
        Some(Value::String(aud)) => vec![aud.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => return Err(Refusal::Malformed("it has no audience (aud)")),
    };
    let issuer = body
        .get("iss")
        .and_then(Value::as_str)
        .ok_or(Refusal::Malformed("it has no issuer (iss)"))?
        .to_owned();
    let expires = body
        .get("exp")
        .and_then(Value::as_u64)
        .ok_or(Refusal::Malformed("it has no expiry (exp)"))?;
    let not_before = match body.get("nbf") {
        None => None,
        Some(nbf) => Some(
            nbf.as_u64()
                .ok_or(Refusal::Malformed("its nbf is not a time"))?,
        ),
    };
    let email = body
        .get("email")
        .and_then(Value::as_str)
        .filter(|e| e.contains('@'))
        .map(str::to_owned);
    Ok(Claims {
        audience,
        issuer,
        expires,
        not_before,
        email,
    })
}

/// One of the team's public keys, as WebCrypto imports it (`jwk`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsaKey {
    /// `kid`.
    pub id: String,
    /// The modulus, base64url.
    pub modulus: String,
    /// The public exponent, base64url.
    pub exponent: String,
}

/// The RS256 signing keys of a JWKS (`{"keys": [...]}`); other keys (an
/// encryption key, another algorithm) are left out.
pub fn signing_keys(jwks: &[u8]) -> Result<Vec<RsaKey>, String> {
    let value: Value = serde_json::from_slice(jwks).map_err(|e| format!("not JSON: {e}"))?;
    let keys = value
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("no \"keys\" list")?;
    let text = |key: &Value, name: &str| key.get(name).and_then(Value::as_str).map(str::to_owned);
    let base64url = |s: &String| URL_SAFE_NO_PAD.decode(s).is_ok();
    Ok(keys
        .iter()
        .filter(|k| text(k, "kty").as_deref() == Some("RSA"))
        .filter(|k| text(k, "use").is_none_or(|u| u == "sig"))
        .filter(|k| text(k, "alg").is_none_or(|a| a == "RS256"))
        .filter_map(|k| {
            Some(RsaKey {
                id: text(k, "kid")?,
                modulus: text(k, "n").filter(base64url)?,
                exponent: text(k, "e").filter(base64url)?,
            })
        })
        .collect())
}

/// Whether the Worker should fetch the key set now, having fetched it last
/// at `fetched` (Unix seconds, `None` if never), to check a token signed
/// with a key it `knows` or not: when there is none, when it is older than
/// [`KEYS_TTL_SECONDS`], or for an unknown key once [`REFETCH_SECONDS`] have
/// passed (the team may have rotated its keys).
pub fn fetch_keys(fetched: Option<u64>, now: u64, knows: bool) -> bool {
    let Some(fetched) = fetched else {
        return true;
    };
    let age = now.saturating_sub(fetched);
    age >= KEYS_TTL_SECONDS || (!knows && age >= REFETCH_SECONDS)
}

#[cfg(test)]
mod tests;
