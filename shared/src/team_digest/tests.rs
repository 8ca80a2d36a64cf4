use serde_json::Value;

use super::slack::{block_kit_problems, slack_message};
use super::*;
use crate::forward::{Delivery, Event};
use crate::report::Dimension;
use crate::Surveys;

const SURVEYS: &str = r#"
    time_zone = "Europe/Copenhagen"
    [[survey]]
    id = "pickup"
    brand = "Nord & <Auktion>"
    allowed_origins = ["https://www.nordauktion.example"]
    [[survey.destinations]]
    id = "staff-slack"
    kind = "slack"
    url = "https://hooks.slack.example/T1"
    categories = ["promoter"]
    [[survey.team_digests]]
    id = "pickup-team"
    touchpoint = "pickup"
    weekday = "monday"
    hour = 8
    language = "da"
    destinations = ["staff-slack"]
    [[survey.team_digests]]
    id = "all-monthly"
    every = "month"
    hour = 7
    destinations = ["staff-slack"]
    min_answers = 3
"#;

fn surveys() -> Surveys {
    Surveys::from_toml_str(SURVEYS).expect("valid")
}

fn day(text: &str) -> Day {
    Day::parse(text).expect("a day")
}

/// Unix ms of a UTC time written `YYYY-MM-DD HH:MM`.
fn utc(text: &str) -> i64 {
    let (date, time) = text.split_once(' ').expect("date and time");
    let (h, m) = time.split_once(':').expect("HH:MM");
    let minutes = h.parse::<i64>().expect("hour") * 60 + m.parse::<i64>().expect("minute");
    day(date).start_millis() + minutes * 60_000
}

/// A day's counts as `daily_counts` sums them: `scores[n]` answers of score n.
pub(crate) fn day_row(date: &str, scores: [u64; 11]) -> CountRow {
    CountRow {
        dimension: Dimension::Day,
        key: Some(date.to_owned()),
        scores,
        commented: 0,
    }
}

#[test]
fn a_week_is_the_last_full_iso_week_and_a_month_the_last_calendar_month() {
    let week = Period::last_full(Every::Week, day("2026-12-07"));
    assert_eq!((week.from, week.to), (day("2026-11-30"), day("2026-12-06")));
    let sunday = Period::last_full(Every::Week, day("2026-12-13"));
    assert_eq!(sunday, week, "any day of a week reports the week before");
    let before = week.before();
    assert_eq!(
        (before.from, before.to),
        (day("2026-11-23"), day("2026-11-29"))
    );
    let month = Period::last_full(Every::Month, day("2027-01-01"));
    assert_eq!(
        (month.from, month.to),
        (day("2026-12-01"), day("2026-12-31"))
    );
    let march = Period::last_full(Every::Month, day("2028-03-01"));
    assert_eq!(march.before().from, day("2028-01-01"));
    assert_eq!(
        (march.from, march.to),
        (day("2028-02-01"), day("2028-02-29"))
    );
}

#[test]
fn a_digest_is_due_at_its_local_hour_on_its_day_in_every_season() {
    let surveys = surveys();
    let survey = surveys.get("pickup").expect("defined");
    let (weekly, monthly) = (&survey.team_digests[0], &survey.team_digests[1]);
    let zone = Zone::named("Europe/Copenhagen").expect("a zone");
    // 08:00 in Copenhagen is 07:00 UTC in winter, 06:00 in summer.
    let winter = due(weekly, &zone, utc("2026-12-07 07:00")).expect("due");
    assert_eq!(winter.from, day("2026-11-30"));
    assert_eq!(
        due(weekly, &zone, utc("2026-12-07 06:00")),
        None,
        "07:00 local"
    );
    let later = due(weekly, &zone, utc("2026-12-07 12:00"));
    assert_eq!(
        later,
        Some(winter),
        "a failed run is made good later that day"
    );
    assert_eq!(
        due(weekly, &zone, utc("2026-12-08 07:00")),
        None,
        "a Tuesday"
    );
    assert!(due(weekly, &zone, utc("2026-06-01 06:00")).is_some());
    // 07:00 on the 1st in Copenhagen: 06:00 UTC on 1 January.
    let january = due(monthly, &zone, utc("2027-01-01 06:00")).expect("due");
    assert_eq!(
        (january.from, january.to),
        (day("2026-12-01"), day("2026-12-31"))
    );
    assert_eq!(due(monthly, &zone, utc("2027-01-02 06:00")), None);
    assert_eq!(due(monthly, &zone, utc("2027-01-01 05:00")), None);
}

