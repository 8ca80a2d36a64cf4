//! Reading a request body without ever holding more than the limit.

use futures_util::StreamExt;
use worker::Request;

use crate::ApiError;

/// Reads the body up to `limit` bytes. A declared or actual larger body is
/// refused as soon as that is known, so a 1 GiB upload costs us nothing.
pub async fn read_limited(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > limit => return Err(ApiError::BodyTooLarge { limit }),
        // HTTP framing holds a body to its declared length, so it can be
        // read whole: one promise instead of a stream and one per chunk.
        Some(_) => {
            return req
                .bytes()
                .await
                .map_err(|e| ApiError::Unavailable(e.to_string()))
        }
        None => {}
    }
    // A request without a body has no stream: that is an empty body.
    let Ok(mut stream) = req.stream() else {
        return Ok(Vec::new());
    };
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::Unavailable(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::BodyTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
