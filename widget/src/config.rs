//! What the host page tells the widget, read from the loader's settings.

use ambassador_shared::{Context, Locale, Score};
use wasm_bindgen::JsValue;

use crate::js;

/// The loader's settings as sent; see `loader/ambassador.js`.
struct Settings {
    survey: String,
    brand: String,
    endpoint: String,
    mode: String,
    /// The page's `data-locale` first, then the browser's languages.
    languages: Vec<String>,
    /// Email mode only, from the landing page's URL.
    score: Option<String>,
    id: Option<String>,
    token: Option<String>,
}

impl Settings {
    /// Reads the loader's object; a missing text is empty, which the
    /// checks below then name.
    fn from_js(settings: &JsValue) -> Settings {
        let text = |key| js::string(settings, key);
        Settings {
            survey: text("survey").unwrap_or_default(),
            brand: text("brand").unwrap_or_default(),
            endpoint: text("endpoint").unwrap_or_default(),
            mode: text("mode").unwrap_or_default(),
            languages: js::items(&js::get(settings, "languages"))
                .iter()
                .filter_map(JsValue::as_string)
                .collect(),
            score: text("score"),
            id: text("id"),
            token: text("token"),
        }
    }
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
    /// Reads the loader's settings object; the error names what the
    /// webmaster must fix, so a bad data attribute fails at page load, not
    /// at the customer's send.
    pub fn from_js(settings: &JsValue) -> Result<WidgetConfig, ConfigError> {
        let context = js::get(settings, "context");
        let context = Context::from_texts(|name| js::string(&context, name)).map_err(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            ConfigError(format!("bad data attributes: {}", list.join("; ")))
        })?;
        WidgetConfig::new(Settings::from_js(settings), context)
    }

    fn new(s: Settings, context: Context) -> Result<WidgetConfig, ConfigError> {
        if s.survey.is_empty() {
            return fail("set data-survey to the survey's id (in email mode: ?survey= in the URL)");
        }
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
        // Not `{other:?}`: the shipped widget is built without `Debug`.
        other => fail(format!(
            "data-mode \"{other}\" is unknown; use inline, popup or email"
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

    fn settings(mode: &str) -> Settings {
        Settings {
            survey: "demo".into(),
            brand: "Acme".into(),
            endpoint: "http://x".into(),
            mode: mode.into(),
            languages: vec!["es".into(), "nb-NO".into(), "en".into()],
            score: None,
            id: None,
            token: None,
        }
    }

    fn email(score: &str, id: &str, token: Option<&str>) -> Settings {
        Settings {
            score: Some(score.into()),
            id: Some(id.into()),
            token: token.map(str::to_owned),
            ..settings("email")
        }
    }

    fn config(s: Settings) -> Result<WidgetConfig, ConfigError> {
        WidgetConfig::new(s, Context::default())
    }

    #[test]
    fn negotiates_the_locale() {
        let config = config(settings("inline")).expect("valid");
        assert_eq!(config.locale, Locale::Nb);
        assert_eq!(config.mode, Mode::Inline);
    }

    #[test]
    fn a_missing_survey_is_named() {
        let s = Settings {
            survey: String::new(),
            ..settings("inline")
        };
        let error = config(s).expect_err("no survey");
        assert!(error.to_string().contains("data-survey"), "{error}");
    }

    #[test]
    fn unknown_mode_is_named() {
        let error = config(settings("banner")).expect_err("mode");
        assert!(error.to_string().contains("\"banner\""), "{error}");
    }

    #[test]
    fn email_mode_reads_the_link() {
        let config = config(email("4", "abc", Some("t.s"))).expect("valid");
        let Mode::Email(link) = config.mode else {
            panic!("email mode expected")
        };
        assert_eq!(link.score.value(), 4);
        assert_eq!((link.id.as_str(), link.token.as_str()), ("abc", "t.s"));
    }

    #[test]
    fn email_mode_rejects_a_broken_link() {
        let error = config(email("11", "a", Some("t"))).expect_err("score");
        assert!(error.to_string().contains("?score="), "{error}");
        let error = config(email("4", "a", None)).expect_err("token");
        assert!(error.to_string().contains("?token="), "{error}");
    }
}
