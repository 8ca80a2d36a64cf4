//! A year of sample answers for a survey, so a newcomer's dashboard shows
//! real charts at once: `cargo xtask dev` fills the `demo` survey on first
//! start, and the browser tests fill `dashboard-test` the same way.
//!
//! The answers follow an auction house's year: five touchpoints (the web
//! shop, the store, the warehouse pickup, customer service, and the rare
//! valuation), buyers and
//! sellers, comments in the seven languages, a fifth by email (some clicked
//! and never confirmed, settled as a person's), fewer on Sundays, two days closed at Christmas
//! (gaps in the trend), pickup improving over the year, and the recent
//! confirmed detractors' cases at every stage of the loop. Every email
//! answer came from an invitation, and about four in five invitations went
//! unclicked, so the response rates sit near the seeds' 21% click-through;
//! a few of the unclicked ones were clicked by a mail scanner instead (kept,
//! flagged suspect with the reason, counted in no report).
//!
//! It is one SQL file through `wrangler d1 execute --local --file`, as an
//! operator's import would be: the triggers of migrations 0020 (daily
//! counts), 0015 (full-text search) and 0021 (the invitations' clicks, so
//! the invitations go in before the answers) see every row, so reports and
//! search agree with the answers. Ids are fixed (`<survey>-seed-00001`) and every
//! insert is `OR IGNORE`, so running it twice on one day adds nothing; and
//! [`seed_once`] leaves a mark in the database's directory, so `dev` fills
//! the demo on its first start only, and later starts are not slowed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::invitation::{invitation_id, Recipient};
use ambassador_shared::link::LinkSecret;
use ambassador_shared::local_time::Zone;
use ambassador_shared::survey::Surveys;
use ambassador_shared::Locale;

use crate::cmd::{root, Result};
use crate::{secrets, wrangler};

const DAY_MS: u64 = 86_400_000;
const DAYS: u64 = 365;
/// Days ago the store was closed (Christmas, seen from late November).
const CLOSED: [u64; 2] = [337, 338];

/// Touchpoints with their share of answers (per mille).
/// Valuations are rare, so their whiskers show how little is known.
const TOUCHPOINTS: [(&str, u64); 5] = [
    ("web", 400),
    ("store", 250),
    ("pickup", 200),
    ("customer-service", 145),
    ("valuation", 5),
];

/// Languages with their share (per mille): the auction house is Nordic.
const LANGUAGES: [(&str, u64); 7] = [
    ("da", 250),
    ("sv", 250),
    ("nb", 150),
    ("de", 150),
    ("nl", 80),
    ("fr", 50),
    ("en", 70),
];

/// What people say, per language: detractors, passives, promoters.
fn phrases(language: &str) -> [&'static [&'static str]; 3] {
    match language {
        "da" => [
            &[
                "Jeg ventede over en time ved afhentningen.",
                "Varen var beskadiget, og ingen svarede på min mail.",
                "Gebyret stod ikke tydeligt i kataloget.",
            ],
            &[
                "Fint nok, men hjemmesiden er langsom.",
                "Ok oplevelse, lidt lang ventetid i telefonen.",
            ],
            &[
                "Super venligt personale og hurtig afhentning!",
                "Nem budgivning og god vurdering af mine møbler.",
                "Altid en fornøjelse at handle her.",
            ],
        ],
        "sv" => [
            &[
                "Lång kö vid upphämtningen och ingen som svarade.",
                "Fakturan var fel och kundtjänsten ringde aldrig tillbaka.",
                "Föremålet såg bättre ut på bilderna.",
            ],
            &[
                "Helt okej, men budgivningen krånglade i mobilen.",
                "Bra priser, långsam leverans.",
            ],
            &[
                "Väldigt trevlig personal vid upphämtningen!",
                "Smidig budgivning och snabb utbetalning för min försäljning.",
                "Kunnig värdering av mina tavlor.",
            ],
        ],
        "nb" => [
            &[
                "Ventet lenge på henting, ingen hjalp meg.",
                "Varen var skadet ved levering.",
                "Vanskelig å nå kundeservice.",
            ],
            &[
                "Grei opplevelse, men nettsiden er treg.",
                "Ok, men gebyrene er høye.",
            ],
            &[
                "Veldig hyggelig betjening og rask henting!",
                "Enkel budgivning, kommer tilbake.",
                "God vurdering av arvegodset vårt.",
            ],
        ],
        "de" => [
            &[
                "Lange Wartezeit bei der Abholung.",
                "Die Ware war beschädigt, niemand hat geantwortet.",
                "Die Gebühren waren nicht klar angegeben.",
            ],
            &[
                "Ganz in Ordnung, aber die Website ist langsam.",
                "Gute Auswahl, etwas teuer.",
            ],
            &[
                "Sehr freundliches Personal und schnelle Abholung!",
                "Einfaches Bieten und faire Schätzung.",
                "Immer wieder gerne.",
            ],
        ],
        "nl" => [
            &[
                "Lang wachten bij het ophalen.",
                "Het artikel was beschadigd en niemand reageerde.",
            ],
            &[
                "Prima, maar de site is traag.",
                "Redelijk, de kosten vielen tegen.",
            ],
            &[
                "Heel vriendelijk personeel en snel geregeld!",
                "Makkelijk bieden, top service.",
            ],
        ],
        "fr" => [
            &[
                "Attente très longue au retrait des lots.",
                "L'objet était abîmé et personne n'a répondu.",
            ],
            &[
                "Correct, mais le site est lent.",
                "Bien, mais les frais sont élevés.",
            ],
            &[
                "Personnel très aimable et retrait rapide !",
                "Enchères faciles, estimation juste.",
            ],
        ],
        _ => [
            &[
                "Waited over an hour at pickup.",
                "The item was damaged and nobody answered my email.",
                "The buyer's premium was not clear in the catalogue.",
            ],
            &[
                "Fine, but the website is slow.",
                "Decent prices, slow delivery.",
            ],
            &[
                "Really friendly staff and a quick pickup!",
                "Easy bidding and a fair valuation of my furniture.",
                "Always a pleasure.",
            ],
        ],
    }
}