/// Hand-computed: the week of 30 November has 6 promoters, 2 passives and
/// 2 detractors (NPS 40); the week before 1 promoter and 9 detractors
/// (NPS -80). A day outside both is left out.
fn figures_of_counts() -> (TeamDigestEvent, [Tally; 2]) {
    let surveys = surveys();
    let survey = surveys.get("pickup").expect("defined");
    let digest = &survey.team_digests[0];
    let period = Period::last_full(Every::Week, day("2026-12-07"));
    let rows = [
        day_row("2026-11-20", [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]),
        day_row("2026-11-24", [0, 0, 0, 0, 0, 4, 5, 0, 0, 0, 1]),
        day_row("2026-11-30", [0, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0]),
        day_row("2026-12-06", [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 4]),
    ];
    let tallies = tallies("pickup", digest, &period, &rows);
    let figures = Figures {
        current: tallies[0],
        previous: tallies[1],
        praise: vec!["Fast pickup".into(), "Kind & quick".into()],
        open_cases: 3,
        overdue_cases: 1,
    };
    let event = TeamDigestEvent::new(
        survey,
        digest,
        &period,
        figures,
        Some("https://nps.example/"),
        utc("2026-12-07 07:00"),
    );
    (event, tallies)
}

#[test]
fn the_figures_come_from_the_counts_of_both_periods() {
    let (event, tallies) = figures_of_counts();
    let counts = |p, n, d| Tally {
        promoters: p,
        passives: n,
        detractors: d,
    };
    assert_eq!(tallies, [counts(6, 2, 2), counts(1, 0, 9)]);
    let data = &event.data;
    assert_eq!(event.id, "team-digest:pickup:pickup-team:2026-11-30");
    assert_eq!(data.answers(), 10);
    let nps = data.nps.expect("ten answers, enough for a score");
    assert!((nps.score - 40.0).abs() < 1e-9, "{nps:?}");
    assert!(nps.low < 40.0 && nps.high > 40.0);
    let change = data.change.expect("both periods have answers");
    assert!((change.points - 120.0).abs() < 1e-9);
    assert!(change.significant, "{change:?}");
    assert_eq!(
        (data.open_cases, data.overdue_cases, data.counts.detractors),
        (3, 1, 2)
    );
    assert_eq!(
        data.dashboard_url.as_deref(),
        Some(
            "https://nps.example/dashboard/?view=overview&survey=pickup&period=custom\
             &from=2026-11-30&to=2026-12-06&touchpoint=pickup&lang=da"
        )
    );
    assert_eq!(
        data.email.subject,
        "pickup-team: jeres NPS for 2026-11-30 – 2026-12-06"
    );
    assert!(
        data.email.text.contains("NPS +40, 95 %-interval"),
        "{}",
        data.email.text
    );
    assert!(
        data.email.text.contains("Op 120 point"),
        "{}",
        data.email.text
    );
    assert!(data
        .email
        .text
        .contains("2 kritikere i perioden. Sager nu: 3 åbne, 1 forsinkede."));
}

#[test]
fn a_change_inside_the_noise_is_not_called_one() {
    let (mut event, _) = figures_of_counts();
    let current = event.data.counts;
    let previous = Tally {
        promoters: 5,
        passives: 2,
        detractors: 3,
    };
    let change = current.change_since(&previous).expect("both have answers");
    assert!(!change.significant);
    event.data.change = Some(change);
    event.data.language = Locale::En;
    let lines = Lines::of("Nord", &event.data);
    assert_eq!(
        lines.change.as_deref(),
        Some("No clear change on the period before (2026-11-23 – 2026-11-29): +20 points is within chance.")
    );
}

