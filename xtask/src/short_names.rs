//! Short names between a Yew app's wasm and its wasm-bindgen glue.
//!
//! wasm-bindgen names every import after the JS function it wraps plus a
//! 16-digit hash (`__wbg_setAttribute_f75317b2b5cabfb4`), under the module
//! `./<app>_bg.js`, and closure shims likewise as exports. The names appear
//! in both files and the hashes do not compress: renamed, the widget's glue
//! is 1.4 KB of brotli smaller and its wasm about 1.9 KB. They are private to
//! the pair, so the
//! build renames them to `a`, `b`, ... in both, after wasm-opt and before the
//! glue is minified (which renames the glue's `wasm` variable).

use std::collections::BTreeMap;

use crate::cmd::Result;

/// The module name every import of the glue is renamed to.
const MODULE: &str = "w";

/// Renames the imports the glue provides and every export, in `wasm` and in
/// `glue` (unminified wasm-bindgen output) alike. `glue_module` is the
/// import module the glue provides (`./<app>_bg.js`).
pub fn shorten(wasm: &[u8], glue: &str, glue_module: &str) -> Result<(Vec<u8>, String)> {
    let mut names = Names::default();
    let mut out = wasm.get(..8).ok_or("not a wasm file")?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let end = body + size as usize;
        let section = wasm
            .get(body..end)
            .ok_or("a wasm section runs past the end")?;
        let content = match id {
            2 => imports(section, glue_module, &mut names)?,
            7 => exports(section, &mut names)?,
            _ => section.to_vec(),
        };
        out.push(id);
        push_leb(&mut out, content.len() as u32);
        out.extend(content);
        at = end;
    }
    Ok((out, names.apply(glue, glue_module)?))
}

/// Old name to new, for imports (object keys in the glue) and exports
/// (read as `wasm.<name>` in the glue).
#[derive(Default)]
struct Names {
    imports: BTreeMap<String, String>,
    exports: BTreeMap<String, String>,
}

impl Names {
    fn next(&self) -> String {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let i = self.imports.len() + self.exports.len();
        let letter = char::from(LETTERS[i % LETTERS.len()]);
        match i / LETTERS.len() {
            0 => letter.to_string(),
            round => format!("{letter}{round}"),
        }
    }

    fn import(&mut self, old: &str) -> String {
        let new = self.next();
        self.imports.insert(old.to_owned(), new.clone());
        new
    }

    fn export(&mut self, old: &str) -> String {
        let new = self.next();
        self.exports.insert(old.to_owned(), new.clone());
        new
    }

    /// The glue with every renamed import's key and every `wasm.<export>`
    /// renamed; fails when the glue does not use a name as expected, so a
    /// change in wasm-bindgen's output stops the build instead of shipping a
    /// widget that cannot start.
    fn apply(&self, glue: &str, glue_module: &str) -> Result<String> {
        let quoted = format!("\"{glue_module}\":");
        if !glue.contains(&quoted) {
            return Err(format!("the glue no longer provides {quoted}"));
        }
        let mut glue = glue.replace(&quoted, &format!("\"{MODULE}\":"));
        for (old, new) in &self.imports {
            glue = replace_token(&glue, "", old, ":", new)
                .ok_or_else(|| format!("the glue defines no import {old}"))?;
        }
        for (old, new) in &self.exports {
            // An export the glue never reads is fine; one it reads is renamed.
            glue = replace_token(&glue, "wasm.", old, "", new).unwrap_or(glue);
        }
        Ok(glue)
    }
}

/// `text` with every `before old after` replaced by `before new after`,
/// where `old` is a whole identifier; `None` when there is none.
fn replace_token(text: &str, before: &str, old: &str, after: &str, new: &str) -> Option<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let pattern = format!("{before}{old}{after}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(i) = rest.find(&pattern) {
        let prev = rest[..i]
            .chars()
            .next_back()
            .or_else(|| out.chars().next_back());
        let tail = &rest[i + pattern.len()..];
        let whole_start = !prev.is_some_and(is_ident);
        let whole_end = !after.is_empty() || !tail.starts_with(is_ident);
        out.push_str(&rest[..i]);
        if whole_start && whole_end {
            out.push_str(&format!("{before}{new}{after}"));
            found = true;
        } else {
            out.push_str(&pattern);
        }
        rest = tail;
    }
    out.push_str(rest);
    found.then_some(out)
}

/// The import section with the glue's imports renamed.
fn imports(section: &[u8], glue_module: &str, names: &mut Names) -> Result<Vec<u8>> {
    let (count, mut at) = leb(section, 0)?;
    let mut out = Vec::new();
    push_leb(&mut out, count);
    for _ in 0..count {
        let (module, next) = name(section, at)?;
        let (field, next) = name(section, next)?;
        let desc_end = import_desc_end(section, next)?;
        if module == glue_module {
            push_name(&mut out, MODULE);
            push_name(&mut out, &names.import(field));
        } else {
            push_name(&mut out, module);
            push_name(&mut out, field);
        }
        out.extend(&section[next..desc_end]);
        at = desc_end;
    }
    Ok(out)
}

