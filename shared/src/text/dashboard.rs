//! Every word the owners' dashboard shows, in English, Danish, Swedish,
//! Norwegian (Bokmål) and German: the languages of the staff who read it.
//! Kept apart from the widget's table ([`crate::text::i18n`]) because the
//! two are read by different people and change for different reasons.
//!
//! Dutch and French visitors of the dashboard read English until a
//! translator adds their columns; [`LANGUAGES`] lists the ones offered.
//! Placeholders are written `{name}` and filled with
//! [`crate::text::i18n::fill`].

use crate::Locale;

/// The languages the dashboard offers, in the order its switch lists them.
pub const LANGUAGES: [Locale; 5] = [Locale::En, Locale::Da, Locale::Sv, Locale::Nb, Locale::De];

/// The language the dashboard speaks to a reader whose browser (or choice)
/// says `locale`: that one if offered, else English.
pub fn offered(locale: Locale) -> Locale {
    if LANGUAGES.contains(&locale) {
        locale
    } else {
        Locale::En
    }
}

/// The name of a language in itself, as a language switch shows it.
pub fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "Dansk",
        Locale::Sv => "Svenska",
        Locale::Nb => "Norsk bokmål",
        Locale::De => "Deutsch",
        Locale::Nl => "Nederlands",
        Locale::Fr => "Français",
        Locale::En => "English",
    }
}

/// A string of the dashboard. The variant docs give the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// "Ambassador"
    Brand,
    /// "Signed in as {name} ({role})"
    SignedInAs,
    /// "viewer"
    RoleViewer,
    /// "agent"
    RoleAgent,
    /// "Sign out"
    SignOut,
    /// "Language"
    Language,
    /// "Views"
    Views,
    /// "Net Promoter Score"
    Title,
    /// "Overview"
    Overview,
    /// "Trend"
    Trend,
    /// "Segments"
    Segments,
    /// "Comments"
    Comments,
    /// "Cases"
    Cases,
    /// "Export"
    Export,
    /// "What to show"
    WhatToShow,
    /// "Survey"
    Survey,
    /// "Period"
    Period,
    /// "Last 7 days"
    Last7Days,
    /// "Last 30 days"
    Last30Days,
    /// "Last 90 days"
    Last90Days,
    /// "Last 12 months"
    Last12Months,
    /// "Custom"
    CustomPeriod,
    /// "From"
    From,
    /// "To"
    To,
    /// "Apply"
    Apply,
    /// "Touchpoint"
    Touchpoint,
    /// "Role"
    Role,
    /// "Source"
    Source,
    /// "All"
    All,
    /// "Widget on the website"
    SourceWidget,
    /// "Email"
    SourceEmail,
    /// "(none given)"
    NoneGiven,
    /// "Loading…"
    Loading,
    /// "No surveys are defined yet (surveys.toml)."
    NoSurveys,
    /// "No answers in this period."
    NoAnswers,
    /// "95% interval {low} to {high}"
    Interval,
    /// "{n} answers"
    AnswerCount,
    /// "Promoters (9-10): {n} ({share})"
    Promoters,
    /// "Passives (7-8): {n} ({share})"
    Passives,
    /// "Detractors (0-6): {n} ({share})"
    Detractors,
    /// "Answers per score"
    AnswersPerScore,
    /// "Answers per score, 0 to 10"
    BarsName,
    /// "Score {score}: {n} answers"
    BarLabel,
    /// "Score"
    Score,
    /// "Answers"
    Answers,
    /// "No answers in the previous period to compare with."
    NoPrevious,
    /// "Since the previous period: {points} points (95% interval {low} to {high}), {verdict}."
    Change,
    /// "a real change"
    RealChange,
    /// "within the noise"
    WithinNoise,
    /// "Email invitations"
    FunnelHeading,
    /// "Email invitations: invited, clicked a score, answered, with a comment; dashed lines at the typical figures"
    FunnelName,
    /// "Invited"
    Invited,
    /// "Clicked a score"
    Clicked,
    /// "Answered"
    Answered,
    /// "With a comment"
    Commented,
    /// "{name}: {n} ({share} of the invited)"
    FunnelBarLabel,
    /// "Click rate {click_rate}, answer rate {answer_rate}; {comment_share} of those who clicked wrote a comment."
    FunnelRates,
    /// "Dashed lines: typical of an email program, {click} of the invited click a score and {comment} of them write a comment."
    FunnelTypical,
    /// "Step"
    Step,
    /// "Invitations"
    Invitations,
    /// "Share of the invited"
    ShareOfInvited,
    /// "Typical"
    Typical,
    /// "{share} of those who clicked"
    TypicalOfClicked,
    /// "{n} clicks judged a mail scanner's are left out of these figures."
    SuspectClicks,
    /// "Download every email click, the scanners' with the reason (CSV)"
    SuspectDownload,
    /// "NPS per day"
    PerDay,
    /// "NPS per week"
    PerWeek,
    /// "NPS per month"
    PerMonth,
    /// "NPS over the period, with its 95% interval"
    TrendName,
    /// "{name}: NPS {score}, 95% interval {low} to {high}, {n} answers"
    PointLabel,
    /// "{name}: no answers"
    GapLabel,
    /// "From {day}"
    FromDay,
    /// "NPS"
    Nps,
    /// "95% interval"
    IntervalColumn,
    /// "{low} to {high}"
    IntervalCell,
    /// "Show as table"
    ShowAsTable,
    /// "Touchpoints"
    Touchpoints,
    /// "Roles"
    Roles,
    /// "NPS per {what} with 95% intervals"
    ForestName,
    /// "Sort by {column}"
    SortBy,
    /// "What people said"
    WhatPeopleSaid,
    /// "Search"
    Search,
    /// "Show"
    Show,
    /// "All comments"
    AllComments,
    /// "Praise (promoters)"
    Praise,
    /// "Passives"
    PassivesOnly,
    /// "Detractors"
    DetractorsOnly,
    /// "Any score"
    AnyScore,
    /// "Any language"
    AnyLanguage,
    /// "No comments match."
    NoComments,
    /// "More comments"
    MoreComments,
    /// "no touchpoint"
    NoTouchpoint,
    /// "promoter"
    Promoter,
    /// "passive"
    Passive,
    /// "detractor"
    Detractor,
    /// "Cases to follow up"
    CasesTitle,
    /// "No open cases."
    NoOpenCases,
    /// "Deadline: {hours} hours to reach the customer"
    Deadline,
    /// "Open"
    OpenCount,
    /// "Overdue"
    Overdue,
    /// "Median to contact"
    MedianToContact,
    /// "Contacted in time"
    ContactedInTime,
    /// "{h} h"
    Hours,
    /// "Opened"
    Opened,
    /// "Comment"
    Comment,
    /// "Customer"
    Customer,
    /// "Status"
    Status,
    /// "Action"
    Action,
    /// "Mark contacted"
    MarkContacted,
    /// "Open"
    OpenCase,
    /// "Open the case of {customer}"
    OpenCaseOf,
    /// "{status} (overdue)"
    OverdueStatus,
    /// "open"
    StatusOpen,
    /// "contacted"
    StatusContacted,
    /// "resolved"
    StatusResolved,
    /// "unreachable"
    StatusUnreachable,
    /// "Case: {status}"
    CaseTitle,
    /// "Assigned to {name}"
    AssignedTo,
    /// "nobody"
    Nobody,
    /// "Resolution: {text}"
    ResolutionIs,
    /// "History"
    History,
    /// "No notes yet."
    NoNotes,
    /// "Keep as it is"
    KeepStatus,
    /// "Assignee"
    Assignee,
    /// "Nobody" (a choice of assignee)
    Unassigned,
    /// "Note"
    Note,
    /// "Resolution (when resolving)"
    ResolutionField,
    /// "Save"
    Save,
    /// "The file holds every answer the filters above admit: {n} answers from {from} to {to}."
    ExportText,
    /// "Download these answers (CSV)"
    Download,
    /// "Sign in to Ambassador"
    SignInTitle,
    /// "Name"
    Name,
    /// "Password"
    Password,
    /// "Sign in"
    SignIn,
    /// "The name or the password is wrong."
    WrongPassword,
    /// "Please sign in."
    PleaseSignIn,
    /// "Themes"
    Themes,
    /// "What costs points"
    DetractorDrivers,
    /// "What earns points"
    PromoterDrivers,
    /// "Each bar is how many NPS points the period would gain (or lose) if the answers mentioning it had scored like the rest; the whiskers are its 95% interval. Only themes and words whose interval leaves out zero are listed."
    DriversHelp,
    /// "None: no theme or word is certain enough in this period."
    NoDrivers,
    /// "{points} points (95% interval {low} to {high}) · {n} answers · NPS {nps}"
    DriverFigures,
    /// "Still counting older comments: for now these figures cover only part of them."
    StillCounting,
    /// "A theme over the period"
    ThemeTrend,
    /// "Theme"
    Theme,
    /// "No answer of the period mentions {theme}."
    NotMentioned,
    /// "Most mentioned words"
    MostMentioned,
    /// "{n} answers · NPS {nps}"
    TermFigures,
    /// "What drives the score"
    WhatDrivesIt,
    /// "All themes and words"
    AllThemes,
    /// "The server could not be reached ({why}). Try again."
    Unreachable,
    /// "Wallboards"
    Wallboards,
    /// "A wallboard shows one team's NPS on a screen through a read-only link, without signing in. Anyone with the link sees the team's figures and praise until it expires or is revoked."
    WallboardsIntro,
    /// "Only agents make, see and revoke wallboards: a wallboard's link shows the team's figures to anyone who has it."
    WallboardsAgentsOnly,
    /// "New wallboard"
    NewWallboard,
    /// "Name on the screen"
    WallboardLabel,
    /// "Team"
    Team,
    /// "All answers"
    AllAnswers,
    /// "Language of the screen"
    ScreenLanguage,
    /// "The link works for (days)"
    ExpiresInDays,
    /// "Make the link"
    CreateWallboard,
    /// "The link to the screen {label}:"
    NewLinkFor,
    /// "Copy link"
    CopyLink,
    /// "Copy the link of {label}"
    CopyLinkOf,
    /// "Copied."
    Copied,
    /// "Could not copy: select the link and copy it."
    CopyFailed,
    /// "Revoke"
    Revoke,
    /// "Revoke {label}"
    RevokeOf,
    /// "Revoke {label}? Its screen stops showing figures at once, and the link cannot be restored."
    ConfirmRevoke,
    /// "Yes, revoke"
    YesRevoke,
    /// "Cancel"
    Cancel,
    /// "No wallboards yet."
    NoWallboards,
    /// "Expires {expires} · made by {name} on {made}"
    WallboardFacts,
    /// "{label} was revoked."
    WallboardRevoked,
}

