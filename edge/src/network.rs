//! Where a request came from, as Cloudflare describes it (`request.cf`),
//! for the scanner rule's network sign (`shared::link::networks`).

use ambassador_shared::link::networks::Network;
use worker::Request;

/// The longest verified-bot category kept (`MAX_NETWORK_CHARS` of the
/// intake envelope holds `bot: ` and this).
const MAX_CATEGORY_CHARS: usize = 40;

/// The request's network. Local workerd knows none (it reports a
/// placeholder), so the test build alone lets a test play a scanner with
/// the headers `ambassador-test-asn`, `ambassador-test-as-organization`
/// and `ambassador-test-bot-category`; the deployed Worker never reads them.
pub fn of(req: &Request) -> Network {
    let cf = req.cf();
    let network = Network {
        asn: cf.and_then(|cf| cf.asn()),
        organization: cf.and_then(|cf| cf.as_organization()),
        verified_bot_category: cf
            .and_then(|cf| cf.verified_bot_category())
            .map(|c| c.chars().take(MAX_CATEGORY_CHARS).collect()),
    };
    #[cfg(feature = "testing")]
    let network = played(req).unwrap_or(network);
    network
}

/// The network a test plays, when it sets `ambassador-test-asn`.
#[cfg(feature = "testing")]
fn played(req: &Request) -> Option<Network> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    Some(Network {
        asn: Some(header("ambassador-test-asn")?.parse().ok()?),
        organization: header("ambassador-test-as-organization"),
        verified_bot_category: header("ambassador-test-bot-category"),
    })
}
