//! Why scores move (`GET /v1/surveys/{id}/themes`) against workerd and D1:
//! the terms' counts kept by the triggers equal a recount from the answers
//! after random writes, an erasure takes a customer's words away, a planted
//! driver is found in three languages while an evenly spread word is not,
//! and comments stored before are counted by the resumable rebuild.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ambassador_shared::link::sign;
use ambassador_shared::survey::Theme;
use ambassador_shared::themes::{stored_terms, theme_term};
use ambassador_shared::{Locale, Surveys, Tally};
use ambassador_tests::{
    d1, dev_var, email_claims, eventually, http, link_secret, new_id, post_and_store,
    post_response, run_the_daily_trigger, stored_response_where, url,
};
use serde_json::{json, Value};

/// The themes of test survey `id`, as the Worker has them.
fn themes_of(id: &str) -> Vec<Theme> {
    let text = include_str!("../surveys.toml");
    let surveys = Surveys::from_toml_str(text).expect("tests/surveys.toml is valid");
    surveys.get(id).expect("a test survey").themes.clone()
}

async fn themes(survey: &str, query: &str) -> Value {
    let path = format!("/v1/surveys/{survey}/themes?{query}");
    let response = http()
        .get(url(&path))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.json().await.expect("json")
}

/// A small deterministic generator (xorshift64*), seeded per run and
/// printed, so a failing sequence can be replayed.
struct Random(u64);

