//! Opaque tokens: the claims of a link encrypted and authenticated, so a
//! URL that passes through a mail scanner's log, a corporate proxy, a
//! browser's history or a forwarded email says nothing about the customer.
//!
//! A token is base64url (no `.`, which tells it from the signed tokens of
//! before, still accepted until they expire) of
//!
//! ```text
//! version (1 byte: 2) | locale (1 byte) | claims length (2 bytes, big-endian)
//! | nonce (12 bytes) | AES-256-GCM ciphertext of the claims | tag (16 bytes)
//! ```
//!
//! - The claims are a JSON array, in the order of the kind's fields (no
//!   names: they made half a signed token), trailing absent ones left out.
//! - The first four bytes are in clear and authenticated (the cipher's
//!   associated data): the locale lets the page that refuses a broken link
//!   speak the email's language without decrypting anything; the length
//!   tells a token cut short when copied (`400`) from an altered one (`403`)
//!   before any decryption.
//! - Each kind of token (score link, unsubscribe link) has its own key,
//!   derived from `LINK_SECRET` with HKDF-SHA256, so a token of one kind
//!   never opens as another.
//! - The nonce is synthetic: an HMAC of the clear bytes and the claims under
//!   a key of its own. Minting stays a pure function (the same claims give
//!   the same token, as before, and `ambassador-link` needs no random
//!   source), and two different claims never share a nonce, which is what
//!   AES-GCM's security rests on; equal claims giving equal tokens reveals
//!   only that they are equal.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hkdf::Hkdf;
use hmac::Mac;
use serde_json::{Map, Value};
use sha2::Sha256;

use super::{keyed_mac, LinkError, LinkSecret, Malformed};
use crate::Locale;

/// The version byte of opaque tokens (the signed tokens of before are 1).
const VERSION: u8 = 2;
const HEADER_BYTES: usize = 4;
const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;

/// A kind of opaque token: the name its keys are derived under, and its
/// claims' fields in the order the token carries them. Append new fields
/// at the end: the order is the format.
pub(crate) struct Kind {
    pub name: &'static str,
    pub fields: &'static [&'static str],
}

/// The kind's key and nonce key, derived from the link secret.
fn keys(kind: &Kind, secret: &LinkSecret) -> ([u8; 32], [u8; 32]) {
    let hkdf = Hkdf::<Sha256>::new(Some(b"ambassador link v2"), &secret.0);
    let (mut key, mut nonce_key) = ([0u8; 32], [0u8; 32]);
    // 32 bytes are far under HKDF-SHA256's 8,160: neither can fail.
    let _ = hkdf.expand_multi_info(&[kind.name.as_bytes(), b" key"], &mut key);
    let _ = hkdf.expand_multi_info(&[kind.name.as_bytes(), b" nonce"], &mut nonce_key);
    (key, nonce_key)
}

/// Whether `token` is an opaque token rather than a signed one (`claims.mac`).
pub(crate) fn is_opaque(token: &str) -> bool {
    !token.contains('.')
}

/// The opaque token of `claims` (an object of the kind's fields, already
/// checked), for an email in `locale`.
pub(crate) fn close(
    kind: &Kind,
    locale: Locale,
    claims: &Map<String, Value>,
    secret: &LinkSecret,
) -> String {
    let mut values: Vec<Value> = kind
        .fields
        .iter()
        .map(|f| claims.get(*f).cloned().unwrap_or(Value::Null))
        .collect();
    while values.last() == Some(&Value::Null) {
        values.pop();
    }
    // An array of strings and integers always serializes.
    let plaintext = serde_json::to_vec(&values).unwrap_or_default();
    // Checked claims are a few hundred bytes at most (references of 128
    // characters): far under the length field's 65,535.
    let length = u16::try_from(plaintext.len())
        .unwrap_or(u16::MAX)
        .to_be_bytes();
    let header = [VERSION, locale_byte(locale), length[0], length[1]];
    let (key, nonce_key) = keys(kind, secret);
    let mut mac = keyed_mac(&nonce_key);
    mac.update(&header);
    mac.update(&plaintext);
    let digest = mac.finalize().into_bytes();
    let nonce = nonce_of(&digest[..NONCE_BYTES]);
    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(key));
    let payload = Payload {
        msg: &plaintext,
        aad: &header,
    };
    // Encryption fails only past GCM's 64 GiB per message.
    let sealed = cipher.encrypt(&nonce, payload).unwrap_or_default();
    let mut bytes = Vec::with_capacity(HEADER_BYTES + NONCE_BYTES + sealed.len());
    bytes.extend_from_slice(&header);
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(&sealed);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The claims object of an opaque token of `kind`, once it decrypts and
/// authenticates: a token of the wrong length is malformed (cut short), one
/// that does not authenticate is forged, whatever it decrypts to.
pub(crate) fn open(
    kind: &Kind,
    token: &str,
    secret: &LinkSecret,
) -> Result<Map<String, Value>, LinkError> {
    let malformed = |m| LinkError::Malformed(m);
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| malformed(Malformed::NotBase64))?;
    let (header, rest) = bytes
        .split_first_chunk::<HEADER_BYTES>()
        .ok_or(malformed(Malformed::Truncated))?;
    if header[0] != VERSION {
        return Err(malformed(Malformed::Version(header[0])));
    }
    let length = usize::from(u16::from_be_bytes([header[2], header[3]]));
    if rest.len() != NONCE_BYTES + length + TAG_BYTES {
        return Err(malformed(Malformed::Truncated));
    }
    let (nonce, sealed) = rest.split_at(NONCE_BYTES);
    let (key, _) = keys(kind, secret);
    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(key));
    let payload = Payload {
        msg: sealed,
        aad: header,
    };
    let plaintext = cipher
        .decrypt(&nonce_of(nonce), payload)
        .map_err(|_| LinkError::BadSignature)?;
    // Only claims we encrypted get here: not an array is a bug of ours.
    let values: Vec<Value> = serde_json::from_slice(&plaintext)
        .map_err(|e| malformed(Malformed::PayloadNotJson(e.to_string())))?;
    Ok(kind
        .fields
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_null())
        .map(|(f, v)| ((*f).to_owned(), v))
        .collect())
}

/// The locale in an opaque token's clear bytes, *not* authenticated: only
/// for the language of the page that refuses it.
pub(crate) fn peek_locale(token: &str) -> Option<Locale> {
    let mut head = [0u8; 3];
    // Three bytes are four base64url characters.
    let text = token.get(..4)?;
    URL_SAFE_NO_PAD.decode_slice(text, &mut head).ok()?;
    (head[0] == VERSION)
        .then(|| Locale::ALL.get(usize::from(head[1])).copied())
        .flatten()
}

/// The nonce in `bytes`, exactly [`NONCE_BYTES`] long (both callers cut it so).
fn nonce_of(bytes: &[u8]) -> Nonce<aes_gcm::aead::consts::U12> {
    Nonce::try_from(bytes).unwrap_or_default()
}

fn locale_byte(locale: Locale) -> u8 {
    let at = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    u8::try_from(at).unwrap_or(0)
}