impl Label {
    /// Every label, so tests can walk the whole table.
    pub const ALL: [Label; 174] = [
        Label::Brand,
        Label::SignedInAs,
        Label::RoleViewer,
        Label::RoleAgent,
        Label::SignOut,
        Label::Language,
        Label::Views,
        Label::Title,
        Label::Overview,
        Label::Trend,
        Label::Segments,
        Label::Comments,
        Label::Cases,
        Label::Export,
        Label::WhatToShow,
        Label::Survey,
        Label::Period,
        Label::Last7Days,
        Label::Last30Days,
        Label::Last90Days,
        Label::Last12Months,
        Label::CustomPeriod,
        Label::From,
        Label::To,
        Label::Apply,
        Label::Touchpoint,
        Label::Role,
        Label::Source,
        Label::All,
        Label::SourceWidget,
        Label::SourceEmail,
        Label::NoneGiven,
        Label::Loading,
        Label::NoSurveys,
        Label::NoAnswers,
        Label::Interval,
        Label::AnswerCount,
        Label::Promoters,
        Label::Passives,
        Label::Detractors,
        Label::AnswersPerScore,
        Label::BarsName,
        Label::BarLabel,
        Label::Score,
        Label::Answers,
        Label::NoPrevious,
        Label::Change,
        Label::RealChange,
        Label::WithinNoise,
        Label::FunnelHeading,
        Label::FunnelName,
        Label::Invited,
        Label::Clicked,
        Label::Answered,
        Label::Commented,
        Label::FunnelBarLabel,
        Label::FunnelRates,
        Label::FunnelTypical,
        Label::Step,
        Label::Invitations,
        Label::ShareOfInvited,
        Label::Typical,
        Label::TypicalOfClicked,
        Label::SuspectClicks,
        Label::SuspectDownload,
        Label::PerDay,
        Label::PerWeek,
        Label::PerMonth,
        Label::TrendName,
        Label::PointLabel,
        Label::GapLabel,
        Label::FromDay,
        Label::Nps,
        Label::IntervalColumn,
        Label::IntervalCell,
        Label::ShowAsTable,
        Label::Touchpoints,
        Label::Roles,
        Label::ForestName,
        Label::SortBy,
        Label::WhatPeopleSaid,
        Label::Search,
        Label::Show,
        Label::AllComments,
        Label::Praise,
        Label::PassivesOnly,
        Label::DetractorsOnly,
        Label::AnyScore,
        Label::AnyLanguage,
        Label::NoComments,
        Label::MoreComments,
        Label::NoTouchpoint,
        Label::Promoter,
        Label::Passive,
        Label::Detractor,
        Label::CasesTitle,
        Label::NoOpenCases,
        Label::Deadline,
        Label::OpenCount,
        Label::Overdue,
        Label::MedianToContact,
        Label::ContactedInTime,
        Label::Hours,
        Label::Opened,
        Label::Comment,
        Label::Customer,
        Label::Status,
        Label::Action,
        Label::MarkContacted,
        Label::OpenCase,
        Label::OpenCaseOf,
        Label::OverdueStatus,
        Label::StatusOpen,
        Label::StatusContacted,
        Label::StatusResolved,
        Label::StatusUnreachable,
        Label::CaseTitle,
        Label::AssignedTo,
        Label::Nobody,
        Label::ResolutionIs,
        Label::History,
        Label::NoNotes,
        Label::KeepStatus,
        Label::Assignee,
        Label::Unassigned,
        Label::Note,
        Label::ResolutionField,
        Label::Save,
        Label::ExportText,
        Label::Download,
        Label::SignInTitle,
        Label::Name,
        Label::Password,
        Label::SignIn,
        Label::WrongPassword,
        Label::PleaseSignIn,
        Label::Themes,
        Label::DetractorDrivers,
        Label::PromoterDrivers,
        Label::DriversHelp,
        Label::NoDrivers,
        Label::DriverFigures,
        Label::StillCounting,
        Label::ThemeTrend,
        Label::Theme,
        Label::NotMentioned,
        Label::MostMentioned,
        Label::TermFigures,
        Label::WhatDrivesIt,
        Label::AllThemes,
        Label::Unreachable,
        Label::Wallboards,
        Label::WallboardsIntro,
        Label::WallboardsAgentsOnly,
        Label::NewWallboard,
        Label::WallboardLabel,
        Label::Team,
        Label::AllAnswers,
        Label::ScreenLanguage,
        Label::ExpiresInDays,
        Label::CreateWallboard,
        Label::NewLinkFor,
        Label::CopyLink,
        Label::CopyLinkOf,
        Label::Copied,
        Label::CopyFailed,
        Label::Revoke,
        Label::RevokeOf,
        Label::ConfirmRevoke,
        Label::YesRevoke,
        Label::Cancel,
        Label::NoWallboards,
        Label::WallboardFacts,
        Label::WallboardRevoked,
    ];
}

