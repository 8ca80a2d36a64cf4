//! The report API's answer as the views read it, and the hook that fetches
//! it for a survey and filter. Overview, trend, segments and export each
//! ask for the report they show, so a bookmarked view loads on its own.

use ambassador_shared::report::rates::Funnel;
use ambassador_shared::{Nps, Tally};
use serde::Deserialize;
use yew::prelude::*;

use crate::api::{self, Failure};

/// The parts of `GET /v1/surveys/{id}/report` the dashboard shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Report {
    /// Every answer the filter admits.
    pub overall: Summary,
    /// Answers per score, 0 to 10.
    pub distribution: [u64; 11],
    /// How many of the answers carry a comment.
    pub commented: u64,
    /// Per touchpoint.
    pub by_touchpoint: Vec<Group>,
    /// Per role.
    pub by_role: Vec<Group>,
    /// Every day of the period, oldest first.
    pub daily: Vec<DaySummary>,
    /// The email invitations' funnel.
    pub response_rates: ResponseRates,
}

/// The parts of the report's `response_rates` the dashboard shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ResponseRates {
    /// Every invitation the filter admits.
    pub overall: Funnel,
}

/// Counts and NPS of a set of answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    /// Detractors.
    pub detractors: u64,
    /// Passives.
    pub passives: u64,
    /// Promoters.
    pub promoters: u64,
    /// `None` without answers.
    pub nps: Option<Nps>,
}

impl Summary {
    /// The counts, for arithmetic.
    pub fn tally(&self) -> Tally {
        Tally {
            detractors: self.detractors,
            passives: self.passives,
            promoters: self.promoters,
        }
    }
}

/// One touchpoint or role; `name` is `None` for answers without one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Group {
    /// The touchpoint or role.
    pub name: Option<String>,
    /// Its NPS; `None` without answers.
    pub nps: Option<Nps>,
}

/// One UTC day.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DaySummary {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Detractors.
    pub detractors: u64,
    /// Passives.
    pub passives: u64,
    /// Promoters.
    pub promoters: u64,
}

/// The report of `survey` for `query` (`from=..&to=..&touchpoint=..`);
/// `None` while it loads, and for no query (nothing asked). Asked again
/// whenever either changes.
#[hook]
pub fn use_report(survey: &str, query: Option<&str>) -> Option<Result<Report, Failure>> {
    api::use_get(query.map(|query| format!("/v1/surveys/{survey}/report?{query}")))
}