/// A small deterministic generator (xorshift64*): the same demo every time.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
    }

    /// A number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn weighted<'a>(&mut self, table: &[(&'a str, u64)]) -> &'a str {
        let mut roll = self.below(table.iter().map(|(_, w)| w).sum());
        for (item, weight) in table {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        table[0].0
    }
}

/// One generated answer.
struct Answer {
    id: String,
    at: u64,
    score: u64,
    touchpoint: &'static str,
    role: Option<&'static str>,
    language: &'static str,
    comment: Option<&'static str>,
    customer: Option<String>,
    email: bool,
    confirmed: bool,
    /// Why the click was taken for a mail scanner's; `None`: a person's.
    suspect: Option<&'static str>,
}

/// One email invitation of the sample, sent `at`.
struct Invitation {
    id: String,
    /// The id its answer has (or would have) in `responses`.
    response_id: String,
    customer: String,
    transaction: String,
    touchpoint: &'static str,
    role: Option<&'static str>,
    language: &'static str,
    at: u64,
}

/// How many invitations went unclicked per one that was clicked, in
/// thousandths: 3.76, so 1 in 4.76 (21%) is clicked.
const UNCLICKED_PER_CLICK: u64 = 3_760;

/// Why a mail scanner's clicks were suspected (shared/src/link/scanner.rs),
/// with their share (per mille).
const SCANNER_SIGNS: [(&str, u64); 3] = [
    ("several_scores", 600),
    ("honeypot", 250),
    ("too_soon", 150),
];

fn category(score: u64) -> &'static str {
    match score {
        0..=6 => "detractor",
        7..=8 => "passive",
        _ => "promoter",
    }
}

/// A score for `touchpoint`, `days_ago` days before today: pickup starts
/// poor and improves over the year (a new warehouse layout); the rest hold.
fn score(random: &mut Random, touchpoint: &str, days_ago: u64) -> u64 {
    let (promoters, detractors) = match touchpoint {
        "pickup" => (350 + (DAYS - days_ago) / 2, 350 - (DAYS - days_ago) / 2),
        "customer-service" => (450, 250),
        "store" => (600, 120),
        _ => (520, 180),
    };
    let roll = random.below(1000);
    if roll < promoters {
        9 + random.below(2)
    } else if roll < promoters + detractors {
        random.below(7)
    } else {
        7 + random.below(2)
    }
}

