//! The cross-part tests, as one binary: a 2-core machine links once, not
//! once per file. Each module meets one part of the product the way its
//! users do: `edge_*` over HTTP against the Worker in workerd and its local
//! D1, `forward_*` with webhook receivers on loopback, `widget_*` and
//! `browser` in headless Chromium on host pages of another origin,
//! `switch_*` with a test switch of the edge flipped (after all others, one
//! at a time). Select by module path: `cargo xtask test widget_popup`.

mod browser;
mod dashboard_access;
mod dashboard_cases;
mod dashboard_cloudflare_access;
mod dashboard_overview;
mod dashboard_themes;
mod dashboard_views;
mod dashboard_wallboards;
mod edge_api;
mod edge_cases;
mod edge_comments;
mod edge_cors;
mod edge_erasure;
mod edge_invitations;
mod edge_link_pages;
mod edge_links;
mod edge_logs;
mod edge_openapi;
mod edge_rate_limit;
mod edge_reports;
mod edge_scanner;
mod edge_session;
mod edge_surveys;
mod edge_themes;
mod email_scale;
mod forward_burst;
mod forward_cases;
mod forward_dead_letters;
mod forward_delivery;
mod forward_updates;
mod local_time;
mod staff_digest;
mod staff_wallboard;
mod switch_cases;
mod switch_forward;
mod switch_intake;
mod switch_schemathesis;
mod widget_a11y;
mod widget_email;
mod widget_engines;
mod widget_isolation;
mod widget_locale;
mod widget_outbox;
mod widget_popup;
mod widget_retry;
mod widget_survey;
