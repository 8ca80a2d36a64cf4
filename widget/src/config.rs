//! What the host page tells the widget, read from the loader's JSON.

use ambassador_shared::{Context, Locale, Score};
use serde::Deserialize;
use serde_json::Value;

/// The loader's settings as sent; see `loader/ambassador.js`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    survey: String,
    brand: String,
    endpoint: String,
    mode: String,
    /// The page's `data-locale` first, then the browser's languages.
    languages: Vec<String>,
    #[serde(default)]
    context: Value,
    /// Email mode only, from the landing page's URL.
    score: Option<String>,
    id: Option<String>,
    token: Option<String>,
}

/// How the survey appears on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// In the page's flow where it was embedded.
    Inline,
    /// A dismissible slide-in pinned to the corner of the window.
    Popup,
    /// The landing page of an email link: the score is already chosen and
    /// the answer completes the row the link created.
    Email(EmailLink),
}

/// What an email link's landing URL carries.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailLink {
    /// The score clicked in the email (still changeable).
    pub score: Score,
    /// The response id the edge gave the provisional row.
    pub id: String,
    /// The signed token; the edge takes survey and context from it.
    pub token: String,
}

/// The embedding's validated settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Which survey to answer.
    pub survey: String,
    /// The company name, used when the edge cannot send the survey's texts.
    pub brand: String,
    /// The edge's base URL, e.g. `https://nps.example.com`.
    pub endpoint: String,
    /// The survey language, negotiated by the shared rules.
    pub locale: Locale,
    /// Where and for whom, checked by the same rules the edge applies.
    pub context: Context,
    /// Inline, popup or email landing.
    pub mode: Mode,
}

/// Why the widget refused to mount; shown in the host page's console.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ambassador widget: {}", self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ConfigError> {
    Err(ConfigError(message.into()))
}

impl WidgetConfig {
    /// Reads the loader's JSON; the error names what the webmaster must fix,
    /// so a bad data attribute fails at page load, not at the customer's send.
    pub fn from_json(json: &str) -> Result<WidgetConfig, ConfigError> {
        let s: Settings =
            serde_json::from_str(json).map_err(|e| ConfigError(format!("bad settings: {e}")))?;
        if s.survey.is_empty() {
            return fail("set data-survey to the survey's id (in email mode: ?survey= in the URL)");
        }
        let context = Context::from_value(&s.context).map_err(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            ConfigError(format!("bad data attributes: {}", list.join("; ")))
        })?;
        let mode = mode(&s)?;
        Ok(WidgetConfig {
            locale: Locale::negotiate(s.languages.iter().map(String::as_str)),
            survey: s.survey,
            brand: s.brand,
            endpoint: s.endpoint,
            context,
            mode,
        })
    }
}

fn mode(s: &Settings) -> Result<Mode, ConfigError> {
    match s.mode.as_str() {
        "inline" => Ok(Mode::Inline),
        "popup" => Ok(Mode::Popup),
        "email" => email_link(s).map(Mode::Email),
        other => fail(format!(
            "data-mode {other:?} is unknown; use inline, popup or email"
        )),
    }
}

fn email_link(s: &Settings) -> Result<EmailLink, ConfigError> {
    let score = s
        .score
        .as_deref()
        .and_then(|text| text.parse::<i64>().ok())
        .and_then(|value| Score::new(value).ok());
    let Some(score) = score else {
        return fail("the link's ?score= must be a whole number from 0 to 10");
    };
    let (Some(id), Some(token)) = (non_empty(&s.id), non_empty(&s.token)) else {
        return fail("the link must carry ?id= and ?token=; use the link from the email as sent");
    };
    Ok(EmailLink { score, id, token })
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.clone().filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(extra: &str) -> String {
        format!(
            r#"{{"survey":"demo","brand":"Acme","endpoint":"http://x","languages":["es","nb-NO","en"],
            "context":{{"touchpoint":"web"}}{extra}}}"#
        )
    }

    #[test]
    fn negotiates_locale_and_validates_context() {
        let config = WidgetConfig::from_json(&settings(r#","mode":"inline""#)).expect("valid");
        assert_eq!(config.locale, Locale::Nb);
        assert_eq!(config.context.touchpoint.as_deref(), Some("web"));
        assert_eq!(config.mode, Mode::Inline);
    }

    #[test]
    fn bad_attributes_are_named() {
        let json = r#"{"survey":"demo","brand":"","endpoint":"http://x","mode":"inline",
            "languages":[],"context":{"touchpoint":"Web Shop"}}"#;
        let error = WidgetConfig::from_json(json).expect_err("bad touchpoint");
        assert!(error.to_string().contains("context.touchpoint"), "{error}");
    }

    #[test]
    fn unknown_mode_is_named() {
        let error = WidgetConfig::from_json(&settings(r#","mode":"banner""#)).expect_err("mode");
        assert!(error.to_string().contains("\"banner\""), "{error}");
    }

    #[test]
    fn email_mode_reads_the_link() {
        let json = settings(r#","mode":"email","score":"4","id":"abc","token":"t.s""#);
        let config = WidgetConfig::from_json(&json).expect("valid");
        let Mode::Email(link) = config.mode else {
            panic!("email mode expected")
        };
        assert_eq!(link.score.value(), 4);
        assert_eq!((link.id.as_str(), link.token.as_str()), ("abc", "t.s"));
    }

    #[test]
    fn email_mode_rejects_a_broken_link() {
        let bad_score = settings(r#","mode":"email","score":"11","id":"a","token":"t""#);
        let error = WidgetConfig::from_json(&bad_score).expect_err("score");
        assert!(error.to_string().contains("?score="), "{error}");
        let no_token = settings(r#","mode":"email","score":"4","id":"a","token":null"#);
        let error = WidgetConfig::from_json(&no_token).expect_err("token");
        assert!(error.to_string().contains("?token="), "{error}");
    }
}