fn answers(survey: &str, now: u64) -> Vec<Answer> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let today = now - now % DAY_MS;
    let mut list = Vec::new();
    for days_ago in 0..DAYS {
        if CLOSED.contains(&days_ago) {
            continue;
        }
        let day = today - days_ago * DAY_MS;
        // Sundays are quiet (day 0 of the epoch was a Thursday).
        let sunday = (day / DAY_MS + 4).is_multiple_of(7);
        let count = if sunday { 6 } else { 18 } + random.below(14);
        for _ in 0..count {
            let n = list.len() + 1;
            let touchpoint = random.weighted(&TOUCHPOINTS);
            let score = score(&mut random, touchpoint, days_ago);
            let language = random.weighted(&LANGUAGES);
            let email = random.chance(200);
            let confirmed = !email || random.chance(850);
            let said = phrases(language)[match category(score) {
                "detractor" => 0,
                "passive" => 1,
                _ => 2,
            }];
            let comment = (confirmed && random.chance(450))
                .then(|| said[random.below(said.len() as u64) as usize]);
            let role = match random.below(20) {
                0 => None,
                1..=12 => Some("buyer"),
                _ => Some("seller"),
            };
            // Business hours, 08:00 to 20:00 UTC; today from midnight to now.
            let (start, span) = match days_ago {
                0 => (day, (now - day).max(1)),
                _ => (day + 8 * 3_600_000, 12 * 3_600_000),
            };
            let at = start + random.below(span);
            list.push(Answer {
                id: format!("{survey}-seed-{n:05}"),
                at,
                score,
                touchpoint,
                role,
                language,
                comment,
                customer: (email || random.chance(500)).then(|| format!("K-{}", 10_000 + n)),
                email,
                confirmed,
                suspect: None,
            });
        }
    }
    list
}

/// The invitations behind the email answers: each answer's own, sent
/// minutes to hours before its click, and the unclicked ones of the same
/// touchpoint sent about then; and the clicks a mail scanner made on a few
/// of those, as answers flagged suspect. From their own generator, so the
/// answers are the same with or without them.
///
/// Ids are the Worker's own under `secret` (the local `LINK_SECRET`): each
/// invitation's answer id is its recipient's `LinkClaims::response_id`, its
/// id derived from that, and an email answer takes its invitation's answer
/// id. So the Worker can mint the sample's reminders, and answers join
/// their invitations, as with real ones.
fn email_program(
    survey: &str,
    answers: &mut [Answer],
    secret: &LinkSecret,
) -> (Vec<Invitation>, Vec<Answer>) {
    let mut random = Random(0xd1b5_4a32_d192_ed03);
    let (mut invitations, mut scanned) = (Vec::new(), Vec::new());
    for answer in answers.iter_mut().filter(|a| a.email) {
        let sent = answer.at.saturating_sub((10 + random.below(300)) * 60_000);
        let unclicked =
            UNCLICKED_PER_CLICK / 1000 + u64::from(random.chance(UNCLICKED_PER_CLICK % 1000));
        for k in 0..=unclicked {
            let n = invitations.len() + 1;
            let at = sent.saturating_sub(random.below(2 * 3_600_000));
            let answered = k == 0 && answer.customer.is_some();
            let customer = match (answered, &answer.customer) {
                (true, Some(customer)) => customer.clone(),
                _ => format!("K-{}", 50_000 + n),
            };
            let transaction = format!("T-{}", 200_000 + n);
            let recipient = Recipient {
                customer_ref: customer.clone(),
                transaction_ref: Some(transaction.clone()),
                touchpoint: Some(answer.touchpoint.to_owned()),
                role: answer.role.map(str::to_owned),
                locale: Locale::from_tag(answer.language).unwrap_or_default(),
            };
            let response_id = recipient.claims(survey, 0, 0).response_id(secret);
            if answered {
                answer.id = response_id.clone();
            }
            if k > 0 && random.chance(8) {
                // A scanner opens a link seconds after the mail arrives.
                let clicked = at + (2 + random.below(20)) * 1000;
                scanned.push(Answer {
                    id: response_id.clone(),
                    at: clicked,
                    score: random.below(11),
                    touchpoint: answer.touchpoint,
                    role: answer.role,
                    language: answer.language,
                    comment: None,
                    customer: Some(customer.clone()),
                    email: true,
                    confirmed: false,
                    suspect: Some(random.weighted(&SCANNER_SIGNS)),
                });
            }
            invitations.push(Invitation {
                id: invitation_id(&response_id),
                response_id,
                customer,
                transaction,
                touchpoint: answer.touchpoint,
                role: answer.role,
                language: answer.language,
                at,
            });
        }
    }
    (invitations, scanned)
}

