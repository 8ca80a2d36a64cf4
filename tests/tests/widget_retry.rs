//! Retry with backoff inside the page, against a flaky edge: a small HTTP
//! server on loopback, which this test controls, stands between the widget and
//! the real Worker. It forwards every request, but replaces the Worker's
//! answer to the first `POST /v1/responses` with a 503: the answer is stored,
//! the acknowledgement is lost. The widget must wait, send the same answer
//! again by itself, be told 200 (already stored) and thank the customer; D1
//! must hold exactly one row. And when the browser says it is back online,
//! the widget sends at once instead of sitting out its backoff: its own
//! answer, and an answer an earlier visit left behind.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ambassador_tests::page::{click_score, comment_and_send, outbox_emptied, thanks};
use ambassador_tests::{browser, host, http, new_id, rows_with_comment, worker_url};
use fantoccini::Client;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request as read off the socket.
struct Incoming {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Incoming> {
    let mut line = String::new();
    stream.read_line(&mut line).await.ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        stream.read_line(&mut header).await.ok()?;
        let Some((name, value)) = header.trim_end().split_once(':') else {
            break;
        };
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(Incoming {
        method,
        path,
        headers,
        body,
    })
}

/// Forwards `request` to the Worker and returns status, headers and body.
async fn forward(request: &Incoming) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).expect("a method");
    let mut outgoing = http().request(method, format!("{}{}", worker_url(), request.path));
    for (name, value) in &request.headers {
        if name != "host" && name != "content-length" && name != "connection" {
            outgoing = outgoing.header(name, value);
        }
    }
    let response = outgoing
        .body(request.body.clone())
        .send()
        .await
        .expect("Worker answers");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter(|(n, _)| {
            !["content-length", "connection", "transfer-encoding"].contains(&n.as_str())
        })
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    (
        status,
        headers,
        response.bytes().await.expect("a body").to_vec(),
    )
}

/// What the test controls: answers seen, and how many acknowledgements to lose.
#[derive(Default)]
struct Flaky {
    posts: AtomicUsize,
    lose: AtomicUsize,
}

/// Starts the flaky proxy losing the first `lose` acknowledgements; returns
/// its port.
async fn flaky(lose: usize) -> (u16, Arc<Flaky>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("bound").port();
    let state = Arc::new(Flaky {
        lose: AtomicUsize::new(lose),
        ..Flaky::default()
    });
    let shared = state.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, shared.clone()));
        }
    });
    (port, state)
}

/// Serves one connection: forward, but lose an acknowledgement while told to.
async fn serve(stream: TcpStream, flaky: Arc<Flaky>) {
    let mut stream = BufReader::new(stream);
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let (mut status, headers, mut body) = forward(&request).await;
    let lost = request.method == "POST" && {
        flaky.posts.fetch_add(1, Ordering::SeqCst);
        let less = flaky
            .lose
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        less.is_ok()
    };
    if lost {
        status = 503;
        body = br#"{"error":{"code":"unavailable","message":"lost on the way"}}"#.to_vec();
    }
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let stream = stream.get_mut();
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
}

const HOST: &str = ".ambassador-survey";

/// A page whose widget talks to the Worker through a flaky proxy.
struct Answered {
    client: Client,
    flaky: Arc<Flaky>,
    page: String,
    comment: String,
}

/// Opens the demo survey behind a proxy losing the first `lose`
/// acknowledgements and sends `score` with a fresh comment starting `label`.
async fn answer_through_flaky(lose: usize, score: usize, label: &str) -> Answered {
    let (port, flaky) = flaky(lose).await;
    let client = browser().await;
    let page = format!("/embed.html?survey=demo&touchpoint=web&endpoint=http://127.0.0.1:{port}");
    client.goto(&host::page(&page)).await.expect("page loads");
    click_score(&client, HOST, score).await;
    let comment = format!("{label} {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    Answered {
        client,
        flaky,
        page,
        comment,
    }
}

#[tokio::test]
async fn lost_acknowledgement_is_retried_and_stored_once() {
    let Answered {
        client,
        flaky,
        comment,
        ..
    } = answer_through_flaky(1, 5, "flaky").await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
    assert_eq!(
        flaky.posts.load(Ordering::SeqCst),
        2,
        "one lost acknowledgement, one retry"
    );
    outbox_emptied(&client).await;
    assert_eq!(stored(&comment), 1, "stored once");
    client.close().await.expect("session closes");
}

/// Waits until the proxy has seen `posts` answers, all lost.
async fn failed_posts(flaky: &Flaky, posts: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while flaky.posts.load(Ordering::SeqCst) < posts {
        assert!(Instant::now() < deadline, "the widget retries by itself");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Tells the page the browser is back online (the proxy stops losing
/// answers) and returns when that happened.
async fn back_online(client: &Client, flaky: &Flaky) -> Instant {
    flaky.lose.store(0, Ordering::SeqCst);
    let online = Instant::now();
    client
        .execute(
            "window.dispatchEvent(new Event('online')); return true;",
            vec![],
        )
        .await
        .expect("script runs");
    online
}

fn stored(comment: &str) -> usize {
    rows_with_comment(comment).len()
}

/// Failures after 0, 1, 3 and 7 s; the next try would wait 8 s more, so
/// anything sent within this of the `online` event was sent because of it.
const SOONER_THAN_BACKOFF: Duration = Duration::from_secs(4);

#[tokio::test]
async fn back_online_sends_at_once() {
    let Answered {
        client,
        flaky,
        comment,
        ..
    } = answer_through_flaky(usize::MAX, 9, "online").await;
    failed_posts(&flaky, 4).await;
    let online = back_online(&client, &flaky).await;
    thanks(&client, HOST).await;
    let waited = online.elapsed();
    assert!(
        waited < SOONER_THAN_BACKOFF,
        "sent when back online, not after the 8 s backoff: {waited:?}"
    );
    assert_eq!(flaky.posts.load(Ordering::SeqCst), 5);
    assert_eq!(stored(&comment), 1, "stored once");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn earlier_answer_is_sent_when_back_online() {
    let Answered {
        client,
        flaky,
        page,
        comment,
    } = answer_through_flaky(usize::MAX, 3, "leftover").await;
    failed_posts(&flaky, 1).await;

    // The next visit: the survey is quiet now, the answer still waits.
    client.goto(&host::page(&page)).await.expect("page loads");
    let from_next_visit = flaky.posts.load(Ordering::SeqCst);
    failed_posts(&flaky, from_next_visit + 4).await;
    let online = back_online(&client, &flaky).await;
    outbox_emptied(&client).await;
    let waited = online.elapsed();
    assert!(
        waited < SOONER_THAN_BACKOFF,
        "sent when back online, not after the 8 s backoff: {waited:?}"
    );
    assert_eq!(stored(&comment), 1, "stored once");
    client.close().await.expect("session closes");
}
