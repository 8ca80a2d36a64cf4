//! What the host page tells the widget, read from the loader's JSON.

use ambassador_shared::{Context, Locale};
use serde::Deserialize;
use serde_json::Value;

/// The loader's settings as sent; see `loader/ambassador.js`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    survey: String,
    brand: String,
    endpoint: String,
    /// The page's `data-locale` first, then the browser's languages.
    languages: Vec<String>,
    #[serde(default)]
    context: Value,
}

/// The embedding's validated settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Which survey to answer.
    pub survey: String,
    /// The company name inserted into the question.
    pub brand: String,
    /// The edge's base URL, e.g. `https://nps.example.com`.
    pub endpoint: String,
    /// The survey language, negotiated by the shared rules.
    pub locale: Locale,
    /// Where and for whom, checked by the same rules the edge applies.
    pub context: Context,
}

/// Why the widget refused to mount; shown in the host page's console.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ambassador widget: {}", self.0)
    }
}

impl WidgetConfig {
    /// Reads the loader's JSON; the error names what the webmaster must fix,
    /// so a bad data attribute fails at page load, not at the customer's send.
    pub fn from_json(json: &str) -> Result<WidgetConfig, ConfigError> {
        let s: Settings =
            serde_json::from_str(json).map_err(|e| ConfigError(format!("bad settings: {e}")))?;
        if s.survey.is_empty() {
            return Err(ConfigError("set data-survey to the survey's id".into()));
        }
        let context = Context::from_value(&s.context).map_err(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            ConfigError(format!("bad data attributes: {}", list.join("; ")))
        })?;
        Ok(WidgetConfig {
            locale: Locale::negotiate(s.languages.iter().map(String::as_str)),
            survey: s.survey,
            brand: s.brand,
            endpoint: s.endpoint,
            context,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_locale_and_validates_context() {
        let json = r#"{"survey":"demo","brand":"Acme","endpoint":"http://x",
            "languages":["es","nb-NO","en"],"context":{"touchpoint":"web"}}"#;
        let config = WidgetConfig::from_json(json).expect("valid");
        assert_eq!(config.locale, Locale::Nb);
        assert_eq!(config.context.touchpoint.as_deref(), Some("web"));
    }

    #[test]
    fn bad_attributes_are_named() {
        let json = r#"{"survey":"demo","brand":"","endpoint":"http://x",
            "languages":[],"context":{"touchpoint":"Web Shop"}}"#;
        let error = WidgetConfig::from_json(json).expect_err("bad touchpoint");
        assert!(error.to_string().contains("context.touchpoint"), "{error}");
    }
}
