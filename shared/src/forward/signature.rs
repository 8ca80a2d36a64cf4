//! Webhook signatures in the Standard Webhooks format (standardwebhooks.com).
//!
//! Receivers must know a webhook came from us and was not replayed. Rather than
//! invent a scheme, we follow the open standard, so receivers can verify with
//! its ready-made libraries: three headers carry a message id, a timestamp and
//! `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the endpoint's
//! secret, which is written `whsec_` + base64 of the key.

use base64::alphabet::STANDARD as STANDARD_ALPHABET;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

use crate::link::keyed_mac;

/// Header carrying the message id; the same on every retry, so receivers can
/// drop duplicates.
pub const HEADER_ID: &str = "webhook-id";
/// Header carrying the unix seconds at which the message was signed.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// Header carrying one or more space-separated `v1,<base64>` signatures.
pub const HEADER_SIGNATURE: &str = "webhook-signature";
/// How far a timestamp may be from the receiver's clock, as the standard
/// recommends; limits how long a captured message can be replayed.
pub const TOLERANCE_SECS: u64 = 5 * 60;

const PREFIX: &str = "whsec_";
const MIN_KEY_BYTES: usize = 24;
const MAX_KEY_BYTES: usize = 64;

/// Secrets are pasted by people, with or without `=` padding.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD_ALPHABET,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One endpoint's signing key.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

/// Why a text is not a webhook secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretError {
    /// The text after `whsec_` is not base64.
    NotBase64,
    /// The key is outside the standard's 24..=64 bytes.
    WrongLength {
        /// How many bytes the key decoded to.
        len: usize,
    },
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::NotBase64 => {
                f.write_str("the webhook secret must be \"whsec_\" followed by base64")
            }
            SecretError::WrongLength { len } => write!(
                f,
                "the webhook secret's key is {len} bytes; it must be \
                 {MIN_KEY_BYTES} to {MAX_KEY_BYTES} random bytes"
            ),
        }
    }
}

impl std::error::Error for SecretError {}

impl WebhookSecret {
    /// Reads a secret as the standard writes it, `whsec_` + base64 of the key.
    /// The prefix is optional, as in the standard's reference libraries.
    pub fn parse(text: &str) -> Result<WebhookSecret, SecretError> {
        let encoded = text.trim();
        let encoded = encoded.strip_prefix(PREFIX).unwrap_or(encoded);
        let key = LENIENT_BASE64
            .decode(encoded)
            .map_err(|_| SecretError::NotBase64)?;
        if !(MIN_KEY_BYTES..=MAX_KEY_BYTES).contains(&key.len()) {
            return Err(SecretError::WrongLength { len: key.len() });
        }
        Ok(WebhookSecret(key))
    }

    fn mac(&self, msg_id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = keyed_mac(&self.0);
        for part in [msg_id.as_bytes(), b".", timestamp.as_bytes(), b".", body] {
            mac.update(part);
        }
        mac
    }
}

/// Keeps the key out of logs and panic messages.
impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(redacted)")
    }
}

