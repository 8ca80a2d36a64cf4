//! Talking to the edge: the only module that knows URLs and status codes.

use ambassador_shared::Submission;
use gloo_net::http::Request;

/// Sends one answer. `Ok` once the edge has stored it (new or already there);
/// `Err` carries a short reason for the retry message.
pub async fn send(endpoint: &str, submission: &Submission) -> Result<(), String> {
    let url = format!("{}/v1/responses", endpoint.trim_end_matches('/'));
    let response = Request::post(&url)
        .json(submission)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    match response.status() {
        200 | 201 => Ok(()),
        status => Err(format!("the server answered {status}")),
    }
}