/// The zone the deployment counts its days in (`time_zone` in
/// `surveys.toml`): the sample's days are written as the Worker writes
/// them. UTC if the file cannot say, as the Worker's build would have failed.
fn deployment_zone() -> Zone {
    std::fs::read_to_string(root().join("surveys.toml"))
        .ok()
        .and_then(|text| Surveys::from_toml_str(&text).ok())
        .and_then(|surveys| Zone::named(surveys.time_zone()).ok())
        .unwrap_or_else(Zone::utc)
}

/// Rows per INSERT: D1 (and local SQLite through wrangler) takes at most
/// 100 KB per statement, and an answer's row with its comment is up to
/// about 250 bytes.
const ROWS_PER_INSERT: usize = 300;

/// A SQL string literal, quotes doubled; NULL for none.
fn text(value: Option<&str>) -> String {
    value.map_or("NULL".to_owned(), |v| {
        format!("'{}'", v.replace('\'', "''"))
    })
}

/// The SQL that stores the answers and the recent detractors' cases.
pub fn sql(survey: &str, now: u64, secret: &LinkSecret) -> String {
    let zone = deployment_zone();
    let mut answers = answers(survey, now);
    let (invitations, scanned) = email_program(survey, &mut answers, secret);
    let mut sql = String::new();
    for chunk in invitations.chunks(ROWS_PER_INSERT) {
        sql.push_str(
            "INSERT OR IGNORE INTO invitations (id, survey_id, response_id, customer_ref, \
             transaction_ref, touchpoint, role, locale, created_at, day, invited_at) VALUES\n",
        );
        let rows: Vec<String> = chunk
            .iter()
            .map(|i| {
                format!(
                    "('{}', '{survey}', '{}', '{}', '{}', '{}', {}, '{}', {}, '{}', {})",
                    i.id,
                    i.response_id,
                    i.customer,
                    i.transaction,
                    i.touchpoint,
                    text(i.role),
                    i.language,
                    i.at,
                    zone.day_of(i.at as i64),
                    i.at,
                )
            })
            .collect();
        sql.push_str(&rows.join(",\n"));
        sql.push_str(";\n");
    }
    for chunk in answers
        .iter()
        .chain(&scanned)
        .collect::<Vec<_>>()
        .chunks(ROWS_PER_INSERT)
    {
        sql.push_str(
            "INSERT OR IGNORE INTO responses (id, survey_id, score, category, comment, locale, \
             touchpoint, role, customer_ref, created_at, day, updated_at, source, confirmed, \
             settled_at, suspect, announced_at) VALUES\n",
        );
        let rows: Vec<String> = chunk
            .iter()
            .map(|a| {
                format!(
                    "('{}', '{survey}', {}, '{}', {}, '{}', '{}', {}, {}, {}, '{}', {}, '{}', {}, {}, {}, {})",
                    a.id,
                    a.score,
                    category(a.score),
                    text(a.comment),
                    a.language,
                    a.touchpoint,
                    text(a.role),
                    text(a.customer.as_deref()),
                    a.at,
                    zone.day_of(a.at as i64),
                    a.at,
                    if a.email { "email" } else { "widget" },
                    u8::from(a.confirmed),
                    // A click of the sample settled as a person's long ago
                    // (migration 0019); either way the answer counts.
                    match a.confirmed {
                        true => "NULL".to_owned(),
                        false => a.at.to_string(),
                    },
                    text(a.suspect),
                    // A scanner's click never counted, so was never announced.
                    match a.suspect {
                        Some(_) => "NULL".to_owned(),
                        None => a.at.to_string(),
                    },
                )
            })
            .collect();
        sql.push_str(&rows.join(",\n"));
        sql.push_str(";\n");
    }
    cases(&mut sql, survey, &answers, now);
    sql
}