impl Random {
    fn seeded() -> Random {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(7, |d| d.as_nanos() as u64)
            | 1;
        println!("random writes seeded with {seed}");
        Random(seed)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const LANGUAGES: [(&str, &[&str]); 4] = [
    (
        "da",
        &[
            "ventede",
            "længe",
            "kø",
            "venligt",
            "personale",
            "pakken",
            "ikke",
            "god",
        ],
    ),
    (
        "sv",
        &[
            "väntade", "länge", "kö", "trevlig", "personal", "paketet", "inte", "bra",
        ],
    ),
    (
        "de",
        &[
            "warten",
            "lange",
            "Wartezeit",
            "freundliches",
            "Personal",
            "Paket",
            "nicht",
        ],
    ),
    (
        "en",
        &[
            "waited", "long", "queue", "friendly", "staff", "parcel", "not", "great",
        ],
    ),
];

fn comment(random: &mut Random, words: &[&str]) -> Option<String> {
    if random.below(5) == 0 {
        return None;
    }
    let count = 1 + random.below(6);
    let mut text: Vec<&str> = (0..count).map(|_| random.pick(words)).collect();
    if random.below(3) == 0 {
        text.insert(random.below(text.len()), ".");
    }
    Some(text.join(" "))
}

/// Every counted answer's terms, recounted from the stored answers with the
/// shared tokenizer: (language, or '' for a theme; term) → tally.
fn recount(survey: &str) -> BTreeMap<(String, String), Tally> {
    let themes = themes_of(survey);
    let sql = format!(
        "SELECT category, comment, locale FROM responses WHERE survey_id = '{survey}' \
         AND state IN ('confirmed', 'settled') AND comment IS NOT NULL"
    );
    let mut counts: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for row in d1(&sql) {
        let language = Locale::from_tag(row["locale"].as_str().unwrap_or("en")).unwrap_or_default();
        let Some(stored) = stored_terms(row["comment"].as_str(), language, &themes) else {
            continue;
        };
        let terms: Vec<(String, Option<String>)> = serde_json::from_str(&stored).expect("json");
        for (term, _) in terms {
            let key_language = if term.starts_with('#') {
                ""
            } else {
                language.as_str()
            };
            let tally = counts.entry((key_language.to_owned(), term)).or_default();
            match row["category"].as_str() {
                Some("detractor") => tally.detractors += 1,
                Some("passive") => tally.passives += 1,
                _ => tally.promoters += 1,
            }
        }
    }
    counts
}

/// The counts the triggers kept in `table`, as [`recount`] has them.
fn kept(survey: &str, table: &str) -> BTreeMap<(String, String), Tally> {
    let sql = format!(
        "SELECT CASE WHEN term LIKE '#%' THEN '' ELSE language END AS language, term, \
         SUM(detractors) AS d, SUM(passives) AS p, SUM(promoters) AS r FROM {table} \
         WHERE survey_id = '{survey}' AND state IN ('confirmed', 'settled') GROUP BY 1, 2 \
         HAVING SUM(detractors + passives + promoters) > 0"
    );
    d1(&sql)
        .into_iter()
        .map(|row| {
            let count = |k: &str| row[k].as_u64().unwrap_or_default();
            let key = (
                row["language"].as_str().unwrap_or_default().to_owned(),
                row["term"].as_str().unwrap_or_default().to_owned(),
            );
            (
                key,
                Tally {
                    detractors: count("d"),
                    passives: count("p"),
                    promoters: count("r"),
                },
            )
        })
        .collect()
}

fn tally_of(figures: &Value) -> Tally {
    let count = |k: &str| figures[k].as_u64().unwrap_or_default();
    Tally {
        detractors: count("detractors"),
        passives: count("passives"),
        promoters: count("promoters"),
    }
}

async fn widget_answer(
    id: &str,
    survey: &str,
    score: usize,
    language: &str,
    comment: Option<&str>,
    customer: &str,
    touchpoint: &str,
) -> (u16, Value) {
    let mut body = json!({
        "id": id, "survey_id": survey, "score": score, "locale": language,
        "context": {"touchpoint": touchpoint, "customer_ref": customer}
    });
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    post_response(body.to_string()).await
}

/// The landing page's POST for email answer `id`: its score and comment.
async fn confirm(id: &str, token: &str, score: usize, comment: Option<&str>) -> (u16, Value) {
    let mut body = json!({"id": id, "survey_id": "themes-test", "score": score, "token": token});
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    post_response(body.to_string()).await
}

async fn erase(customer: &str) {
    let response = http()
        .delete(url(&format!("/v1/customers/{customer}")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 200, "erasing {customer}");
}

#[tokio::test]
async fn themes_equal_a_recount_after_random_writes() {
    const SURVEY: &str = "themes-test";
    let mut random = Random::seeded();
    let run = &new_id()[..8];
    let mut customer = format!("themes-{run}-0");
    // Email answers so far: their id, token and customer.
    let mut emails: Vec<(String, String, String)> = Vec::new();
    for step in 0..40 {
        let (language, words) = LANGUAGES[random.below(LANGUAGES.len())];
        let score = random.below(11);
        let text = comment(&mut random, words);
        match random.below(8) {
            // A later confirmation of an email answer: the customer changed
            // their mind, score and comment (the later one wins).
            0 | 1 if !emails.is_empty() => {
                let (id, token, _) = emails[random.below(emails.len())].clone();
                let (status, answer) = confirm(&id, &token, score, text.as_deref()).await;
                assert_eq!(status, 202, "{answer}");
                stored_response_where(&id, |row| {
                    row["score"].as_u64() == Some(score as u64)
                        && row["comment"].as_str() == text.as_deref()
                });
            }
            // An email click, confirmed with a comment two times in three.
            2 | 3 => {
                let mut claims = email_claims(SURVEY, Some("pickup"), Some("buyer"));
                claims.locale = Locale::from_tag(language).unwrap_or_default();
                let token = sign(&claims, &link_secret()).expect("valid");
                let id = claims.response_id(&link_secret());
                let clicked = ambassador_tests::click(&token, score).await;
                assert_eq!(clicked.status().as_u16(), 303);
                if random.below(3) > 0 {
                    let (status, answer) = confirm(&id, &token, score, text.as_deref()).await;
                    assert_eq!(status, 202, "{answer}");
                    stored_response_where(&id, |row| row["confirmed"].as_u64() == Some(1));
                } else {
                    stored_response_where(&id, |_| true);
                }
                let customer = claims.customer_ref.unwrap_or_default();
                emails.push((id, token, customer));
            }
            // An erasure: of the widget's customer so far, or of an email's.
            4 if step > 4 => {
                let erased = match emails.pop() {
                    Some((_, _, email_customer)) if random.below(2) == 0 => email_customer,
                    _ => std::mem::replace(&mut customer, format!("themes-{run}-{step}")),
                };
                erase(&erased).await;
                eventually(Duration::from_secs(20), || {
                    let sql = format!("SELECT id FROM responses WHERE customer_ref = '{erased}'");
                    d1(&sql).is_empty().then_some(())
                })
                .expect("the customer's answers are erased");
            }
            _ => {
                let id = new_id();
                let (status, answer) = widget_answer(
                    &id,
                    SURVEY,
                    score,
                    language,
                    text.as_deref(),
                    &customer,
                    "web",
                )
                .await;
                assert_eq!(status, 202, "{answer}");
                stored_response_where(&id, |_| true);
            }
        }
    }
    let expected = recount(SURVEY);
    assert!(expected.len() > 10, "a varied data set: {expected:?}");
    assert_eq!(kept(SURVEY, "term_counts"), expected, "the daily counts");
    assert_eq!(
        kept(SURVEY, "term_days"),
        expected,
        "the daily counts by term"
    );
    assert_eq!(kept(SURVEY, "term_months"), expected, "the monthly counts");

    // The API's figures are those counts: themes, and each listed term.
    let report = themes(SURVEY, "").await;
    for theme in report["themes"].as_array().expect("themes") {
        let key = (
            String::new(),
            theme_term(theme["id"].as_str().unwrap_or_default()),
        );
        let want = expected.get(&key).copied().unwrap_or_default();
        let got = theme["figures"]
            .as_object()
            .map_or(Tally::default(), |_| tally_of(&theme["figures"]));
        assert_eq!(got, want, "theme {key:?}");
    }
    let listed = report["terms"].as_array().expect("terms");
    assert!(!listed.is_empty());
    for term in listed {
        let key = (
            term["language"].as_str().unwrap_or_default().to_owned(),
            term["key"].as_str().unwrap_or_default().to_owned(),
        );
        assert_eq!(
            Some(tally_of(term)),
            expected.get(&key).copied(),
            "term {key:?}"
        );
    }
}

/// Sixteen consonants: a word of them has no vowel, so no stemmer changes it.
const CONSONANTS: &[u8; 16] = b"bcdfhjkmpqrtvwxz";

/// Letters only, unique to a run, so a made-up word is nobody else's term;
/// its own stem.
fn made_up_word(prefix: &str) -> String {
    let letters: String = new_id()
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .take(8)
        .map(|c| CONSONANTS[c.to_digit(16).unwrap_or_default() as usize] as char)
        .collect();
    format!("{prefix}{letters}")
}

#[tokio::test]
async fn an_erasure_removes_a_customers_words_from_the_counts() {
    let touchpoint = format!("erase-{}", &new_id()[..8]);
    let (theirs, others) = (made_up_word("zq"), made_up_word("zx"));
    let (customer, other_customer) = (format!("c-{touchpoint}"), format!("o-{touchpoint}"));
    for (comment, who) in [
        (&theirs, &customer),
        (&theirs, &customer),
        (&others, &other_customer),
    ] {
        let id = new_id();
        let body = json!({
            "id": id, "survey_id": "themes-drivers", "score": 3, "locale": "en",
            // Alone: a word always said in one pair is listed as the pair.
            "comment": format!("{comment}!"),
            "context": {"touchpoint": touchpoint, "customer_ref": who}
        });
        post_and_store(&body).await;
    }
    let mentions = |report: &Value, word: &str| {
        report["terms"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["text"] == word)
            .map(|t| tally_of(t).detractors)
    };
    let before = themes("themes-drivers", &format!("touchpoint={touchpoint}")).await;
    assert_eq!(mentions(&before, &theirs), Some(2), "{before}");
    assert_eq!(mentions(&before, &others), Some(1));

    erase(&customer).await;
    let after = eventually(Duration::from_secs(20), || {
        let sql = format!("SELECT id FROM responses WHERE customer_ref = '{customer}'");
        d1(&sql).is_empty().then_some(())
    });
    assert!(after.is_some(), "the customer's answers are erased");
    let after = themes("themes-drivers", &format!("touchpoint={touchpoint}")).await;
    assert_eq!(
        mentions(&after, &theirs),
        None,
        "their words are gone: {after}"
    );
    assert_eq!(mentions(&after, &others), Some(1), "another's stay");
    let stem = theirs.clone();
    let left = d1(&format!(
        "SELECT SUM(detractors + passives + promoters) AS n FROM term_counts \
         WHERE survey_id = 'themes-drivers' AND term = '{stem}'"
    ));
    assert_eq!(left[0]["n"].as_u64().unwrap_or_default(), 0, "{left:?}");
}

/// Answers of one language: detractors waiting, promoters not, and a word
/// in half of every category.
fn planted(language: &str, waiting: &str, even: &str, other: &str) -> Vec<(usize, String)> {
    let mut answers = Vec::new();
    for i in 0..20usize {
        let score = match i {
            0..=7 => i % 7,
            8..=11 => 7 + i % 2,
            _ => 9 + i % 2,
        };
        let mut words = vec![if score <= 6 { waiting } else { other }];
        if i % 2 == 0 {
            words.push(even);
        }
        answers.push((score, format!("{} ({language})", words.join(", "))));
    }
    answers
}

#[tokio::test]
async fn a_planted_driver_is_ranked_first_and_an_evenly_spread_word_is_not_a_driver() {
    let touchpoint = format!("plant-{}", &new_id()[..8]);
    let mut bodies = Vec::new();
    for (language, waiting, even, other) in [
        ("da", "ventede længe ved kassen", "auktionen", "fint"),
        ("de", "lange Wartezeit", "Auktion", "gut"),
        ("en", "waited so long", "auction", "fine"),
    ] {
        for (score, comment) in planted(language, waiting, even, other) {
            bodies.push(json!({
                "id": new_id(), "survey_id": "themes-drivers", "score": score, "locale": language,
                "comment": comment, "context": {"touchpoint": touchpoint}
            }));
        }
    }
    // Sent at once, then awaited: intake writes them in a few batches.
    for body in &bodies {
        let (status, answer) = post_response(body.to_string()).await;
        assert_eq!(status, 202, "{answer}");
    }
    for body in &bodies {
        stored_response_where(body["id"].as_str().unwrap_or_default(), |_| true);
    }

    let report = themes("themes-drivers", &format!("touchpoint={touchpoint}")).await;
    let first = &report["drivers"]["detractor"][0];
    assert_eq!(
        (first["kind"].as_str(), first["key"].as_str()),
        (Some("theme"), Some("waiting")),
        "{report}"
    );
    assert_eq!(
        tally_of(first).detractors,
        24,
        "every waiting detractor, in three languages"
    );
    assert!(
        first["impact"]["low"].as_f64().is_some_and(|low| low > 0.0),
        "{first}"
    );
    for (language, even) in [("da", "auktion"), ("de", "auktion"), ("en", "auction")] {
        let term = report["terms"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["key"] == even && t["language"] == language)
            .unwrap_or_else(|| panic!("{language} {even} is listed: {report}"));
        assert_eq!(term["driver"], Value::Null, "{term}");
        let impact = &term["impact"];
        assert!(
            impact["low"].as_f64() < Some(0.0) && impact["high"].as_f64() > Some(0.0),
            "{term}"
        );
    }
}

#[tokio::test]
async fn comments_stored_before_the_themes_are_counted_by_the_rebuild() {
    let touchpoint = format!("before-{}", &new_id()[..8]);
    let word = made_up_word("zb");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let rows: Vec<String> = (0..5)
        .map(|i| {
            format!(
                "('{}', 'themes-drivers', 2, 'detractor', 'waited. {word}', 'en', '{touchpoint}', \
                 {now}, {now}, NULL, 1, 'widget', {i})",
                new_id()
            )
        })
        .collect();
    // As an import, or the answers of a database older than the themes.
    d1(&format!(
        "INSERT INTO responses (id, survey_id, score, category, comment, locale, touchpoint, \
         created_at, updated_at, terms, confirmed, source, precedence) VALUES {}",
        rows.join(", ")
    ));
    d1("UPDATE themes SET version = ''");
    let query = format!("touchpoint={touchpoint}");
    assert_eq!(themes("themes-drivers", &query).await["complete"], false);

    run_the_daily_trigger().await;
    let mut report = themes("themes-drivers", &query).await;
    for _ in 0..60 {
        if report["complete"] == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        report = themes("themes-drivers", &query).await;
    }
    assert_eq!(report["complete"], true, "the rebuild completes");
    let waiting = &report["themes"][0]["figures"];
    assert_eq!(tally_of(waiting).detractors, 5, "{report}");
    let listed = report["terms"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| t["text"] == word);
    assert!(listed, "{report}");
}