#[test]
fn too_few_answers_give_no_score_and_say_so() {
    let surveys = surveys();
    let survey = surveys.get("pickup").expect("defined");
    let digest = &survey.team_digests[0];
    let period = Period::last_full(Every::Week, day("2026-12-07"));
    let figures = Figures {
        current: Tally {
            promoters: 3,
            passives: 0,
            detractors: 0,
        },
        previous: Tally {
            promoters: 0,
            passives: 0,
            detractors: 5,
        },
        ..Figures::default()
    };
    let event = TeamDigestEvent::new(survey, digest, &period, figures, None, 0);
    assert_eq!((event.data.nps, event.data.change), (None, None));
    assert!(event
        .data
        .email
        .text
        .contains("3 svar i perioden: færre end 10"));
    assert!(!event.data.email.text.contains("NPS +"));
    assert_eq!(event.data.dashboard_url, None);
    let message = slack_message(&event, &survey.brand);
    assert!(!message.to_string().contains("NPS +100"), "{message}");
    let json = serde_json::to_value(&event).expect("json");
    assert_eq!(json["data"]["nps"], Value::Null);
    assert_eq!(json["data"]["counts"]["promoters"], 3);
}

/// Five comments of the longest kind, all of Slack's and HTML's control
/// characters, still make a message Slack takes.
#[test]
fn the_slack_message_stays_within_block_kit_limits() {
    let (mut event, _) = figures_of_counts();
    let long = "<!channel> & <https://evil.example|click> ".repeat(48);
    event.data.praise = vec![long.chars().take(2000).collect(); MAX_PRAISE];
    let message = slack_message(&event, "Nord & <Auktion>");
    assert_eq!(block_kit_problems(&message), Vec::<String>::new());
    let blocks = message["blocks"].as_array().expect("blocks");
    assert_eq!(blocks[0]["type"], "header");
    assert_eq!(blocks.last().expect("a block")["type"], "context");
    assert!(!message.to_string().contains("<!channel>"));
    let button = blocks
        .iter()
        .find(|b| b["type"] == "actions")
        .expect("a button");
    assert_eq!(
        button["elements"][0]["url"],
        event.data.dashboard_url.clone().expect("a url")
    );
    let mut broken = message.clone();
    broken["blocks"][0]["text"]["text"] = Value::from("x".repeat(151));
    assert_eq!(
        block_kit_problems(&broken),
        ["blocks[0].text: 151 characters, more than 150"]
    );
}

#[test]
fn the_email_escapes_every_value_and_keeps_comments_as_written() {
    let (mut event, _) = figures_of_counts();
    let comment = "<script>alert(\"x\")</script> & 'so' good\nthanks";
    event.data.praise = vec![comment.to_owned()];
    let email = email::render("Nord & <Auktion>", &event.data);
    assert!(!email.html.contains("<script>"), "{}", email.html);
    assert!(email
        .html
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;so&#39;"));
    assert!(email.html.contains("Nord &amp; &lt;Auktion&gt;s NPS"));
    assert!(email
        .html
        .contains("href=\"https://nps.example/dashboard/?view=overview&amp;survey=pickup"));
    assert!(email
        .text
        .contains("> <script>alert(\"x\")</script> & 'so' good\n> thanks"));
}

#[test]
fn a_digest_reads_back_from_the_queue_and_names_no_customer() {
    let (event, _) = figures_of_counts();
    let delivery = Delivery {
        event: Event::TeamDigest(event.clone()),
        destination_id: "staff-slack".into(),
    };
    let text = serde_json::to_string(&delivery).expect("json");
    let back: Delivery = serde_json::from_str(&text).expect("reads back");
    let Event::TeamDigest(read) = &back.event else {
        panic!("read back as another event: {back:?}");
    };
    assert_eq!(
        (&read.data.email, read.data.counts),
        (&event.data.email, event.data.counts)
    );
    assert_eq!(back.event.id(), event.id);
    assert_eq!(back.event.survey_id(), "pickup");
    assert!(back.event.response().is_none());
    assert_eq!(
        back.key(),
        "team-digest:pickup:pickup-team:2026-11-30@staff-slack"
    );
    for field in ["customer", "transaction", "response_id"] {
        assert!(!text.contains(field), "{field} in {text}");
    }
    let value: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(value["event"]["type"], "digest.sent");
}