/// The `webhook-signature` value for one message: `v1,` + base64 HMAC.
pub fn sign(secret: &WebhookSecret, msg_id: &str, timestamp: u64, body: &[u8]) -> String {
    let mac = secret.mac(msg_id, &timestamp.to_string(), body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// All three headers for one delivery, ready to attach to the request.
pub fn headers(
    secret: &WebhookSecret,
    msg_id: &str,
    timestamp: u64,
    body: &[u8],
) -> [(&'static str, String); 3] {
    [
        (HEADER_ID, msg_id.to_owned()),
        (HEADER_TIMESTAMP, timestamp.to_string()),
        (HEADER_SIGNATURE, sign(secret, msg_id, timestamp, body)),
    ]
}

/// Why a received webhook is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// `webhook-timestamp` is not whole unix seconds.
    BadTimestamp(String),
    /// The timestamp is more than [`TOLERANCE_SECS`] from now: a replay, or a
    /// clock that needs fixing.
    OutsideTolerance {
        /// The message's timestamp.
        timestamp: u64,
        /// The receiver's clock.
        now: u64,
    },
    /// No `v1` signature in the header matches: the body or headers were
    /// altered, or the secret is not this endpoint's.
    NoMatchingSignature,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::BadTimestamp(text) => write!(
                f,
                "the {HEADER_TIMESTAMP} header {text:?} is not whole unix seconds"
            ),
            VerifyError::OutsideTolerance { timestamp, now } => write!(
                f,
                "the message was signed at {timestamp} but it is now {now}; more than \
                 {TOLERANCE_SECS} seconds apart, so it may be a replay or a clock is wrong"
            ),
            VerifyError::NoMatchingSignature => write!(
                f,
                "no {HEADER_SIGNATURE} matches: the message was altered or signed with another secret"
            ),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Checks a received message: its timestamp is within [`TOLERANCE_SECS`] of
/// `now_unix`, and some `v1` signature in `signature_header` matches (several
/// are allowed while a secret is rotated). Comparison is constant-time.
pub fn verify(
    secret: &WebhookSecret,
    msg_id: &str,
    timestamp: &str,
    body: &[u8],
    signature_header: &str,
    now_unix: u64,
) -> Result<(), VerifyError> {
    let signed_at: u64 = timestamp
        .parse()
        .map_err(|_| VerifyError::BadTimestamp(timestamp.to_owned()))?;
    if signed_at.abs_diff(now_unix) > TOLERANCE_SECS {
        return Err(VerifyError::OutsideTolerance {
            timestamp: signed_at,
            now: now_unix,
        });
    }
    let mac = secret.mac(msg_id, timestamp, body);
    let matches = signature_header
        .split(' ')
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|encoded| STANDARD.decode(encoded).ok())
        .any(|signature| mac.clone().verify_slice(&signature).is_ok());
    if matches {
        Ok(())
    } else {
        Err(VerifyError::NoMatchingSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Fixed vector from the standard's Python reference library,
    // `pip install standardwebhooks` (1.1.0):
    //   Webhook(SECRET).sign("msg_2Ld9KJY7xAbcdEf",
    //                        datetime.fromtimestamp(1767225600, tz=timezone.utc), BODY)
    // SECRET is "whsec_" + base64 of the bytes 0, 1, ..., 31.
    const SECRET: &str = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const MSG_ID: &str = "msg_2Ld9KJY7xAbcdEf";
    const TIMESTAMP: u64 = 1_767_225_600;
    const BODY: &str =
        r#"{"type":"response.created","data":{"score":9,"comment":"Quick pick-up"}}"#;
    const SIGNATURE: &str = "v1,AZAfSeiCEcqxy7jrgYSl6u3Zn2TtUlqFBKAXgYWWYGk=";

    fn secret() -> WebhookSecret {
        WebhookSecret::parse(SECRET).expect("valid secret")
    }

    fn check(signature_header: &str, body: &str, now: u64) -> Result<(), VerifyError> {
        let timestamp = TIMESTAMP.to_string();
        verify(
            &secret(),
            MSG_ID,
            &timestamp,
            body.as_bytes(),
            signature_header,
            now,
        )
    }

    #[test]
    fn matches_the_reference_implementation() {
        assert_eq!(
            sign(&secret(), MSG_ID, TIMESTAMP, BODY.as_bytes()),
            SIGNATURE
        );
    }

    #[test]
    fn reference_signatures_verify() {
        assert_eq!(check(SIGNATURE, BODY, TIMESTAMP + 10), Ok(()));
        let rotated = format!("v1,bm90IGl0 v2,abc {SIGNATURE}");
        assert_eq!(check(&rotated, BODY, TIMESTAMP), Ok(()));
    }

    #[test]
    fn altered_bodies_and_foreign_signatures_fail() {
        let altered = BODY.replace('9', "0");
        assert_eq!(
            check(SIGNATURE, &altered, TIMESTAMP),
            Err(VerifyError::NoMatchingSignature)
        );
        assert_eq!(
            check("v1,not*base64 garbage", BODY, TIMESTAMP),
            Err(VerifyError::NoMatchingSignature)
        );
    }

    #[test]
    fn stale_and_future_timestamps_fail() {
        for now in [
            TIMESTAMP + TOLERANCE_SECS + 1,
            TIMESTAMP - TOLERANCE_SECS - 1,
        ] {
            assert!(matches!(
                check(SIGNATURE, BODY, now),
                Err(VerifyError::OutsideTolerance { .. })
            ));
        }
        let result = verify(&secret(), MSG_ID, "soon", b"", SIGNATURE, TIMESTAMP);
        assert_eq!(result, Err(VerifyError::BadTimestamp("soon".to_owned())));
    }

    #[test]
    fn headers_carry_id_timestamp_and_signature() {
        let [id, timestamp, signature] = headers(&secret(), MSG_ID, TIMESTAMP, BODY.as_bytes());
        assert_eq!(id, (HEADER_ID, MSG_ID.to_owned()));
        assert_eq!(timestamp, (HEADER_TIMESTAMP, TIMESTAMP.to_string()));
        assert_eq!(signature, (HEADER_SIGNATURE, SIGNATURE.to_owned()));
    }

    #[test]
    fn secrets_parse_as_the_standard_writes_them() {
        let bare = SECRET.trim_start_matches(PREFIX).trim_end_matches('=');
        let unprefixed = WebhookSecret::parse(bare).expect("prefix and padding optional");
        assert_eq!(
            sign(&unprefixed, MSG_ID, TIMESTAMP, BODY.as_bytes()),
            SIGNATURE
        );
        assert_eq!(
            WebhookSecret::parse("whsec_***").map(|_| ()),
            Err(SecretError::NotBase64)
        );
        assert_eq!(
            WebhookSecret::parse("whsec_AAECAw==").map(|_| ()),
            Err(SecretError::WrongLength { len: 4 })
        );
        assert!(!format!("{:?}", secret()).contains("AAEC"));
    }
}