/// The export section with every export renamed.
fn exports(section: &[u8], names: &mut Names) -> Result<Vec<u8>> {
    let (count, mut at) = leb(section, 0)?;
    let mut out = Vec::new();
    push_leb(&mut out, count);
    for _ in 0..count {
        let (field, next) = name(section, at)?;
        let kind = *section.get(next).ok_or("truncated export")?;
        let (_, end) = leb(section, next + 1)?;
        push_name(&mut out, &names.export(field));
        out.push(kind);
        out.extend(&section[next + 1..end]);
        at = end;
    }
    Ok(out)
}

/// Where an import's description, starting at `at`, ends.
fn import_desc_end(section: &[u8], at: usize) -> Result<usize> {
    let byte = |i: usize| section.get(i).copied().ok_or("truncated import");
    let limits = |i: usize| -> Result<usize> {
        let flags = byte(i)?;
        let (_, after_min) = leb(section, i + 1)?;
        match flags & 1 {
            1 => Ok(leb(section, after_min)?.1),
            _ => Ok(after_min),
        }
    };
    match byte(at)? {
        0 => Ok(leb(section, at + 1)?.1), // function: type index
        1 => limits(at + 2),              // table: reference type, limits
        2 => limits(at + 1),              // memory: limits
        3 => Ok(at + 3),                  // global: value type, mutability
        4 => Ok(leb(section, at + 2)?.1), // tag: attribute, type index
        kind => Err(format!("unknown import kind {kind}")),
    }
}

/// A length-prefixed UTF-8 name at `at`, and where it ends.
fn name(bytes: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, start) = leb(bytes, at)?;
    let end = start + len as usize;
    let text = bytes.get(start..end).ok_or("truncated name")?;
    let text = std::str::from_utf8(text).map_err(|e| format!("a wasm name is not UTF-8: {e}"))?;
    Ok((text, end))
}

fn push_name(out: &mut Vec<u8>, text: &str) {
    push_leb(out, text.len() as u32);
    out.extend(text.as_bytes());
}

/// An unsigned LEB128 number at `at`, and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Result<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).ok_or("truncated number in the wasm")?;
        at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("a number in the wasm is too long".into())
}

fn push_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb_round_trips() {
        for value in [0, 1, 127, 128, 300, 65_535, u32::MAX] {
            let mut bytes = Vec::new();
            push_leb(&mut bytes, value);
            assert_eq!(leb(&bytes, 0), Ok((value, bytes.len())));
        }
    }

    #[test]
    fn tokens_are_replaced_whole() {
        let glue = "f_1: function() {}, xf_1: 1, wasm.f_1(); wasm.f_12;";
        assert_eq!(
            replace_token(glue, "", "f_1", ":", "a").as_deref(),
            Some("a: function() {}, xf_1: 1, wasm.f_1(); wasm.f_12;")
        );
        assert_eq!(
            replace_token(glue, "wasm.", "f_1", "", "b").as_deref(),
            Some("f_1: function() {}, xf_1: 1, wasm.b(); wasm.f_12;")
        );
        assert_eq!(replace_token(glue, "", "g", ":", "a"), None);
    }

    /// A module importing `f` from the glue and `m` from elsewhere, and
    /// exporting `run`; the glue provides `f` and calls `run`.
    #[test]
    fn renames_in_both_files_alike() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut section = vec![2];
        for (module, field) in [("./x_bg.js", "__wbg_f_0123"), ("env", "m")] {
            push_name(&mut section, module);
            push_name(&mut section, field);
            section.extend([0, 0]);
        }
        wasm.push(2);
        push_leb(&mut wasm, section.len() as u32);
        wasm.extend(&section);
        let mut section = vec![1];
        push_name(&mut section, "run");
        section.extend([0, 1]);
        wasm.push(7);
        push_leb(&mut wasm, section.len() as u32);
        wasm.extend(&section);

        let glue = r#"{ __wbg_f_0123: function() {} }; ({"./x_bg.js": import0}); wasm.run();"#;
        let (wasm, glue) = shorten(&wasm, glue, "./x_bg.js").expect("renamed");
        assert_eq!(glue, r#"{ a: function() {} }; ({"w": import0}); wasm.b();"#);
        let text = String::from_utf8_lossy(&wasm);
        assert!(
            text.contains("\x01w\x01a") && text.contains("\x03env\x01m"),
            "{text:?}"
        );
        assert!(text.contains("\x01b\0\x01"), "{text:?}");
    }
}
