//! One attempt at one delivery: the request its destination expects, sent
//! with a deadline, and what the reply means.

use std::pin::pin;
use std::time::Duration;

use ambassador_shared::forward::signature::{self, WebhookSecret, HEADER_ID};
use ambassador_shared::forward::{slack_message, Delivery, Event, ReplyOutcome};
use ambassador_shared::survey::{Destination, DestinationKind, SurveyDefinition};
use ambassador_shared::team_digest::slack as team_digest_slack;
use futures_util::future::{select, Either};
use worker::{AbortController, Date, Delay, Env, Fetch, Headers, Method, Request, RequestInit};

use super::ForwardError;
use crate::surveys;

/// The result of one attempt: what to do next, and a line for the record.
pub struct Attempt {
    /// Delivered, stop, retry or reject.
    pub outcome: ReplyOutcome,
    /// E.g. `the destination answered 503`, `no answer within 10s`.
    pub detail: String,
    /// The reply's status, when there was a reply.
    pub status: Option<u16>,
}

/// Sends `delivery` once, waiting at most `timeout` for the reply.
pub async fn send(
    env: &Env,
    delivery: &Delivery,
    timeout: Duration,
) -> Result<Attempt, ForwardError> {
    let (survey, destination) = destination(delivery)?;
    let request = request(env, delivery, survey, destination)?;
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let sending = pin!(fetch.send_with_signal(&signal));
    let deadline = pin!(Delay::from(timeout));
    let reply = select(sending, deadline).await;
    Ok(match reply {
        Either::Left((Ok(response), _)) => {
            let status = response.status_code();
            Attempt {
                outcome: ReplyOutcome::of_status(status),
                detail: format!("the destination answered {status}"),
                status: Some(status),
            }
        }
        Either::Left((Err(error), _)) => Attempt {
            outcome: ReplyOutcome::Retry,
            detail: format!("the request failed: {error}"),
            status: None,
        },
        Either::Right(((), _)) => {
            controller.abort();
            Attempt {
                outcome: ReplyOutcome::Retry,
                detail: format!("no answer within {}s", timeout.as_secs()),
                status: None,
            }
        }
    })
}

/// The survey and the destination as it defines them now.
fn destination(
    delivery: &Delivery,
) -> Result<(&'static SurveyDefinition, &'static Destination), ForwardError> {
    let survey_id = delivery.event.survey_id();
    let survey =
        surveys::get(survey_id).map_err(|_| ForwardError::UnknownSurvey(survey_id.to_owned()))?;
    let destination = survey
        .destinations
        .iter()
        .find(|d| d.id == delivery.destination_id)
        .ok_or_else(|| ForwardError::UnknownDestination(delivery.destination_id.clone()))?;
    Ok((survey, destination))
}

/// A POST of the event: signed JSON for webhooks; for Slack, its message
/// format, unsigned but with `webhook-id` so any receiver can drop repeats.
fn request(
    env: &Env,
    delivery: &Delivery,
    survey: &SurveyDefinition,
    destination: &Destination,
) -> Result<Request, ForwardError> {
    let event = &delivery.event;
    let id = event.id();
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    let body = match &destination.kind {
        DestinationKind::Webhook { secret_env } => {
            let body = serde_json::to_string(event).map_err(runtime)?;
            let secret = secret(env, secret_env)?;
            let now = Date::now().as_millis() / 1000;
            for (name, value) in signature::headers(&secret, id, now, body.as_bytes()) {
                headers.set(name, &value)?;
            }
            body
        }
        DestinationKind::Slack => {
            headers.set(HEADER_ID, id)?;
            match event {
                Event::Response(event) => slack_message(event),
                Event::TeamDigest(digest) => {
                    team_digest_slack::slack_message(digest, &survey.brand)
                }
            }
            .to_string()
        }
    };
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(body.into()));
    let url = destination
        .resolve_url(|name| env.secret(name).ok().map(|value| value.to_string()))
        .map_err(ForwardError::Url)?;
    Ok(Request::new_with_init(&url, &init)?)
}

fn secret(env: &Env, name: &str) -> Result<WebhookSecret, ForwardError> {
    let text = env
        .secret(name)
        .map_err(|_| ForwardError::MissingSecret(name.to_owned()))?
        .to_string();
    WebhookSecret::parse(&text).map_err(|why| ForwardError::BadSecret(name.to_owned(), why))
}

fn runtime(error: serde_json::Error) -> ForwardError {
    ForwardError::Runtime(error.to_string())
}
