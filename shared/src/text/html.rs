//! Escaping text for HTML: the email block and the Worker's link error pages
//! both put customer- and survey-supplied text into markup. And the one
//! frame of the Worker's own pages about an email's links.

use crate::Locale;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A page the Worker itself shows a customer who came from an email (a
/// link that no longer works, unsubscribing): in the email's language, the
/// survey's `brand` above the `heading` in one `main` landmark, then `body`
/// (markup, its text escaped by the caller), styled like the landing page
/// (widget/answer.css), with no script. `brand` and `heading` are escaped
/// here.
pub fn page(locale: Locale, brand: Option<&str>, heading: &str, body: &str) -> String {
    let heading = escape(heading);
    let (title, brand) = match brand.map(escape) {
        Some(brand) => (
            format!("{heading} – {brand}"),
            format!("<p class=\"brand\">{brand}</p>"),
        ),
        None => (heading.clone(), String::new()),
    };
    format!(
        "<!doctype html>\n<html lang=\"{locale}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/widget/answer.css\">\n</head>\n<body>\n\
         <main class=\"link-page\">{brand}<h1>{heading}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::{escape, page};
    use crate::Locale;

    #[test]
    fn a_page_is_one_main_with_the_brand_and_a_heading_in_its_language() {
        let html = page(
            Locale::Da,
            Some("Bid & Hammer"),
            "Linket <virker> ikke",
            "<p>x</p>",
        );
        assert!(html.contains("<html lang=\"da\">"));
        assert!(html.contains("<title>Linket &lt;virker&gt; ikke – Bid &amp; Hammer</title>"));
        assert!(html.contains(
            "<p class=\"brand\">Bid &amp; Hammer</p><h1>Linket &lt;virker&gt; ikke</h1>"
        ));
        assert_eq!(html.matches("<main").count(), 1);
        assert!(!html.contains("<script"));
        assert!(!page(Locale::En, None, "Gone", "").contains("class=\"brand\""));
    }

    #[test]
    fn markup_and_quotes_are_neutralised() {
        assert_eq!(
            escape(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("Köpenhamn"), "Köpenhamn");
    }
}
