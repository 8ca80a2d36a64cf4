//! CSV export cells: RFC 4180 quoting, and no formulas.
//!
//! Comments are free text from anyone who answers, and exports are opened in
//! spreadsheets, which run a cell starting with `=`, `+`, `-` or `@` as a
//! formula (CSV injection, OWASP). Such cells, and those starting with a tab
//! or carriage return, get a leading `'` so they are shown as text.

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell, neutralised and quoted when needed.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One record: cells joined by `,`, ended by CRLF as RFC 4180 says.
pub fn record<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let cells: Vec<String> = cells.into_iter().map(cell).collect();
    format!("{}\r\n", cells.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_per_rfc_4180() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(record(["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        assert_eq!(cell("a=b"), "a=b");
    }

    /// Reads one quoted-or-plain cell back, as a spreadsheet would.
    fn unquote(cell: &str) -> String {
        match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
            Some(inner) => inner.replace("\"\"", "\""),
            None => cell.to_owned(),
        }
    }

    proptest! {
        #[test]
        fn cells_read_back_and_never_start_a_formula(text in "\\PC{0,40}") {
            let out = cell(&text);
            let back = unquote(&out);
            prop_assert!(!back.starts_with(FORMULA_STARTS));
            let expected = if text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text };
            prop_assert_eq!(back, expected);
        }
    }
}