/// The text of `label` in `locale` (English for a language not offered),
/// placeholders still unfilled.
pub fn text(locale: Locale, label: Label) -> &'static str {
    let row = row(label);
    match offered(locale) {
        Locale::Da => row.da,
        Locale::Sv => row.sv,
        Locale::Nb => row.nb,
        Locale::De => row.de,
        _ => row.en,
    }
}

/// One label in every offered language. Named fields, not an array, so a
/// translation can never slip into the wrong language's column.
struct Row {
    en: &'static str,
    da: &'static str,
    sv: &'static str,
    nb: &'static str,
    de: &'static str,
}

// German addresses the reader formally (Sie), as German workplaces' software
// does; the Scandinavian languages use the informal du.
fn row(label: Label) -> Row {
    match label {
        Label::Brand => Row {
            en: "Ambassador",
            da: "Ambassador",
            sv: "Ambassador",
            nb: "Ambassador",
            de: "Ambassador",
        },
        Label::SignedInAs => Row {
            en: "Signed in as {name} ({role})",
            da: "Logget ind som {name} ({role})",
            sv: "Inloggad som {name} ({role})",
            nb: "Logget inn som {name} ({role})",
            de: "Angemeldet als {name} ({role})",
        },
        Label::RoleViewer => Row {
            en: "viewer",
            da: "læser",
            sv: "läsare",
            nb: "leser",
            de: "Leser",
        },
        Label::RoleAgent => Row {
            en: "agent",
            da: "agent",
            sv: "handläggare",
            nb: "saksbehandler",
            de: "Bearbeiter",
        },
        Label::SignOut => Row {
            en: "Sign out",
            da: "Log ud",
            sv: "Logga ut",
            nb: "Logg ut",
            de: "Abmelden",
        },
        Label::Language => Row {
            en: "Language",
            da: "Sprog",
            sv: "Språk",
            nb: "Språk",
            de: "Sprache",
        },
        Label::Views => Row {
            en: "Views",
            da: "Visninger",
            sv: "Vyer",
            nb: "Visninger",
            de: "Ansichten",
        },
        Label::Title => Row {
            en: "Net Promoter Score",
            da: "Net Promoter Score",
            sv: "Net Promoter Score",
            nb: "Net Promoter Score",
            de: "Net Promoter Score",
        },
        Label::Overview => Row {
            en: "Overview",
            da: "Overblik",
            sv: "Översikt",
            nb: "Oversikt",
            de: "Übersicht",
        },
        Label::Trend => Row {
            en: "Trend",
            da: "Udvikling",
            sv: "Utveckling",
            nb: "Utvikling",
            de: "Verlauf",
        },
        Label::Segments => Row {
            en: "Segments",
            da: "Segmenter",
            sv: "Segment",
            nb: "Segmenter",
            de: "Segmente",
        },
        Label::Comments => Row {
            en: "Comments",
            da: "Kommentarer",
            sv: "Kommentarer",
            nb: "Kommentarer",
            de: "Kommentare",
        },
        Label::Cases => Row {
            en: "Cases",
            da: "Sager",
            sv: "Ärenden",
            nb: "Saker",
            de: "Fälle",
        },
        Label::Export => Row {
            en: "Export",
            da: "Eksport",
            sv: "Export",
            nb: "Eksport",
            de: "Export",
        },
        Label::WhatToShow => Row {
            en: "What to show",
            da: "Hvad der vises",
            sv: "Vad som visas",
            nb: "Hva som vises",
            de: "Was angezeigt wird",
        },
        Label::Survey => Row {
            en: "Survey",
            da: "Undersøgelse",
            sv: "Undersökning",
            nb: "Undersøkelse",
            de: "Umfrage",
        },
        Label::Period => Row {
            en: "Period",
            da: "Periode",
            sv: "Period",
            nb: "Periode",
            de: "Zeitraum",
        },
        Label::Last7Days => Row {
            en: "Last 7 days",
            da: "Seneste 7 dage",
            sv: "Senaste 7 dagarna",
            nb: "Siste 7 dager",
            de: "Letzte 7 Tage",
        },
        Label::Last30Days => Row {
            en: "Last 30 days",
            da: "Seneste 30 dage",
            sv: "Senaste 30 dagarna",
            nb: "Siste 30 dager",
            de: "Letzte 30 Tage",
        },
        Label::Last90Days => Row {
            en: "Last 90 days",
            da: "Seneste 90 dage",
            sv: "Senaste 90 dagarna",
            nb: "Siste 90 dager",
            de: "Letzte 90 Tage",
        },
        Label::Last12Months => Row {
            en: "Last 12 months",
            da: "Seneste 12 måneder",
            sv: "Senaste 12 månaderna",
            nb: "Siste 12 måneder",
            de: "Letzte 12 Monate",
        },
        Label::CustomPeriod => Row {
            en: "Custom",
            da: "Valgfri",
            sv: "Egen period",
            nb: "Egendefinert",
            de: "Benutzerdefiniert",
        },
        Label::From => Row {
            en: "From",
            da: "Fra",
            sv: "Från",
            nb: "Fra",
            de: "Von",
        },
        Label::To => Row {
            en: "To",
            da: "Til",
            sv: "Till",
            nb: "Til",
            de: "Bis",
        },
        Label::Apply => Row {
            en: "Apply",
            da: "Anvend",
            sv: "Använd",
            nb: "Bruk",
            de: "Anwenden",
        },
        Label::Touchpoint => Row {
            en: "Touchpoint",
            da: "Kontaktpunkt",
            sv: "Kontaktpunkt",
            nb: "Kontaktpunkt",
            de: "Kontaktpunkt",
        },
        Label::Role => Row {
            en: "Role",
            da: "Rolle",
            sv: "Roll",
            nb: "Rolle",
            de: "Rolle",
        },
        Label::Source => Row {
            en: "Source",
            da: "Kilde",
            sv: "Källa",
            nb: "Kilde",
            de: "Quelle",
        },
        Label::All => Row {
            en: "All",
            da: "Alle",
            sv: "Alla",
            nb: "Alle",
            de: "Alle",
        },
        Label::SourceWidget => Row {
            en: "Widget on the website",
            da: "Widget på hjemmesiden",
            sv: "Widget på webbplatsen",
            nb: "Widget på nettstedet",
            de: "Widget auf der Website",
        },
        Label::SourceEmail => Row {
            en: "Email",
            da: "E-mail",
            sv: "E-post",
            nb: "E-post",
            de: "E-Mail",
        },
        Label::NoneGiven => Row {
            en: "(none given)",
            da: "(ikke angivet)",
            sv: "(inte angivet)",
            nb: "(ikke oppgitt)",
            de: "(nicht angegeben)",
        },
        Label::Loading => Row {
            en: "Loading…",
            da: "Indlæser…",
            sv: "Laddar…",
            nb: "Laster…",
            de: "Wird geladen…",
        },
        Label::NoSurveys => Row {
            en: "No surveys are defined yet (surveys.toml).",
            da: "Der er endnu ingen undersøgelser (surveys.toml).",
            sv: "Inga undersökningar är definierade än (surveys.toml).",
            nb: "Ingen undersøkelser er definert ennå (surveys.toml).",
            de: "Noch keine Umfragen definiert (surveys.toml).",
        },
        Label::NoAnswers => Row {
            en: "No answers in this period.",
            da: "Ingen svar i denne periode.",
            sv: "Inga svar under den här perioden.",
            nb: "Ingen svar i denne perioden.",
            de: "Keine Antworten in diesem Zeitraum.",
        },
        Label::Interval => Row {
            en: "95% interval {low} to {high}",
            da: "95 %-interval {low} til {high}",
            sv: "95 %-intervall {low} till {high}",
            nb: "95 %-intervall {low} til {high}",
            de: "95-%-Intervall {low} bis {high}",
        },
        Label::AnswerCount => Row {
            en: "{n} answers",
            da: "{n} svar",
            sv: "{n} svar",
            nb: "{n} svar",
            de: "{n} Antworten",
        },
        Label::Promoters => Row {
            en: "Promoters (9-10): {n} ({share})",
            da: "Ambassadører (9-10): {n} ({share})",
            sv: "Ambassadörer (9-10): {n} ({share})",
            nb: "Ambassadører (9-10): {n} ({share})",
            de: "Promotoren (9-10): {n} ({share})",
        },
        Label::Passives => Row {
            en: "Passives (7-8): {n} ({share})",
            da: "Passive (7-8): {n} ({share})",
            sv: "Passiva (7-8): {n} ({share})",
            nb: "Passive (7-8): {n} ({share})",
            de: "Passive (7-8): {n} ({share})",
        },
        Label::Detractors => Row {
            en: "Detractors (0-6): {n} ({share})",
            da: "Kritikere (0-6): {n} ({share})",
            sv: "Kritiker (0-6): {n} ({share})",
            nb: "Kritikere (0-6): {n} ({share})",
            de: "Kritiker (0-6): {n} ({share})",
        },
        Label::AnswersPerScore => Row {
            en: "Answers per score",
            da: "Svar pr. score",
            sv: "Svar per poäng",
            nb: "Svar per poengsum",
            de: "Antworten je Wert",
        },
        Label::BarsName => Row {
            en: "Answers per score, 0 to 10",
            da: "Svar pr. score, 0 til 10",
            sv: "Svar per poäng, 0 till 10",
            nb: "Svar per poengsum, 0 til 10",
            de: "Antworten je Wert, 0 bis 10",
        },
        Label::BarLabel => Row {
            en: "Score {score}: {n} answers",
            da: "Score {score}: {n} svar",
            sv: "Poäng {score}: {n} svar",
            nb: "Poengsum {score}: {n} svar",
            de: "Wert {score}: {n} Antworten",
        },
        Label::Score => Row {
            en: "Score",
            da: "Score",
            sv: "Poäng",
            nb: "Poengsum",
            de: "Wert",
        },
        Label::Answers => Row {
            en: "Answers",
            da: "Svar",
            sv: "Svar",
            nb: "Svar",
            de: "Antworten",
        },
        Label::NoPrevious => Row {
            en: "No answers in the previous period to compare with.",
            da: "Ingen svar i den foregående periode at sammenligne med.",
            sv: "Inga svar under föregående period att jämföra med.",
            nb: "Ingen svar i forrige periode å sammenligne med.",
            de: "Keine Antworten im vorigen Zeitraum zum Vergleich.",
        },
        Label::Change => Row {
            en: "Since the previous period: {points} points (95% interval {low} to {high}), {verdict}.",
            da: "Siden forrige periode: {points} point (95 %-interval {low} til {high}), {verdict}.",
            sv: "Sedan föregående period: {points} poäng (95 %-intervall {low} till {high}), {verdict}.",
            nb: "Siden forrige periode: {points} poeng (95 %-intervall {low} til {high}), {verdict}.",
            de: "Seit dem vorigen Zeitraum: {points} Punkte (95-%-Intervall {low} bis {high}), {verdict}.",
        },
        Label::RealChange => Row {
            en: "a real change",
            da: "en reel ændring",
            sv: "en verklig förändring",
            nb: "en reell endring",
            de: "eine echte Veränderung",
        },
        Label::WithinNoise => Row {
            en: "within the noise",
            da: "inden for støjen",
            sv: "inom bruset",
            nb: "innenfor støyen",
            de: "im Rauschen",
        },
        Label::FunnelHeading => Row {
            en: "Email invitations",
            da: "E-mailinvitationer",
            sv: "E-postinbjudningar",
            nb: "E-postinvitasjoner",
            de: "E-Mail-Einladungen",
        },
        Label::FunnelName => Row {
            en: "Email invitations: invited, clicked a score, answered, with a comment; dashed lines at the typical figures",
            da: "E-mailinvitationer: inviteret, klikkede på en score, svarede, med en kommentar; stiplede linjer ved de typiske tal",
            sv: "E-postinbjudningar: inbjudna, klickade på en poäng, svarade, med en kommentar; streckade linjer vid de typiska siffrorna",
            nb: "E-postinvitasjoner: invitert, klikket på en poengsum, svarte, med en kommentar; stiplede linjer ved de typiske tallene",
            de: "E-Mail-Einladungen: eingeladen, Wert angeklickt, geantwortet, mit Kommentar; gestrichelte Linien bei den typischen Werten",
        },
        Label::Invited => Row {
            en: "Invited",
            da: "Inviteret",
            sv: "Inbjudna",
            nb: "Invitert",
            de: "Eingeladen",
        },
        Label::Clicked => Row {
            en: "Clicked a score",
            da: "Klikkede på en score",
            sv: "Klickade på en poäng",
            nb: "Klikket på en poengsum",
            de: "Wert angeklickt",
        },
        Label::Answered => Row {
            en: "Answered",
            da: "Svarede",
            sv: "Svarade",
            nb: "Svarte",
            de: "Geantwortet",
        },
        Label::Commented => Row {
            en: "With a comment",
            da: "Med en kommentar",
            sv: "Med en kommentar",
            nb: "Med en kommentar",
            de: "Mit Kommentar",
        },
        Label::FunnelBarLabel => Row {
            en: "{name}: {n} ({share} of the invited)",
            da: "{name}: {n} ({share} af de inviterede)",
            sv: "{name}: {n} ({share} av de inbjudna)",
            nb: "{name}: {n} ({share} av de inviterte)",
            de: "{name}: {n} ({share} der Eingeladenen)",
        },
        Label::FunnelRates => Row {
            en: "Click rate {click_rate}, answer rate {answer_rate}; {comment_share} of those who clicked wrote a comment.",
            da: "Klikrate {click_rate}, svarrate {answer_rate}; {comment_share} af dem, der klikkede, skrev en kommentar.",
            sv: "Klickfrekvens {click_rate}, svarsfrekvens {answer_rate}; {comment_share} av dem som klickade skrev en kommentar.",
            nb: "Klikkrate {click_rate}, svarprosent {answer_rate}; {comment_share} av dem som klikket, skrev en kommentar.",
            de: "Klickrate {click_rate}, Antwortrate {answer_rate}; {comment_share} derjenigen, die geklickt haben, schrieben einen Kommentar.",
        },
        Label::FunnelTypical => Row {
            en: "Dashed lines: typical of an email program, {click} of the invited click a score and {comment} of them write a comment.",
            da: "Stiplede linjer: typisk for et e-mailprogram klikker {click} af de inviterede på en score, og {comment} af dem skriver en kommentar.",
            sv: "Streckade linjer: typiskt för ett e-postprogram klickar {click} av de inbjudna på en poäng och {comment} av dem skriver en kommentar.",
            nb: "Stiplede linjer: typisk for et e-postprogram klikker {click} av de inviterte på en poengsum, og {comment} av dem skriver en kommentar.",
            de: "Gestrichelte Linien: typisch für ein E-Mail-Programm klicken {click} der Eingeladenen einen Wert an und {comment} davon schreiben einen Kommentar.",
        },
        Label::Step => Row {
            en: "Step",
            da: "Trin",
            sv: "Steg",
            nb: "Trinn",
            de: "Schritt",
        },
        Label::Invitations => Row {
            en: "Invitations",
            da: "Invitationer",
            sv: "Inbjudningar",
            nb: "Invitasjoner",
            de: "Einladungen",
        },
        Label::ShareOfInvited => Row {
            en: "Share of the invited",
            da: "Andel af de inviterede",
            sv: "Andel av de inbjudna",
            nb: "Andel av de inviterte",
            de: "Anteil der Eingeladenen",
        },
        Label::Typical => Row {
            en: "Typical",
            da: "Typisk",
            sv: "Typiskt",
            nb: "Typisk",
            de: "Typisch",
        },
        Label::TypicalOfClicked => Row {
            en: "{share} of those who clicked",
            da: "{share} af dem, der klikkede",
            sv: "{share} av dem som klickade",
            nb: "{share} av dem som klikket",
            de: "{share} derjenigen, die geklickt haben",
        },
        Label::SuspectClicks => Row {
            en: "{n} clicks judged a mail scanner's are left out of these figures.",
            da: "{n} klik, der blev vurderet som en mailscanners, er udeladt af disse tal.",
            sv: "{n} klick som bedömdes vara en e-postskanners är utelämnade ur dessa siffror.",
            nb: "{n} klikk som ble vurdert som en e-postskanners, er utelatt fra disse tallene.",
            de: "{n} Klicks, die einem Mail-Scanner zugeschrieben wurden, sind in diesen Zahlen nicht enthalten.",
        },
        Label::SuspectDownload => Row {
            en: "Download every email click, the scanners' with the reason (CSV)",
            da: "Hent alle klik fra e-mail, scannernes med begrundelsen (CSV)",
            sv: "Ladda ned alla klick från e-post, skannrarnas med skälet (CSV)",
            nb: "Last ned alle klikk fra e-post, skannernes med begrunnelsen (CSV)",
            de: "Alle E-Mail-Klicks herunterladen, die der Scanner mit Begründung (CSV)",
        },
        Label::PerDay => Row {
            en: "NPS per day",
            da: "NPS pr. dag",
            sv: "NPS per dag",
            nb: "NPS per dag",
            de: "NPS pro Tag",
        },
        Label::PerWeek => Row {
            en: "NPS per week",
            da: "NPS pr. uge",
            sv: "NPS per vecka",
            nb: "NPS per uke",
            de: "NPS pro Woche",
        },
        Label::PerMonth => Row {
            en: "NPS per month",
            da: "NPS pr. måned",
            sv: "NPS per månad",
            nb: "NPS per måned",
            de: "NPS pro Monat",
        },
        Label::TrendName => Row {
            en: "NPS over the period, with its 95% interval",
            da: "NPS over perioden med 95 %-interval",
            sv: "NPS över perioden med 95 %-intervall",
            nb: "NPS over perioden med 95 %-intervall",
            de: "NPS über den Zeitraum mit 95-%-Intervall",
        },
        Label::PointLabel => Row {
            en: "{name}: NPS {score}, 95% interval {low} to {high}, {n} answers",
            da: "{name}: NPS {score}, 95 %-interval {low} til {high}, {n} svar",
            sv: "{name}: NPS {score}, 95 %-intervall {low} till {high}, {n} svar",
            nb: "{name}: NPS {score}, 95 %-intervall {low} til {high}, {n} svar",
            de: "{name}: NPS {score}, 95-%-Intervall {low} bis {high}, {n} Antworten",
        },
        Label::GapLabel => Row {
            en: "{name}: no answers",
            da: "{name}: ingen svar",
            sv: "{name}: inga svar",
            nb: "{name}: ingen svar",
            de: "{name}: keine Antworten",
        },
        Label::FromDay => Row {
            en: "From {day}",
            da: "Fra {day}",
            sv: "Från {day}",
            nb: "Fra {day}",
            de: "Ab {day}",
        },
        Label::Nps => Row {
            en: "NPS",
            da: "NPS",
            sv: "NPS",
            nb: "NPS",
            de: "NPS",
        },
        Label::IntervalColumn => Row {
            en: "95% interval",
            da: "95 %-interval",
            sv: "95 %-intervall",
            nb: "95 %-intervall",
            de: "95-%-Intervall",
        },
        Label::IntervalCell => Row {
            en: "{low} to {high}",
            da: "{low} til {high}",
            sv: "{low} till {high}",
            nb: "{low} til {high}",
            de: "{low} bis {high}",
        },
        Label::ShowAsTable => Row {
            en: "Show as table",
            da: "Vis som tabel",
            sv: "Visa som tabell",
            nb: "Vis som tabell",
            de: "Als Tabelle zeigen",
        },
        Label::Touchpoints => Row {
            en: "Touchpoints",
            da: "Kontaktpunkter",
            sv: "Kontaktpunkter",
            nb: "Kontaktpunkter",
            de: "Kontaktpunkte",
        },
        Label::Roles => Row {
            en: "Roles",
            da: "Roller",
            sv: "Roller",
            nb: "Roller",
            de: "Rollen",
        },
        Label::ForestName => Row {
            en: "NPS per {what} with 95% intervals",
            da: "NPS pr. {what} med 95 %-intervaller",
            sv: "NPS per {what} med 95 %-intervall",
            nb: "NPS per {what} med 95 %-intervaller",
            de: "NPS je {what} mit 95-%-Intervallen",
        },
        Label::SortBy => Row {
            en: "Sort by {column}",
            da: "Sortér efter {column}",
            sv: "Sortera efter {column}",
            nb: "Sorter etter {column}",
            de: "Nach {column} sortieren",
        },
        Label::WhatPeopleSaid => Row {
            en: "What people said",
            da: "Hvad folk sagde",
            sv: "Vad folk sa",
            nb: "Hva folk sa",
            de: "Was die Leute sagten",
        },
        Label::Search => Row {
            en: "Search",
            da: "Søg",
            sv: "Sök",
            nb: "Søk",
            de: "Suchen",
        },
        Label::Show => Row {
            en: "Show",
            da: "Vis",
            sv: "Visa",
            nb: "Vis",
            de: "Zeigen",
        },
        Label::AllComments => Row {
            en: "All comments",
            da: "Alle kommentarer",
            sv: "Alla kommentarer",
            nb: "Alle kommentarer",
            de: "Alle Kommentare",
        },
        Label::Praise => Row {
            en: "Praise (promoters)",
            da: "Ros (ambassadører)",
            sv: "Beröm (ambassadörer)",
            nb: "Ros (ambassadører)",
            de: "Lob (Promotoren)",
        },
        Label::PassivesOnly => Row {
            en: "Passives",
            da: "Passive",
            sv: "Passiva",
            nb: "Passive",
            de: "Passive",
        },
        Label::DetractorsOnly => Row {
            en: "Detractors",
            da: "Kritikere",
            sv: "Kritiker",
            nb: "Kritikere",
            de: "Kritiker",
        },
        Label::AnyScore => Row {
            en: "Any score",
            da: "Alle scorer",
            sv: "Alla poäng",
            nb: "Alle poengsummer",
            de: "Alle Werte",
        },
        Label::AnyLanguage => Row {
            en: "Any language",
            da: "Alle sprog",
            sv: "Alla språk",
            nb: "Alle språk",
            de: "Alle Sprachen",
        },
        Label::NoComments => Row {
            en: "No comments match.",
            da: "Ingen kommentarer passer.",
            sv: "Inga kommentarer matchar.",
            nb: "Ingen kommentarer passer.",
            de: "Keine passenden Kommentare.",
        },
        Label::MoreComments => Row {
            en: "More comments",
            da: "Flere kommentarer",
            sv: "Fler kommentarer",
            nb: "Flere kommentarer",
            de: "Weitere Kommentare",
        },
        Label::NoTouchpoint => Row {
            en: "no touchpoint",
            da: "intet kontaktpunkt",
            sv: "ingen kontaktpunkt",
            nb: "intet kontaktpunkt",
            de: "kein Kontaktpunkt",
        },
        Label::Promoter => Row {
            en: "promoter",
            da: "ambassadør",
            sv: "ambassadör",
            nb: "ambassadør",
            de: "Promotor",
        },
        Label::Passive => Row {
            en: "passive",
            da: "passiv",
            sv: "passiv",
            nb: "passiv",
            de: "passiv",
        },
        Label::Detractor => Row {
            en: "detractor",
            da: "kritiker",
            sv: "kritiker",
            nb: "kritiker",
            de: "Kritiker",
        },
        Label::CasesTitle => Row {
            en: "Cases to follow up",
            da: "Sager at følge op",
            sv: "Ärenden att följa upp",
            nb: "Saker å følge opp",
            de: "Nachzuverfolgende Fälle",
        },
        Label::NoOpenCases => Row {
            en: "No open cases.",
            da: "Ingen åbne sager.",
            sv: "Inga öppna ärenden.",
            nb: "Ingen åpne saker.",
            de: "Keine offenen Fälle.",
        },
        Label::Deadline => Row {
            en: "Deadline: {hours} hours to reach the customer",
            da: "Frist: {hours} timer til at kontakte kunden",
            sv: "Tidsgräns: {hours} timmar för att nå kunden",
            nb: "Frist: {hours} timer til å nå kunden",
            de: "Frist: {hours} Stunden, um den Kunden zu erreichen",
        },
        Label::OpenCount => Row {
            en: "Open",
            da: "Åbne",
            sv: "Öppna",
            nb: "Åpne",
            de: "Offen",
        },
        Label::Overdue => Row {
            en: "Overdue",
            da: "Forsinkede",
            sv: "Försenade",
            nb: "Forsinket",
            de: "Überfällig",
        },
        Label::MedianToContact => Row {
            en: "Median to contact",
            da: "Median til kontakt",
            sv: "Median till kontakt",
            nb: "Median til kontakt",
            de: "Median bis Kontakt",
        },
        Label::ContactedInTime => Row {
            en: "Contacted in time",
            da: "Kontaktet i tide",
            sv: "Kontaktade i tid",
            nb: "Kontaktet i tide",
            de: "Rechtzeitig kontaktiert",
        },
        Label::Hours => Row {
            en: "{h} h",
            da: "{h} t",
            sv: "{h} h",
            nb: "{h} t",
            de: "{h} Std.",
        },
        Label::Opened => Row {
            en: "Opened",
            da: "Åbnet",
            sv: "Öppnat",
            nb: "Åpnet",
            de: "Eröffnet",
        },
        Label::Comment => Row {
            en: "Comment",
            da: "Kommentar",
            sv: "Kommentar",
            nb: "Kommentar",
            de: "Kommentar",
        },
        Label::Customer => Row {
            en: "Customer",
            da: "Kunde",
            sv: "Kund",
            nb: "Kunde",
            de: "Kunde",
        },
        Label::Status => Row {
            en: "Status",
            da: "Status",
            sv: "Status",
            nb: "Status",
            de: "Status",
        },
        Label::Action => Row {
            en: "Action",
            da: "Handling",
            sv: "Åtgärd",
            nb: "Handling",
            de: "Aktion",
        },
        Label::MarkContacted => Row {
            en: "Mark contacted",
            da: "Markér som kontaktet",
            sv: "Markera som kontaktad",
            nb: "Merk som kontaktet",
            de: "Als kontaktiert markieren",
        },
        Label::OpenCase => Row {
            en: "Open",
            da: "Åbn",
            sv: "Öppna",
            nb: "Åpne",
            de: "Öffnen",
        },
        Label::OpenCaseOf => Row {
            en: "Open the case of {customer}",
            da: "Åbn sagen for {customer}",
            sv: "Öppna ärendet för {customer}",
            nb: "Åpne saken til {customer}",
            de: "Fall von {customer} öffnen",
        },
        Label::OverdueStatus => Row {
            en: "{status} (overdue)",
            da: "{status} (forsinket)",
            sv: "{status} (försenad)",
            nb: "{status} (forsinket)",
            de: "{status} (überfällig)",
        },
        Label::StatusOpen => Row {
            en: "open",
            da: "åben",
            sv: "öppet",
            nb: "åpen",
            de: "offen",
        },
        Label::StatusContacted => Row {
            en: "contacted",
            da: "kontaktet",
            sv: "kontaktad",
            nb: "kontaktet",
            de: "kontaktiert",
        },
        Label::StatusResolved => Row {
            en: "resolved",
            da: "løst",
            sv: "löst",
            nb: "løst",
            de: "gelöst",
        },
        Label::StatusUnreachable => Row {
            en: "unreachable",
            da: "ikke truffet",
            sv: "ej nåbar",
            nb: "ikke nådd",
            de: "nicht erreichbar",
        },
        Label::CaseTitle => Row {
            en: "Case: {status}",
            da: "Sag: {status}",
            sv: "Ärende: {status}",
            nb: "Sak: {status}",
            de: "Fall: {status}",
        },
        Label::AssignedTo => Row {
            en: "Assigned to {name}",
            da: "Tildelt {name}",
            sv: "Tilldelat {name}",
            nb: "Tildelt {name}",
            de: "Zugewiesen an {name}",
        },
        Label::Nobody => Row {
            en: "nobody",
            da: "ingen",
            sv: "ingen",
            nb: "ingen",
            de: "niemanden",
        },
        Label::ResolutionIs => Row {
            en: "Resolution: {text}",
            da: "Løsning: {text}",
            sv: "Lösning: {text}",
            nb: "Løsning: {text}",
            de: "Lösung: {text}",
        },
        Label::History => Row {
            en: "History",
            da: "Historik",
            sv: "Historik",
            nb: "Historikk",
            de: "Verlauf",
        },
        Label::NoNotes => Row {
            en: "No notes yet.",
            da: "Ingen noter endnu.",
            sv: "Inga anteckningar än.",
            nb: "Ingen notater ennå.",
            de: "Noch keine Notizen.",
        },
        Label::KeepStatus => Row {
            en: "Keep as it is",
            da: "Behold som den er",
            sv: "Behåll som det är",
            nb: "Behold som den er",
            de: "Unverändert lassen",
        },
        Label::Assignee => Row {
            en: "Assignee",
            da: "Ansvarlig",
            sv: "Ansvarig",
            nb: "Ansvarlig",
            de: "Zuständig",
        },
        Label::Unassigned => Row {
            en: "Nobody",
            da: "Ingen",
            sv: "Ingen",
            nb: "Ingen",
            de: "Niemand",
        },
        Label::Note => Row {
            en: "Note",
            da: "Note",
            sv: "Anteckning",
            nb: "Notat",
            de: "Notiz",
        },
        Label::ResolutionField => Row {
            en: "Resolution (when resolving)",
            da: "Løsning (ved afslutning)",
            sv: "Lösning (vid avslut)",
            nb: "Løsning (ved avslutning)",
            de: "Lösung (beim Abschließen)",
        },
        Label::Save => Row {
            en: "Save",
            da: "Gem",
            sv: "Spara",
            nb: "Lagre",
            de: "Speichern",
        },
        Label::ExportText => Row {
            en: "The file holds every answer the filters above admit: {n} answers from {from} to {to}.",
            da: "Filen indeholder alle svar, som filtrene ovenfor viser: {n} svar fra {from} til {to}.",
            sv: "Filen innehåller alla svar som filtren ovan visar: {n} svar från {from} till {to}.",
            nb: "Filen inneholder alle svar filtrene over viser: {n} svar fra {from} til {to}.",
            de: "Die Datei enthält jede Antwort, die die Filter oben zeigen: {n} Antworten von {from} bis {to}.",
        },
        Label::Download => Row {
            en: "Download these answers (CSV)",
            da: "Hent disse svar (CSV)",
            sv: "Ladda ned dessa svar (CSV)",
            nb: "Last ned disse svarene (CSV)",
            de: "Diese Antworten herunterladen (CSV)",
        },
        Label::SignInTitle => Row {
            en: "Sign in to Ambassador",
            da: "Log ind på Ambassador",
            sv: "Logga in på Ambassador",
            nb: "Logg inn på Ambassador",
            de: "Bei Ambassador anmelden",
        },
        Label::Name => Row {
            en: "Name",
            da: "Navn",
            sv: "Namn",
            nb: "Navn",
            de: "Name",
        },
        Label::Password => Row {
            en: "Password",
            da: "Adgangskode",
            sv: "Lösenord",
            nb: "Passord",
            de: "Passwort",
        },
        Label::SignIn => Row {
            en: "Sign in",
            da: "Log ind",
            sv: "Logga in",
            nb: "Logg inn",
            de: "Anmelden",
        },
        Label::WrongPassword => Row {
            en: "The name or the password is wrong.",
            da: "Navnet eller adgangskoden er forkert.",
            sv: "Namnet eller lösenordet är fel.",
            nb: "Navnet eller passordet er feil.",
            de: "Name oder Passwort ist falsch.",
        },
        Label::PleaseSignIn => Row {
            en: "Please sign in.",
            da: "Log venligst ind.",
            sv: "Logga in.",
            nb: "Logg inn.",
            de: "Bitte melden Sie sich an.",
        },
        Label::Themes => Row {
            en: "Themes",
            da: "Temaer",
            sv: "Teman",
            nb: "Temaer",
            de: "Themen",
        },
        Label::DetractorDrivers => Row {
            en: "What costs points",
            da: "Det, der koster point",
            sv: "Det som kostar poäng",
            nb: "Det som koster poeng",
            de: "Was Punkte kostet",
        },
        Label::PromoterDrivers => Row {
            en: "What earns points",
            da: "Det, der giver point",
            sv: "Det som ger poäng",
            nb: "Det som gir poeng",
            de: "Was Punkte bringt",
        },
        Label::DriversHelp => Row {
            en: "Each bar is how many NPS points the period would gain (or lose) if the answers mentioning it had scored like the rest; the whiskers are its 95% interval. Only themes and words whose interval leaves out zero are listed.",
            da: "Hver bjælke er, hvor mange NPS-point perioden ville vinde (eller tabe), hvis svarene, der nævner det, havde scoret som resten; stregerne er dets 95 %-interval. Kun temaer og ord, hvis interval udelukker nul, er med.",
            sv: "Varje stapel är hur många NPS-poäng perioden skulle vinna (eller förlora) om svaren som nämner det hade gett samma betyg som resten; strecken är dess 95 %-intervall. Bara teman och ord vars intervall utesluter noll visas.",
            nb: "Hver stolpe er hvor mange NPS-poeng perioden ville vunnet (eller tapt) om svarene som nevner det hadde scoret som resten; strekene er 95 %-intervallet. Bare temaer og ord der intervallet utelukker null, vises.",
            de: "Jeder Balken zeigt, wie viele NPS-Punkte der Zeitraum gewänne (oder verlöre), wenn die Antworten, die es erwähnen, wie die übrigen bewertet hätten; die Striche sind sein 95-%-Intervall. Nur Themen und Wörter, deren Intervall die Null ausschließt, sind aufgeführt.",
        },
        Label::NoDrivers => Row {
            en: "None: no theme or word is certain enough in this period.",
            da: "Ingen: intet tema eller ord er sikkert nok i denne periode.",
            sv: "Inga: inget tema eller ord är tillräckligt säkert under perioden.",
            nb: "Ingen: ingen temaer eller ord er sikre nok i denne perioden.",
            de: "Keine: kein Thema und kein Wort ist in diesem Zeitraum sicher genug.",
        },
        Label::DriverFigures => Row {
            en: "{points} points (95% interval {low} to {high}) · {n} answers · NPS {nps}",
            da: "{points} point (95 %-interval {low} til {high}) · {n} svar · NPS {nps}",
            sv: "{points} poäng (95 %-intervall {low} till {high}) · {n} svar · NPS {nps}",
            nb: "{points} poeng (95 %-intervall {low} til {high}) · {n} svar · NPS {nps}",
            de: "{points} Punkte (95-%-Intervall {low} bis {high}) · {n} Antworten · NPS {nps}",
        },
        Label::StillCounting => Row {
            en: "Still counting older comments: for now these figures cover only part of them.",
            da: "Tæller stadig ældre kommentarer: indtil videre dækker tallene kun en del af dem.",
            sv: "Räknar fortfarande äldre kommentarer: än så länge täcker siffrorna bara en del av dem.",
            nb: "Teller fortsatt eldre kommentarer: foreløpig dekker tallene bare en del av dem.",
            de: "Ältere Kommentare werden noch gezählt: vorerst decken diese Zahlen nur einen Teil davon ab.",
        },
        Label::ThemeTrend => Row {
            en: "A theme over the period",
            da: "Et tema over perioden",
            sv: "Ett tema över perioden",
            nb: "Et tema over perioden",
            de: "Ein Thema im Zeitraum",
        },
        Label::Theme => Row {
            en: "Theme",
            da: "Tema",
            sv: "Tema",
            nb: "Tema",
            de: "Thema",
        },
        Label::NotMentioned => Row {
            en: "No answer of the period mentions {theme}.",
            da: "Intet svar i perioden nævner {theme}.",
            sv: "Inget svar under perioden nämner {theme}.",
            nb: "Ingen svar i perioden nevner {theme}.",
            de: "Keine Antwort des Zeitraums erwähnt {theme}.",
        },
        Label::MostMentioned => Row {
            en: "Most mentioned words",
            da: "Mest nævnte ord",
            sv: "Mest nämnda ord",
            nb: "Mest nevnte ord",
            de: "Am häufigsten genannte Wörter",
        },
        Label::TermFigures => Row {
            en: "{n} answers · NPS {nps}",
            da: "{n} svar · NPS {nps}",
            sv: "{n} svar · NPS {nps}",
            nb: "{n} svar · NPS {nps}",
            de: "{n} Antworten · NPS {nps}",
        },
        Label::WhatDrivesIt => Row {
            en: "What drives the score",
            da: "Hvad driver scoren",
            sv: "Vad som driver betyget",
            nb: "Hva som driver scoren",
            de: "Was den Wert bestimmt",
        },
        Label::AllThemes => Row {
            en: "All themes and words",
            da: "Alle temaer og ord",
            sv: "Alla teman och ord",
            nb: "Alle temaer og ord",
            de: "Alle Themen und Wörter",
        },
        Label::Unreachable => Row {
            en: "The server could not be reached ({why}). Try again.",
            da: "Serveren kunne ikke nås ({why}). Prøv igen.",
            sv: "Servern kunde inte nås ({why}). Försök igen.",
            nb: "Serveren kunne ikke nås ({why}). Prøv igjen.",
            de: "Der Server war nicht erreichbar ({why}). Bitte erneut versuchen.",
        },
        Label::Wallboards => Row {
            en: "Wallboards",
            da: "Tavler",
            sv: "Tavlor",
            nb: "Tavler",
            de: "Anzeigetafeln",
        },
        Label::WallboardsIntro => Row {
            en: "A wallboard shows one team's NPS on a screen through a read-only link, without signing in. Anyone with the link sees the team's figures and praise until it expires or is revoked.",
            da: "En tavle viser ét holds NPS på en skærm via et skrivebeskyttet link, uden login. Alle med linket ser holdets tal og ros, indtil det udløber eller tilbagekaldes.",
            sv: "En tavla visar ett teams NPS på en skärm via en skrivskyddad länk, utan inloggning. Alla med länken ser teamets siffror och beröm tills den löper ut eller återkallas.",
            nb: "En tavle viser ett teams NPS på en skjerm via en skrivebeskyttet lenke, uten innlogging. Alle med lenken ser teamets tall og ros til den utløper eller trekkes tilbake.",
            de: "Eine Anzeigetafel zeigt den NPS eines Teams über einen schreibgeschützten Link auf einem Bildschirm, ohne Anmeldung. Wer den Link hat, sieht die Zahlen und das Lob des Teams, bis er abläuft oder widerrufen wird.",
        },
        Label::WallboardsAgentsOnly => Row {
            en: "Only agents make, see and revoke wallboards: a wallboard's link shows the team's figures to anyone who has it.",
            da: "Kun agenter opretter, ser og tilbagekalder tavler: en tavles link viser holdets tal for alle, der har det.",
            sv: "Endast handläggare skapar, ser och återkallar tavlor: en tavlas länk visar teamets siffror för alla som har den.",
            nb: "Bare saksbehandlere oppretter, ser og trekker tilbake tavler: en tavles lenke viser teamets tall til alle som har den.",
            de: "Nur Bearbeiter erstellen, sehen und widerrufen Anzeigetafeln: Der Link einer Anzeigetafel zeigt jedem, der ihn hat, die Zahlen des Teams.",
        },
        Label::NewWallboard => Row {
            en: "New wallboard",
            da: "Ny tavle",
            sv: "Ny tavla",
            nb: "Ny tavle",
            de: "Neue Anzeigetafel",
        },
        Label::WallboardLabel => Row {
            en: "Name on the screen",
            da: "Navn på skærmen",
            sv: "Namn på skärmen",
            nb: "Navn på skjermen",
            de: "Name auf der Anzeige",
        },
        Label::Team => Row {
            en: "Team",
            da: "Hold",
            sv: "Team",
            nb: "Team",
            de: "Team",
        },
        Label::AllAnswers => Row {
            en: "All answers",
            da: "Alle svar",
            sv: "Alla svar",
            nb: "Alle svar",
            de: "Alle Antworten",
        },
        Label::ScreenLanguage => Row {
            en: "Language of the screen",
            da: "Skærmens sprog",
            sv: "Skärmens språk",
            nb: "Skjermens språk",
            de: "Sprache der Anzeige",
        },
        Label::ExpiresInDays => Row {
            en: "The link works for (days)",
            da: "Linket virker i (dage)",
            sv: "Länken fungerar i (dagar)",
            nb: "Lenken virker i (dager)",
            de: "Der Link gilt (Tage)",
        },
        Label::CreateWallboard => Row {
            en: "Make the link",
            da: "Opret linket",
            sv: "Skapa länken",
            nb: "Opprett lenken",
            de: "Link erstellen",
        },
        Label::NewLinkFor => Row {
            en: "The link to the screen {label}:",
            da: "Linket til skærmen {label}:",
            sv: "Länken till skärmen {label}:",
            nb: "Lenken til skjermen {label}:",
            de: "Der Link zur Anzeige {label}:",
        },
        Label::CopyLink => Row {
            en: "Copy link",
            da: "Kopiér link",
            sv: "Kopiera länk",
            nb: "Kopier lenke",
            de: "Link kopieren",
        },
        Label::CopyLinkOf => Row {
            en: "Copy the link of {label}",
            da: "Kopiér linket til {label}",
            sv: "Kopiera länken till {label}",
            nb: "Kopier lenken til {label}",
            de: "Link von {label} kopieren",
        },
        Label::Copied => Row {
            en: "Copied.",
            da: "Kopieret.",
            sv: "Kopierad.",
            nb: "Kopiert.",
            de: "Kopiert.",
        },
        Label::CopyFailed => Row {
            en: "Could not copy: select the link and copy it.",
            da: "Kunne ikke kopiere: markér linket, og kopiér det.",
            sv: "Kunde inte kopiera: markera länken och kopiera den.",
            nb: "Kunne ikke kopiere: merk lenken og kopier den.",
            de: "Kopieren nicht möglich: Markieren Sie den Link und kopieren Sie ihn.",
        },
        Label::Revoke => Row {
            en: "Revoke",
            da: "Tilbagekald",
            sv: "Återkalla",
            nb: "Trekk tilbake",
            de: "Widerrufen",
        },
        Label::RevokeOf => Row {
            en: "Revoke {label}",
            da: "Tilbagekald {label}",
            sv: "Återkalla {label}",
            nb: "Trekk tilbake {label}",
            de: "{label} widerrufen",
        },
        Label::ConfirmRevoke => Row {
            en: "Revoke {label}? Its screen stops showing figures at once, and the link cannot be restored.",
            da: "Tilbagekald {label}? Skærmen holder straks op med at vise tal, og linket kan ikke gendannes.",
            sv: "Återkalla {label}? Skärmen slutar genast visa siffror, och länken kan inte återställas.",
            nb: "Trekke tilbake {label}? Skjermen slutter straks å vise tall, og lenken kan ikke gjenopprettes.",
            de: "{label} widerrufen? Die Anzeige zeigt sofort keine Zahlen mehr, und der Link lässt sich nicht wiederherstellen.",
        },
        Label::YesRevoke => Row {
            en: "Yes, revoke",
            da: "Ja, tilbagekald",
            sv: "Ja, återkalla",
            nb: "Ja, trekk tilbake",
            de: "Ja, widerrufen",
        },
        Label::Cancel => Row {
            en: "Cancel",
            da: "Annullér",
            sv: "Avbryt",
            nb: "Avbryt",
            de: "Abbrechen",
        },
        Label::NoWallboards => Row {
            en: "No wallboards yet.",
            da: "Ingen tavler endnu.",
            sv: "Inga tavlor ännu.",
            nb: "Ingen tavler ennå.",
            de: "Noch keine Anzeigetafeln.",
        },
        Label::WallboardFacts => Row {
            en: "Expires {expires} · made by {name} on {made}",
            da: "Udløber {expires} · oprettet af {name} den {made}",
            sv: "Löper ut {expires} · skapad av {name} den {made}",
            nb: "Utløper {expires} · opprettet av {name} den {made}",
            de: "Läuft ab am {expires} · erstellt von {name} am {made}",
        },
        Label::WallboardRevoked => Row {
            en: "{label} was revoked.",
            da: "{label} blev tilbagekaldt.",
            sv: "{label} återkallades.",
            nb: "{label} ble trukket tilbake.",
            de: "{label} wurde widerrufen.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders in a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_offered_language_has_every_label_with_its_placeholders() {
        for label in Label::ALL {
            let english = placeholders(text(Locale::En, label));
            for locale in LANGUAGES {
                let translated = text(locale, label);
                assert!(!translated.trim().is_empty(), "{locale} {label:?} is empty");
                assert_eq!(placeholders(translated), english, "{locale} {label:?}");
            }
        }
    }

    #[test]
    fn all_lists_each_label_once() {
        for (i, label) in Label::ALL.iter().enumerate() {
            assert!(!Label::ALL[..i].contains(label), "{label:?} twice");
        }
    }

    #[test]
    fn languages_not_offered_read_english() {
        assert_eq!(offered(Locale::Fr), Locale::En);
        assert_eq!(offered(Locale::Sv), Locale::Sv);
        assert_eq!(text(Locale::Nl, Label::Overview), "Overview");
        assert_eq!(text(Locale::Sv, Label::Overview), "Översikt");
    }
}
