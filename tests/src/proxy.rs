//! A recording proxy on a loopback port in front of the Worker: a browser
//! opens the Worker's pages through it, and the test reads the head of
//! every request the browser sent, headers as they left the browser (what
//! a page cannot fake, e.g. whether a cookie rode along).
//!
//! Plain HTTP/1.1 relayed as bytes: each request goes to the Worker on a
//! connection of its own, asked to close, and its answer is relayed whole.
//! Only for requests without a body (a page, its files, its figures).

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request's head as the browser sent it.
#[derive(Debug, Clone)]
pub struct Head {
    /// `GET /wall/…/figures HTTP/1.1`.
    pub line: String,
    /// Each header, its name in lowercase.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The value of header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The running proxy and what went through it.
pub struct Proxy {
    /// `http://127.0.0.1:<port>`: open the Worker's pages under this.
    pub url: String,
    heads: Arc<Mutex<Vec<Head>>>,
}

impl Proxy {
    /// Starts relaying to the Worker at `upstream` (`http://host:port`).
    pub async fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = heads.clone();
        tokio::spawn(async move {
            while let Ok((browser, _)) = listener.accept().await {
                tokio::spawn(relay(browser, upstream.clone(), recorded.clone()));
            }
        });
        Proxy {
            url: format!("http://127.0.0.1:{port}"),
            heads,
        }
    }

    /// Every request head so far, oldest first.
    pub fn heads(&self) -> Vec<Head> {
        self.heads.lock().map(|h| h.clone()).unwrap_or_default()
    }
}

/// Relays the browser's first request on a connection, then closes it
/// (the Worker closed too): the browser opens another for the next.
async fn relay(mut browser: TcpStream, upstream: String, heads: Arc<Mutex<Vec<Head>>>) {
    let mut raw = Vec::new();
    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        let mut chunk = [0u8; 4096];
        match browser.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.split("\r\n");
    let line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut forwarded = format!("{line}\r\n");
    for (name, value) in headers.iter().filter(|(n, _)| n != "connection") {
        forwarded.push_str(&format!("{name}: {value}\r\n"));
    }
    forwarded.push_str("connection: close\r\n\r\n");
    if let Ok(mut heads) = heads.lock() {
        heads.push(Head { line, headers });
    }
    let Ok(mut worker) = TcpStream::connect(&upstream).await else {
        return;
    };
    let mut answer = Vec::new();
    if worker.write_all(forwarded.as_bytes()).await.is_ok()
        && worker.read_to_end(&mut answer).await.is_ok()
    {
        let _ = browser.write_all(&answer).await;
    }
}
