//! The webmaster's site: the host pages of `tests/pages`, served from their
//! own origin, as a shop embeds the widget from the Worker's.
//!
//! A real site and the Worker are different origins, so the widget's files,
//! texts and answers all cross origins; a test that served its host page from
//! the Worker could never see a missing CORS header. The site is
//! `http://localhost:<free port>` and the Worker `http://127.0.0.1:<port>`:
//! different origins and different sites. The test surveys allow
//! `http://localhost`, which admits any port of it.
//!
//! Every page is sent with the Content-Security-Policy the README tells
//! webmasters to write (the Worker's origin in `script-src` and `connect-src`,
//! `'wasm-unsafe-eval'`, nothing inline), so every widget test also runs under
//! a strict policy. `{{WORKER}}` in a page stands for the Worker's URL.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::OnceLock;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::worker_url;

/// The URL of `path` (e.g. `/embed.html?survey=demo`) on the shop's site.
pub fn page(path: &str) -> String {
    format!("{}{path}", origin())
}

/// The shop's origin, `http://localhost:<port>`. Its server starts on first
/// use and serves for the life of the test process.
pub fn origin() -> String {
    static PORT: OnceLock<u16> = OnceLock::new();
    let port = PORT.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime for the host site");
            runtime.block_on(serve(tx));
        });
        rx.recv().expect("the host site binds a port")
    });
    format!("http://localhost:{port}")
}

async fn serve(port: std::sync::mpsc::Sender<u16>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port for the host site");
    let bound = listener.local_addr().expect("bound").port();
    port.send(bound).expect("the test waits for the port");
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(async move {
            let service = service_fn(|req| async move { Ok::<_, Infallible>(answer(&req)) });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn answer(req: &Request<Incoming>) -> Response<Full<Bytes>> {
    let name = req.uri().path().trim_start_matches('/');
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("pages")
        .join(name);
    let Some(text) = safe.then(|| std::fs::read_to_string(&file).ok()).flatten() else {
        return status(404, "no such page in tests/pages");
    };
    let worker = worker_url();
    let mut response = Response::new(Full::new(Bytes::from(text.replace("{{WORKER}}", &worker))));
    let headers = response.headers_mut();
    let content_type = match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let policy = policy(&worker, req.uri().query().unwrap_or_default());
    for (name, value) in [
        ("content-type", content_type),
        ("cache-control", "no-store"),
        ("content-security-policy", &policy),
        // The strictest embedding: a cross-origin isolated page loads only
        // what its origin's server marks as embeddable (CORP) or allows by CORS.
        ("cross-origin-embedder-policy", "require-corp"),
        ("cross-origin-opener-policy", "same-origin"),
    ] {
        headers.insert(name, value.parse().expect("a valid header value"));
    }
    response
}

/// The page's Content-Security-Policy, as the README tells webmasters to
/// write it: the Worker in `script-src` and `connect-src`, and the
/// `endpoint` the page's query points the widget at (the tests' flaky
/// proxy), if any. `forget=connect-src` in the query leaves the Worker out
/// of `connect-src`, the mistake a webmaster makes most.
fn policy(worker: &str, query: &str) -> String {
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_default()
    };
    let connect = match param("forget") {
        "connect-src" => "'self'".to_owned(),
        _ => format!("{worker} {}", param("endpoint")),
    };
    format!(
        "default-src 'none'; script-src 'self' {worker} 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src {connect}; img-src 'self'; base-uri 'none'; form-action 'none'"
    )
}

fn status(code: u16, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = hyper::StatusCode::from_u16(code).unwrap_or_default();
    response
}
