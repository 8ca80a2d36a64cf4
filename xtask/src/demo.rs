//! A year of sample answers for a survey, so a newcomer's dashboard shows
//! real charts at once: `cargo xtask dev` fills the `demo` survey on first
//! start, and the browser tests fill `dashboard-test` the same way.
//!
//! The answers follow an auction house's year: five touchpoints (the web
//! shop, the store, the warehouse pickup, customer service, and the rare
//! valuation), buyers and
//! sellers, comments in the seven languages made of a few sentences each,
//! with the patterns the Themes view should find planted in them (waiting
//! at pickup among Nordic detractors, friendly staff among promoters, a
//! packaging problem from the year's ninth month, and the auction spoken of
//! as often at every score), a fifth by email (some clicked
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
//! counts), 0015 (full-text search), 0021 (the invitations' clicks, so
//! the invitations go in before the answers) and 0024 (the terms, stored
//! with each answer as the Worker stores them, then marked current) see
//! every row, so reports, search and themes agree with the answers. Ids are fixed (`<survey>-seed-00001`) and every
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
use ambassador_shared::themes::{stored_terms, version};
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

/// The sentences comments are made of, per language. A comment joins one
/// to three of them, so a term is not one fixed sentence: what a planted
/// pattern says is spread over many different comments, as in real ones.
struct Fragments {
    /// Waiting at pickup: the Nordic detractors' main complaint.
    waiting: &'static [&'static str],
    /// Broken or badly packed goods: detractors from month nine on.
    packaging: &'static [&'static str],
    /// The detractors' other complaints (fees, email, the website).
    complaints: &'static [&'static str],
    /// Passives' mixed feelings.
    mixed: &'static [&'static str],
    /// Friendly staff: what promoters praise most.
    staff: &'static [&'static str],
    /// The promoters' other praise.
    praise: &'static [&'static str],
    /// Neutral remarks with one word (the auction) said as often in every
    /// category: a word that is common but drives nothing.
    neutral: &'static [&'static str],
}

