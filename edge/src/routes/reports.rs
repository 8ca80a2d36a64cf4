//! The reader's side, behind the API key: `GET /v1/surveys/{id}/report`
//! (NPS with breakdowns, and the invitations' response rates), `GET
//! /v1/surveys/{id}/themes` (why scores move: themes and drivers) and `GET
//! /v1/surveys/{id}/responses.csv` (every answer).

use ambassador_shared::report::csv::record;
use ambassador_shared::report::date::timestamp;
use ambassador_shared::report::{Report, ReportFilter};
use ambassador_shared::themes::{theme_term, Counted, ThemesReport};
use worker::{Env, Request, Response};

use super::{authorize, json_response, query};
use crate::store::{self, invitations, ExportRow};
use crate::{local_time, log, surveys, themes, ApiError};
use futures_util::stream;

/// The NPS report of one survey over the filter in the query string.
pub async fn report(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let filter = authorized_filter(req, env, survey_id).await?;
    let (rows, funnel) = futures_util::future::try_join(
        store::counts(env, survey_id, &filter),
        invitations::funnel(env, survey_id, &filter),
    )
    .await?;
    let report = Report::from_counts(survey_id, filter, &rows).with_rates(&funnel);
    json_response(&report, 200)
}

/// The themes and drivers of one survey over the filter in the query
/// string, read from the terms' counts (never from the comments): the
/// period's answers, its terms and themes, the themes' days, and then how
/// the terms it shows are written.
pub async fn themes(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let filter = authorized_filter(req, env, survey_id).await?;
    let survey = surveys::named(survey_id)?;
    let theme_terms: Vec<String> = survey.themes.iter().map(|t| theme_term(&t.id)).collect();
    let (overall, terms, theme_days, complete) = futures_util::future::try_join4(
        store::tally(env, survey_id, &filter),
        store::themes::terms(env, survey_id, &filter, &theme_terms),
        store::themes::theme_days(env, survey_id, &filter, &theme_terms),
        async { Ok(themes::complete(env).await) },
    )
    .await?;
    let counted = Counted {
        overall,
        terms: &terms,
        theme_days: &theme_days,
        complete,
    };
    let mut report = ThemesReport::build(survey_id, filter, &survey.themes, counted);
    let surfaces = store::themes::surfaces(env, survey_id, &report.shown_terms()).await?;
    report.write(&surfaces);
    json_response(&report, 200)
}

const CSV_HEADER: [&str; 18] = [
    "id",
    "created_at",
    // The day it is counted on, in the deployment's zone: `created_at` is UTC.
    "day",
    "updated_at",
    "score",
    "category",
    "comment",
    "answers",
    "locale",
    "touchpoint",
    "role",
    "customer_ref",
    "transaction_ref",
    "page_url",
    "source",
    "confirmed",
    "state",
    "suspect",
];

/// Every answer the filter covers as CSV (RFC 4180, formula-safe cells),
/// streamed a page at a time: the Worker's memory stays flat for a million
/// answers. The first page is read before answering, so a storage failure
/// there is still a clean 503; one later (rare) cuts the file short.
pub async fn export(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let filter = authorized_filter(req, env, survey_id).await?;
    let memory_before = log::wasm_memory();
    let first = store::export_page(env, survey_id, &filter, None).await?;
    let header = record(CSV_HEADER);
    let (env, survey) = (env.clone(), survey_id.to_owned());
    let pages = stream::try_unfold(Some((header, first, 0)), move |state| {
        let (env, survey, filter) = (env.clone(), survey.clone(), filter.clone());
        async move {
            let Some((mut csv, rows, mut answers)) = state else {
                return Ok(None);
            };
            rows.iter().for_each(|row| csv.push_str(&csv_line(row)));
            answers += rows.len();
            let next = match rows.last() {
                Some(last) if rows.len() == store::EXPORT_PAGE => {
                    let after = last.cursor();
                    let rows = store::export_page(&env, &survey, &filter, Some(&after))
                        .await
                        .map_err(|e| worker::Error::RustError(format!("{e:?}")))?;
                    Some((String::new(), rows, answers))
                }
                _ => {
                    log::export(&survey, answers, memory_before);
                    None
                }
            };
            Ok::<_, worker::Error>(Some((csv.into_bytes(), next)))
        }
    });
    let response = Response::from_stream(pages)?;
    let headers = response.headers();
    let disposition = format!("attachment; filename=\"{survey_id}-responses.csv\"");
    headers
        .set("content-type", "text/csv; charset=utf-8; header=present")
        .and_then(|()| headers.set("content-disposition", &disposition))?;
    Ok(response)
}

fn csv_line(row: &ExportRow) -> String {
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    let cells = [
        row.id.clone(),
        timestamp(row.created_at),
        local_time::zone().day_of(row.created_at).to_string(),
        timestamp(row.updated_at),
        row.score.to_string(),
        row.category.clone(),
        optional(&row.comment),
        optional(&row.answers),
        row.locale.clone(),
        optional(&row.touchpoint),
        optional(&row.role),
        optional(&row.customer_ref),
        optional(&row.transaction_ref),
        optional(&row.page_url),
        row.source.clone(),
        row.confirmed.to_string(),
        row.state.clone(),
        optional(&row.suspect),
    ];
    record(cells.iter().map(String::as_str))
}

/// Checks the key first (nothing about a survey leaks without it), then the
/// survey and the filter.
async fn authorized_filter(
    req: &Request,
    env: &Env,
    survey_id: &str,
) -> Result<ReportFilter, ApiError> {
    authorize(req, env).await?;
    surveys::named(survey_id)?;
    ReportFilter::from_query(query(req)?).map_err(ApiError::InvalidQuery)
}
