//! Compacts the widget's stylesheet before it is compiled into the wasm:
//! every visitor downloads it, and its comments (written for the people who
//! theme or change it) and indentation were a tenth of the wasm's text.
//!
//! Only what CSS's grammar makes safe is removed: comments, runs of
//! whitespace, whitespace next to `{`, `}`, `;`, `,`, after `:` or before
//! `!important`, and the last `;` of a block. Spaces inside selectors and values (`.a .b`,
//! `calc(100% - 8px)`) stay; the only strings, font names, hold single
//! spaces.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=src/style.css");
    let css = fs::read_to_string("src/style.css").expect("widget/src/style.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.css");
    fs::write(out, compact(&css)).expect("OUT_DIR is writable");
}

fn compact(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut space = false;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            rest = rest.find("*/").map_or("", |end| &rest[end + 2..]);
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
        let last = out.chars().next_back();
        let before_tight = tight(c) || c == '!';
        if space && !last.is_some_and(|l| tight(l) || l == ':') && !before_tight && last.is_some() {
            out.push(' ');
        }
        space = false;
        if c == '}' && last == Some(';') {
            out.pop();
        }
        out.push(c);
    }
    out
}