/// What people say, per language.
fn fragments(language: &str) -> Fragments {
    match language {
        "da" => Fragments {
            waiting: &[
                "Jeg ventede over en time ved afhentningen.",
                "Lang kø ved udleveringen og kun én skranke åben.",
                "Vi måtte vente 40 minutter på vores møbler.",
                "Alt for lang ventetid på lageret.",
            ],
            packaging: &[
                "Lampen kom knust frem, emballagen var alt for tynd.",
                "Pakken var beskadiget ved levering.",
                "Dårlig emballage, stellet var skåret.",
            ],
            complaints: &[
                "Gebyret stod ikke tydeligt i kataloget.",
                "Beskrivelsen i kataloget passede ikke.",
                "Udbetalingen tog tre uger.",
                "Ingen svarede på min mail.",
                "Hjemmesiden gik ned midt i budgivningen.",
            ],
            mixed: &[
                "Fint nok, men hjemmesiden er langsom.",
                "Ok oplevelse, lidt lang ventetid i telefonen.",
                "Gode priser, men gebyret er højt.",
                "Helt i orden, intet særligt.",
            ],
            staff: &[
                "Super venligt personale ved afhentningen!",
                "Personalet var venlige og hjælpsomme.",
            ],
            praise: &[
                "Nem budgivning og god vurdering af mine møbler.",
                "Altid en fornøjelse at handle her.",
                "Hurtig udbetaling efter salget.",
                "Flot udvalg af designmøbler.",
                "Fair pris for mit sølvtøj.",
                "Budgivningen i appen fungerer godt.",
            ],
            neutral: &[
                "Første gang jeg prøvede en auktion.",
                "Fandt auktionen gennem en kollega.",
            ],
        },
        "sv" => Fragments {
            waiting: &[
                "Lång kö vid upphämtningen.",
                "Vi fick vänta nästan en timme på lagret.",
                "Väntade länge och ingen visste var mina saker var.",
                "Väntetiden vid utlämningen är orimlig.",
            ],
            packaging: &[
                "Förpackningen var trasig och vasen sprucken.",
                "Dålig förpackning, ramen var skadad.",
            ],
            complaints: &[
                "Fakturan var fel och kundtjänsten ringde aldrig tillbaka.",
                "Föremålet såg bättre ut på bilderna.",
                "Avgiften stod inte tydligt i katalogen.",
                "Beskrivningen i katalogen stämde inte.",
                "Utbetalningen dröjde i tre veckor.",
            ],
            mixed: &[
                "Helt okej, men budgivningen krånglade i mobilen.",
                "Bra priser, långsam leverans.",
                "Hemsidan är lite rörig.",
                "Helt okej, inget särskilt.",
            ],
            staff: &[
                "Väldigt trevlig personal vid upphämtningen!",
                "Trevlig och kunnig personal.",
            ],
            praise: &[
                "Smidig budgivning och snabb utbetalning för min försäljning.",
                "Kunnig värdering av mina tavlor.",
                "Kommer gärna tillbaka.",
                "Bra utbud av möbler.",
                "Rättvist pris för mitt silver.",
                "Appen fungerar bra när man bjuder.",
            ],
            neutral: &[
                "Första gången jag var på auktion.",
                "Hittade auktionen via en vän.",
            ],
        },
        "nb" => Fragments {
            waiting: &[
                "Ventet lenge på henting, ingen hjalp meg.",
                "Lang kø på lageret ved hentingen.",
                "Måtte vente en time for å hente en stol.",
            ],
            packaging: &[
                "Varen var skadet ved levering.",
                "Dårlig emballasje, speilet kom knust.",
            ],
            complaints: &[
                "Vanskelig å nå kundeservice.",
                "Gebyrene sto ikke tydelig i katalogen.",
                "Beskrivelsen i katalogen stemte ikke.",
                "Utbetalingen tok tre uker.",
            ],
            mixed: &[
                "Grei opplevelse, men nettsiden er treg.",
                "Ok, men gebyrene er høye.",
                "Helt greit, ikke noe spesielt.",
            ],
            staff: &[
                "Veldig hyggelig betjening og rask henting!",
                "Hyggelig og hjelpsom betjening.",
            ],
            praise: &[
                "Enkel budgivning, kommer tilbake.",
                "God vurdering av arvegodset vårt.",
                "Fint utvalg av møbler.",
                "Rettferdig pris for sølvtøyet mitt.",
                "Appen fungerer fint.",
            ],
            neutral: &["Første gang på auksjon.", "Fant auksjonen gjennom en venn."],
        },
        "de" => Fragments {
            waiting: &[
                "Lange Wartezeit bei der Abholung.",
                "Wir mussten eine Stunde warten.",
                "Lange Schlange am Lager.",
            ],
            packaging: &[
                "Die Ware war beschädigt, die Verpackung viel zu dünn.",
                "Der Spiegel kam kaputt an.",
            ],
            complaints: &[
                "Niemand hat auf meine E-Mail geantwortet.",
                "Die Gebühren waren nicht klar angegeben.",
                "Die Beschreibung im Katalog stimmte nicht.",
                "Die Auszahlung dauerte drei Wochen.",
            ],
            mixed: &[
                "Ganz in Ordnung, aber die Website ist langsam.",
                "Gute Auswahl, etwas teuer.",
                "Solide, nichts Besonderes.",
            ],
            staff: &[
                "Sehr freundliches Personal und schnelle Abholung!",
                "Das Personal war freundlich und hilfsbereit.",
            ],
            praise: &[
                "Einfaches Bieten und faire Schätzung.",
                "Immer wieder gerne.",
                "Gute Auswahl an Möbeln.",
                "Fairer Preis für mein Silber.",
            ],
            neutral: &[
                "Meine erste Auktion.",
                "Die Auktion über einen Freund gefunden.",
            ],
        },
        "nl" => Fragments {
            waiting: &[
                "Lang wachten bij het ophalen.",
                "Een lange wachtrij in het magazijn.",
            ],
            packaging: &[
                "Het artikel was beschadigd.",
                "Slechte verpakking, de vaas was kapot.",
            ],
            complaints: &[
                "Niemand reageerde op mijn e-mail.",
                "De kosten vielen tegen.",
                "De beschrijving in de catalogus klopte niet.",
            ],
            mixed: &[
                "Prima, maar de site is traag.",
                "Redelijk, de kosten zijn hoog.",
                "Prima, niets bijzonders.",
            ],
            staff: &[
                "Heel vriendelijk personeel!",
                "Vriendelijk en behulpzaam personeel.",
            ],
            praise: &[
                "Makkelijk bieden, top service.",
                "Snel geregeld.",
                "Mooi aanbod van meubels.",
                "Eerlijke prijs voor mijn zilver.",
            ],
            neutral: &[
                "Mijn eerste veiling.",
                "De veiling via een vriend gevonden.",
            ],
        },
        "fr" => Fragments {
            waiting: &[
                "Attente très longue au retrait des lots.",
                "Il a fallu attendre une heure.",
            ],
            packaging: &[
                "L'objet était abîmé.",
                "Emballage insuffisant, le vase est arrivé cassé.",
            ],
            complaints: &[
                "Personne n'a répondu à mon e-mail.",
                "Les frais n'étaient pas clairs.",
                "La description du catalogue était fausse.",
            ],
            mixed: &[
                "Correct, mais le site est lent.",
                "Bien, mais les frais sont élevés.",
                "Correct, rien de spécial.",
            ],
            staff: &[
                "Personnel très aimable !",
                "Un personnel aimable et serviable.",
            ],
            praise: &[
                "Enchères faciles, estimation juste.",
                "Retrait rapide.",
                "Beau choix de meubles.",
                "Prix juste pour mon argenterie.",
            ],
            neutral: &[
                "Ma première vente aux enchères.",
                "J'ai découvert la vente grâce à un ami.",
            ],
        },
        _ => Fragments {
            waiting: &[
                "Waited over an hour at pickup.",
                "Long queue at the warehouse.",
                "Had to wait forty minutes for one chair.",
            ],
            packaging: &[
                "The item was damaged in transit.",
                "Poor packaging, the mirror arrived broken.",
            ],
            complaints: &[
                "Nobody answered my email.",
                "The buyer's premium was not clear in the catalogue.",
                "The catalogue description was wrong.",
                "The payout took three weeks.",
            ],
            mixed: &[
                "Fine, but the website is slow.",
                "Decent prices, slow delivery.",
                "Fine, nothing special.",
            ],
            staff: &[
                "Really friendly staff!",
                "The staff were friendly and helpful.",
            ],
            praise: &[
                "Easy bidding and a fair valuation of my furniture.",
                "Always a pleasure.",
                "Great range of furniture.",
                "A fair price for my silver.",
                "The app works well for bidding.",
            ],
            neutral: &["My first auction.", "Found the auction through a friend."],
        },
    }
}