/// Cases of the last six weeks' confirmed detractors, at every stage: the
/// oldest mostly resolved, last week's partly contacted, the newest open
/// (some of them overdue against the default 48 hours).
fn cases(sql: &mut String, survey: &str, answers: &[Answer], now: u64) {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let recent = answers
        .iter()
        .filter(|a| a.confirmed && a.score <= 6 && now - a.at < 42 * DAY_MS);
    for answer in recent {
        let age_days = (now - answer.at) / DAY_MS;
        let roll = random.below(100);
        let status = match age_days {
            0..=1 => "open",
            2..=9 if roll < 40 => "open",
            2..=9 => "contacted",
            _ if roll < 85 => "resolved",
            _ if roll < 92 => "unreachable",
            _ => "contacted",
        };
        let contact = (status != "open").then(|| answer.at + (2 + random.below(58)) * 3_600_000);
        let at = |ms: Option<u64>| ms.map_or("NULL".to_owned(), |ms| ms.min(now).to_string());
        let assignee = (status != "open").then_some("ana");
        let resolution = (status == "resolved")
            .then_some("Called the customer, apologised and refunded the fee.");
        let _ = writeln!(
            sql,
            "INSERT OR IGNORE INTO cases (id, survey_id, touchpoint, role, status, assignee, \
             resolution, opened_at, first_contact_at, updated_at) VALUES ('{}', '{survey}', '{}', \
             {}, '{status}', {}, {}, {}, {}, {});",
            answer.id,
            answer.touchpoint,
            text(answer.role),
            text(assignee),
            text(resolution),
            answer.at,
            at(contact),
            at(contact.or(Some(answer.at))),
        );
        if let Some(contact) = contact {
            let _ = writeln!(
                sql,
                "INSERT INTO case_notes (case_id, at, author, text) SELECT '{}', {}, 'ana', \
                 'Reached the customer by phone.' WHERE NOT EXISTS \
                 (SELECT 1 FROM case_notes WHERE case_id = '{}');",
                answer.id,
                contact.min(now),
                answer.id,
            );
        }
    }
}

/// [`seed`], unless the mark of an earlier seeding of `survey` is in
/// `persist`; then leaves the mark.
pub fn seed_once(persist: &Path, survey: &str) -> Result {
    let mark = persist.join(format!("seeded-{survey}"));
    if mark.exists() {
        return Ok(());
    }
    seed(persist, survey)?;
    fs::write(
        &mark,
        "the sample year of xtask/src/demo.rs is in this database\n",
    )
    .map_err(|e| format!("cannot write {}: {e}", mark.display()))
}

/// Fills `survey` in the local D1 at `persist` (already migrated) with the
/// sample year ending now.
pub fn seed(persist: &Path, survey: &str) -> Result {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis() as u64;
    let secret = secrets::link_secret()?;
    wrangler::execute_sql(persist, survey, &sql(survey, now, &secret))
        .map_err(|why| format!("seeding the {survey} survey: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_000_000_000;

    fn secret() -> LinkSecret {
        LinkSecret::new(&[7u8; 32]).expect("32 bytes")
    }

    #[test]
    fn a_year_of_varied_answers_with_gaps_and_every_language() {
        let answers = answers("demo", NOW);
        assert!(answers.len() > 5000, "{}", answers.len());
        let days: std::collections::BTreeSet<u64> = answers
            .iter()
            .map(|a| (NOW - NOW % DAY_MS - (a.at - a.at % DAY_MS)) / DAY_MS)
            .collect();
        assert_eq!(days.len() as u64, DAYS - CLOSED.len() as u64);
        assert!(CLOSED.iter().all(|d| !days.contains(d)));
        for (language, _) in LANGUAGES {
            assert!(answers
                .iter()
                .any(|a| a.language == language && a.comment.is_some()));
        }
        assert!(answers.iter().any(|a| a.email && !a.confirmed));
        assert!(answers
            .iter()
            .all(|a| a.at <= NOW && (a.confirmed || a.comment.is_none())));
    }

    #[test]
    fn about_a_fifth_of_the_invited_click_and_a_few_scanners_do() {
        let mut answers = answers("demo", NOW);
        let (invitations, scanned) = email_program("demo", &mut answers, &secret());
        let clicks = answers.iter().filter(|a| a.email).count();
        let rate = clicks as f64 / invitations.len() as f64;
        assert!((0.19..0.23).contains(&rate), "click rate {rate}");
        assert!(
            (10..200).contains(&scanned.len()),
            "{} scanned",
            scanned.len()
        );
        let sent: std::collections::HashMap<&str, u64> = invitations
            .iter()
            .map(|i| (i.response_id.as_str(), i.at))
            .collect();
        assert_eq!(
            sent.len(),
            invitations.len(),
            "one invitation per answer id"
        );
        for click in answers.iter().filter(|a| a.email).chain(&scanned) {
            assert!(
                sent[click.id.as_str()] <= click.at,
                "{} sent after its click",
                click.id
            );
        }
        assert!(scanned.iter().all(|a| a.suspect.is_some() && !a.confirmed));
    }

    #[test]
    fn the_same_sql_every_time_with_quotes_doubled() {
        let sql = sql("demo", NOW, &secret());
        assert_eq!(sql, super::sql("demo", NOW, &secret()));
        assert!(sql.contains("L''objet") && !sql.contains("L'objet"));
        assert!(sql.contains("INSERT OR IGNORE INTO cases"));
    }
}
