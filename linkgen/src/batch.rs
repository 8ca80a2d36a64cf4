//! Links for a whole mailing: one CSV row per recipient in, the same row plus
//! its token, eleven score URLs and the hidden honeypot URL out, for a mail platform's merge fields.

use std::io::Write;
use std::path::Path;

use ambassador_shared::link::{honeypot_url, sign, LinkClaims, LinkSecret};

use crate::args::read_locale;
use crate::error::CliError;
use crate::mint::score_urls;

/// Mints links for every row of the CSV at `path` and writes the result to
/// `out`. The columns customer_ref, transaction_ref, role, touchpoint and
/// locale set a row's claims, with `defaults` where absent or empty; all other
/// columns are copied through. Nothing is
/// written unless every row is valid, so a half mailing is never sent.
pub fn run(
    path: &Path,
    defaults: &LinkClaims,
    secret: &LinkSecret,
    base_url: &str,
    out: impl Write,
) -> Result<(), CliError> {
    let shown = path.display().to_string();
    let input_error = |e: csv::Error| CliError::CsvInput(shown.clone(), e.to_string());
    let mut reader = csv::Reader::from_path(path).map_err(input_error)?;
    let headers = reader.headers().map_err(input_error)?.clone();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = record.map_err(input_error)?;
        let line = record.position().map_or(0, |p| p.line());
        match mint_row(&headers, &record, defaults, secret) {
            Ok(token) => rows.push((record, token)),
            Err(why) => errors.push(format!("line {line}: {why}")),
        }
    }
    if !errors.is_empty() {
        return Err(CliError::CsvRows(errors));
    }
    write(out, &headers, &rows, base_url).map_err(|e| CliError::Output(e.to_string()))
}

fn mint_row(
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
    defaults: &LinkClaims,
    secret: &LinkSecret,
) -> Result<String, String> {
    let cell = |name: &str| {
        let index = headers.iter().position(|h| h == name)?;
        record.get(index).filter(|v| !v.trim().is_empty())
    };
    let mut claims = defaults.clone();
    let override_with = |slot: &mut Option<String>, name: &str| {
        if let Some(value) = cell(name) {
            *slot = Some(value.to_owned());
        }
    };
    override_with(&mut claims.customer_ref, "customer_ref");
    override_with(&mut claims.transaction_ref, "transaction_ref");
    override_with(&mut claims.role, "role");
    override_with(&mut claims.touchpoint, "touchpoint");
    if let Some(tag) = cell("locale") {
        claims.locale = read_locale(Some(tag)).map_err(|e| e.to_string())?;
    }
    sign(&claims, secret).map_err(|e| e.to_string())
}

fn write(
    out: impl Write,
    headers: &csv::StringRecord,
    rows: &[(csv::StringRecord, String)],
    base_url: &str,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    let scores = (0..=10).map(|n| format!("score_{n}"));
    let extra: Vec<String> = std::iter::once("token".to_owned())
        .chain(scores)
        .chain(std::iter::once("honeypot".to_owned()))
        .collect();
    writer.write_record(headers.iter().chain(extra.iter().map(String::as_str)))?;
    for (record, token) in rows {
        let mut urls = score_urls(base_url, token);
        // The hidden link of a sender's own template (see `email::render`).
        urls.push(honeypot_url(base_url, token));
        let added = std::iter::once(token.as_str()).chain(urls.iter().map(String::as_str));
        writer.write_record(record.iter().chain(added))?;
    }
    writer.flush()?;
    Ok(())
}