/// Days before today the packaging problem began: the first day of the
/// sample year's ninth month.
const PACKAGING_SINCE: u64 = DAYS - DAYS * 8 / 12;

/// One of `from`, `per_mille` times in a thousand.
fn maybe(random: &mut Random, per_mille: u64, from: &[&'static str]) -> Option<&'static str> {
    random
        .chance(per_mille)
        .then(|| from[random.below(from.len() as u64) as usize])
}

/// A comment of an answer in `language` scored `score` at `touchpoint`,
/// `days_ago` days before today: the planted patterns, each a chance (per
/// mille) of one of its sentences.
fn comment(
    random: &mut Random,
    language: &str,
    score: u64,
    touchpoint: &str,
    days_ago: u64,
) -> String {
    let said = fragments(language);
    let nordic = matches!(language, "da" | "sv" | "nb");
    let (chances, own): (Vec<(u64, &[&str])>, _) = match category(score) {
        "detractor" => {
            let waiting = match (touchpoint == "pickup", nordic) {
                (true, true) => 900,
                (true, false) => 500,
                (false, true) => 250,
                (false, false) => 100,
            };
            let broken = days_ago < PACKAGING_SINCE && matches!(touchpoint, "web" | "store");
            let packaging = if broken { 750 } else { 0 };
            let chances = vec![
                (waiting, said.waiting),
                (packaging, said.packaging),
                (300, said.complaints),
            ];
            (chances, said.complaints)
        }
        "passive" => (vec![(1000, said.mixed), (80, said.staff)], said.mixed),
        _ => (vec![(500, said.staff), (600, said.praise)], said.praise),
    };
    let mut parts: Vec<&str> = chances
        .into_iter()
        .filter_map(|(per_mille, from)| maybe(random, per_mille, from))
        .collect();
    if parts.is_empty() {
        parts.extend(maybe(random, 1000, own));
    }
    // The same chance in every category, anywhere in the comment.
    if let Some(neutral) = maybe(random, 150, said.neutral) {
        let at = random.below(parts.len() as u64 + 1) as usize;
        parts.insert(at, neutral);
    }
    parts.join(" ")
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
    comment: Option<String>,
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
/// poor and improves over the year (a new warehouse layout); the web shop's
/// deliveries get worse from month nine (the packaging problem); the rest
/// hold.
fn score(random: &mut Random, touchpoint: &str, days_ago: u64) -> u64 {
    let (promoters, detractors) = match touchpoint {
        "pickup" => (350 + (DAYS - days_ago) / 2, 350 - (DAYS - days_ago) / 2),
        "customer-service" => (450, 250),
        "store" => (600, 120),
        "web" if days_ago < PACKAGING_SINCE => (460, 260),
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
            let comment = (confirmed && random.chance(450))
                .then(|| comment(&mut random, language, score, touchpoint, days_ago));
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

/// The Worker build a database is served by: what its surveys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// `dev`'s and the deployments': `surveys.toml`.
    Deployed,
    /// The cross-part tests': `surveys.toml` and `tests/surveys.toml`, as
    /// `edge/build.rs` joins them for the feature `testing`.
    Testing,
}

impl Build {
    /// The surveys the Worker of this build serves: the sample's days are
    /// written in its zone, and its terms with its themes, as the Worker
    /// writes them.
    pub fn surveys(self) -> Result<Surveys> {
        let read = |path: &str| {
            fs::read_to_string(root().join(path)).map_err(|e| format!("cannot read {path}: {e}"))
        };
        let mut text = read("surveys.toml")?;
        if self == Build::Testing {
            text = format!("{text}\n{}", read("tests/surveys.toml")?);
        }
        Surveys::from_toml_str(&text).map_err(|e| format!("the surveys are invalid:\n{e}"))
    }
}

/// The most bytes of one statement: D1 (and local SQLite through
/// wrangler) takes at most 100 KB, and an answer's row with its comment
/// and terms is up to about 2 KB.
const MAX_STATEMENT: usize = 90_000;

/// `head` (`INSERT ... VALUES`) with `rows`, in as many statements as keep
/// each within [`MAX_STATEMENT`].
fn inserts(sql: &mut String, head: &str, rows: impl IntoIterator<Item = String>) {
    let mut statement = String::new();
    for row in rows {
        if !statement.is_empty() && statement.len() + row.len() + 3 > MAX_STATEMENT {
            sql.push_str(&statement);
            sql.push_str(";\n");
            statement.clear();
        }
        statement.push_str(if statement.is_empty() { head } else { ",\n" });
        statement.push_str(&row);
    }
    if !statement.is_empty() {
        sql.push_str(&statement);
        sql.push_str(";\n");
    }
}

/// A SQL string literal, quotes doubled; NULL for none.
fn text(value: Option<&str>) -> String {
    value.map_or("NULL".to_owned(), |v| {
        format!("'{}'", v.replace('\'', "''"))
    })
}

/// The SQL that stores the answers of `survey` (one of `surveys`, the
/// Worker's), their terms and the recent detractors' cases.
pub fn sql(surveys: &Surveys, survey: &str, now: u64, secret: &LinkSecret) -> String {
    // A zone the Worker's build would have refused never reaches here.
    let zone = Zone::named(surveys.time_zone()).unwrap_or_else(|_| Zone::utc());
    let themes = surveys.get(survey).map_or(&[][..], |s| &s.themes);
    let mut answers = answers(survey, now);
    let (invitations, scanned) = email_program(survey, &mut answers, secret);
    let mut sql = String::new();
    inserts(
        &mut sql,
        "INSERT OR IGNORE INTO invitations (id, survey_id, response_id, customer_ref, \
         transaction_ref, touchpoint, role, locale, created_at, day, invited_at) VALUES\n",
        invitations.iter().map(|i| {
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
        }),
    );
    inserts(
        &mut sql,
        "INSERT OR IGNORE INTO responses (id, survey_id, score, category, comment, locale, \
         touchpoint, role, customer_ref, created_at, day, updated_at, source, confirmed, \
         settled_at, suspect, announced_at, terms) VALUES\n",
        answers.iter().chain(&scanned).map(|a| {
            let locale = Locale::from_tag(a.language).unwrap_or_default();
            let terms = stored_terms(a.comment.as_deref(), locale, themes);
            format!(
                "('{}', '{survey}', {}, '{}', {}, '{}', '{}', {}, {}, {}, '{}', {}, '{}', {}, {}, {}, {}, {})",
                a.id,
                a.score,
                category(a.score),
                text(a.comment.as_deref()),
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
                text(terms.as_deref()),
            )
        }),
    );
    // The terms just stored are made as this build's Worker makes them:
    // marked current, so the Worker does not rebuild them and the themes
    // show complete at once. A database whose terms are already current or
    // being rebuilt (version not '') is left to the Worker.
    let _ = writeln!(
        sql,
        "UPDATE themes SET version = {}, responses_after = NULL WHERE version = '';",
        text(Some(&version(surveys)))
    );
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
pub fn seed_once(persist: &Path, build: Build, survey: &str) -> Result {
    let mark = persist.join(format!("seeded-{survey}"));
    if mark.exists() {
        return Ok(());
    }
    seed(persist, build, survey)?;
    fs::write(
        &mark,
        "the sample year of xtask/src/demo.rs is in this database\n",
    )
    .map_err(|e| format!("cannot write {}: {e}", mark.display()))
}

/// Fills `survey` in the local D1 at `persist` (already migrated, served
/// by a Worker of `build`) with the sample year ending now.
pub fn seed(persist: &Path, build: Build, survey: &str) -> Result {
    let surveys = build.surveys()?;
    if surveys.get(survey).is_none() {
        return Err(format!("no survey {survey} to seed in {build:?}'s surveys"));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis() as u64;
    let secret = secrets::link_secret()?;
    wrangler::execute_sql(persist, survey, &sql(&surveys, survey, now, &secret))
        .map_err(|why| format!("seeding the {survey} survey: {why}"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ambassador_shared::report::ReportFilter;
    use ambassador_shared::survey::Theme;
    use ambassador_shared::themes::{Counted, Figures, TermRow, ThemesReport};
    use ambassador_shared::{Category, Score, Tally};

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

    fn surveys() -> Surveys {
        Build::Testing.surveys().expect("the surveys parse")
    }

    #[test]
    fn the_same_sql_every_time_with_quotes_doubled_and_short_statements() {
        let surveys = surveys();
        let sql = sql(&surveys, "dashboard-test", NOW, &secret());
        assert_eq!(sql, super::sql(&surveys, "dashboard-test", NOW, &secret()));
        assert!(sql.contains("L''objet") && !sql.contains("L'objet"));
        assert!(sql.contains("INSERT OR IGNORE INTO cases"));
        assert!(sql.contains(r#"["vented","ventede"]"#), "terms stored");
        let marked = format!("SET version = '{}'", version(&surveys));
        assert!(sql.contains(&marked), "terms marked current");
        let longest = sql.split(";\n").map(str::len).max().unwrap_or(0);
        assert!(longest <= MAX_STATEMENT, "a statement of {longest} bytes");
    }

    /// The themes report of `answers` (those counted) as the Worker would
    /// build it from their stored terms: the same drivers math.
    fn report(answers: &[&Answer], themes: &[Theme]) -> ThemesReport {
        let mut overall = Tally::default();
        let mut counted: BTreeMap<(String, String), Tally> = BTreeMap::new();
        for a in answers.iter().filter(|a| a.suspect.is_none()) {
            let category = Score::new(a.score as i64).map(Category::of).expect("0-10");
            overall.add(category);
            let locale = Locale::from_tag(a.language).expect("a language");
            let Some(terms) = stored_terms(a.comment.as_deref(), locale, themes) else {
                continue;
            };
            let terms: Vec<(String, Option<String>)> =
                serde_json::from_str(&terms).expect("a JSON array");
            for (term, _) in terms {
                // A theme counts across languages.
                let language = if term.starts_with('#') {
                    ""
                } else {
                    a.language
                };
                counted
                    .entry((language.to_owned(), term))
                    .or_default()
                    .add(category);
            }
        }
        let rows: Vec<TermRow> = counted
            .into_iter()
            .map(|((language, term), tally)| TermRow {
                language,
                term,
                tally,
            })
            .collect();
        let counts = Counted {
            overall,
            terms: &rows,
            theme_days: &[],
            complete: true,
        };
        ThemesReport::build("demo", ReportFilter::default(), themes, counts)
    }

    fn keys(drivers: &[Figures]) -> Vec<&str> {
        drivers.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn the_planted_patterns_are_drivers_and_an_evenly_spread_word_is_not() {
        let surveys = surveys();
        for survey in ["demo", "dashboard-test"] {
            let themes = &surveys.get(survey).expect("defined").themes;
            let answers = answers(survey, NOW);
            let year = report(&answers.iter().collect::<Vec<_>>(), themes);
            let detractor = keys(&year.drivers.detractor);
            assert_eq!(detractor.first(), Some(&"waiting"), "{detractor:?}");
            let promoter = keys(&year.drivers.promoter);
            assert_eq!(promoter.first(), Some(&"staff"), "{promoter:?}");
            // The auction, said as often by every category: among the
            // most mentioned, a driver in no language.
            let auction = |f: &Figures| match f.language.map(Locale::as_str) {
                Some("da" | "sv" | "de") => "auktion",
                Some("nb") => "auksjon",
                Some("nl") => "veiling",
                Some("fr") => "vent",
                _ => "auction",
            };
            assert!(year.terms.iter().any(|t| t.key == "auktion"));
            let drivers = year.drivers.detractor.iter().chain(&year.drivers.promoter);
            for f in year.terms.iter().chain(drivers) {
                let about = f.key.split(' ').any(|word| word == auction(f));
                assert!(!about || f.driver.is_none(), "{f:?}");
            }
        }
    }

    #[test]
    fn waiting_is_a_nordic_pickup_complaint_and_packaging_a_recent_one() {
        let themes = &surveys().get("demo").expect("defined").themes.clone();
        let answers = answers("demo", NOW);
        let mentions = |theme: &str| -> Vec<&Answer> {
            answers
                .iter()
                .filter(|a| {
                    let locale = Locale::from_tag(a.language).expect("a language");
                    stored_terms(a.comment.as_deref(), locale, themes)
                        .is_some_and(|t| t.contains(&format!("\"#{theme}\"")))
                })
                .collect()
        };
        let waiting = mentions("waiting");
        let share = |part: usize| part as f64 / waiting.len() as f64;
        let nordic = waiting
            .iter()
            .filter(|a| matches!(a.language, "da" | "sv" | "nb"))
            .count();
        let complaints: Vec<&&Answer> = waiting.iter().filter(|a| a.score <= 6).collect();
        let pickup = complaints
            .iter()
            .filter(|a| a.touchpoint == "pickup")
            .count();
        assert!(share(nordic) > 0.75, "{nordic} of {}", waiting.len());
        assert!(
            pickup * 2 > complaints.len(),
            "{pickup} of {} detractors at pickup",
            complaints.len()
        );
        let packaging = mentions("packaging");
        let days_ago = |a: &Answer| (NOW - a.at) / DAY_MS;
        assert!(packaging.len() > 50, "{}", packaging.len());
        assert!(
            packaging.iter().all(|a| days_ago(a) < PACKAGING_SINCE),
            "packaging only from month nine"
        );
        // Since then it drives detractors; before, no one spoke of it.
        let recent: Vec<&Answer> = answers
            .iter()
            .filter(|a| days_ago(a) < PACKAGING_SINCE)
            .collect();
        let since = report(&recent, themes);
        assert!(keys(&since.drivers.detractor).contains(&"packaging"));
    }
}
