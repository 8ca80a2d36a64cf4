//! A webhook receiver on a loopback port: the far end of forwarding, which we
//! do not own, as a real HTTP server the Worker in workerd delivers to.
//!
//! Each path answers from a script (e.g. 503, then hang past the Worker's
//! timeout, then 200) and then with its standing reply; every request is
//! logged with the reply it got, so tests can check what arrived, when, how
//! often, and whether any event was accepted twice.
//!
//! It runs on the test's tokio runtime: use a multi-threaded one
//! (`#[tokio::test(flavor = "multi_thread")]`) when the test also blocks, e.g.
//! reading D1 (`d1` waits for curl), or the receiver stops answering meanwhile.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ambassador_shared::forward::signature::{verify, WebhookSecret};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How the receiver answers one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Answer at once with this status.
    Status(u16),
    /// Say nothing for this long (past the sender's timeout), then 200.
    Hang(Duration),
}

/// One request as it arrived, and how it was answered.
#[derive(Debug, Clone)]
pub struct Received {
    /// E.g. `/cs`.
    pub path: String,
    /// Header names lowercase.
    pub headers: HashMap<String, String>,
    /// The raw body, as signed.
    pub body: Vec<u8>,
    /// When it arrived.
    pub at: Instant,
    /// The reply it got.
    pub reply: Reply,
}

impl Received {
    /// The `webhook-id` header (the event id), or "".
    pub fn id(&self) -> &str {
        self.headers.get("webhook-id").map_or("", String::as_str)
    }

    /// True when the sender was told it was delivered.
    pub fn accepted(&self) -> bool {
        matches!(self.reply, Reply::Status(200..=299))
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    /// The body as JSON, once its Standard Webhooks signature is verified
    /// with the Worker's local `CS_WEBHOOK_SECRET`.
    pub fn verified(&self) -> serde_json::Value {
        let secret =
            WebhookSecret::parse(&crate::dev_var("CS_WEBHOOK_SECRET")).expect("a whsec_ secret");
        let headers = &self.headers;
        verify(
            &secret,
            self.id(),
            &headers["webhook-timestamp"],
            &self.body,
            &headers["webhook-signature"],
            crate::unix_now(),
        )
        .expect("signed with CS_WEBHOOK_SECRET");
        self.json()
    }
}

#[derive(Default)]
struct State {
    scripts: HashMap<String, VecDeque<Reply>>,
    standing: HashMap<String, Reply>,
    bodies: HashMap<String, Bytes>,
    log: Vec<Received>,
}

/// A running receiver; it stops when dropped.
pub struct Receiver {
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl Receiver {
    /// Listens on `127.0.0.1:port` (the port the test survey's destinations
    /// name in surveys.toml). Every path answers 200 until told otherwise.
    pub async fn start(port: u16) -> Receiver {
        // The previous test's receiver on this port lets go when its task,
        // aborted on drop, is next polled by its runtime: give it a moment.
        let mut tries = 0;
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", port)).await {
                Ok(listener) => break listener,
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && tries < 40 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("port {port} is free for the test receiver: {e}"),
            }
        };
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| answer(state.clone(), req));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Receiver { state, task }
    }

    /// `path` answers with `replies` in order, then with its standing reply.
    pub fn script(&self, path: &str, replies: &[Reply]) {
        self.lock()
            .scripts
            .insert(path.to_owned(), replies.iter().copied().collect());
    }

    /// `path` answers `reply` whenever no script says otherwise.
    pub fn always(&self, path: &str, reply: Reply) {
        self.lock().standing.insert(path.to_owned(), reply);
    }

    /// `path` answers with `json` as its body from now on (e.g. a key set
    /// the Worker fetches).
    pub fn serve_json(&self, path: &str, json: &serde_json::Value) {
        let body = Bytes::from(json.to_string());
        self.lock().bodies.insert(path.to_owned(), body);
    }

    /// Every request to `path` so far, in arrival order.
    pub fn requests(&self, path: &str) -> Vec<Received> {
        let log = &self.lock().log;
        log.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// Polls `done` every 100 ms for at most `limit`; true once it holds.
    pub async fn wait_until(&self, limit: Duration, done: impl Fn(&Receiver) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if done(self) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        done(self)
    }

    /// How many requests to `path` were accepted, and how many of those
    /// carried an id already accepted before (should be none).
    pub fn accepted_and_repeats(&self, path: &str) -> (usize, usize) {
        let log = &self.lock().log;
        let mut seen = std::collections::HashSet::new();
        let accepted = log.iter().filter(|r| r.path == path && r.accepted());
        let (mut total, mut repeats) = (0, 0);
        for r in accepted {
            total += 1;
            if !seen.insert(r.id().to_owned()) {
                repeats += 1;
            }
        }
        (total, repeats)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = req.uri().path().to_owned();
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = match req.into_body().collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    let (reply, served) = {
        let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
        let served = state.bodies.get(&path).cloned().unwrap_or_default();
        let scripted = state.scripts.get_mut(&path).and_then(VecDeque::pop_front);
        let standing = state.standing.get(&path).copied();
        let reply = scripted.or(standing).unwrap_or(Reply::Status(200));
        state.log.push(Received {
            path,
            headers,
            body,
            at: Instant::now(),
            reply,
        });
        (reply, served)
    };
    let status = match reply {
        Reply::Status(status) => status,
        Reply::Hang(pause) => {
            tokio::time::sleep(pause).await;
            200
        }
    };
    let mut response = Response::new(Full::new(served));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    Ok(response)
}
