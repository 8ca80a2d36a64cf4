//! The networks mail filters click from: one place for the list, and for
//! where each entry comes from.
//!
//! Some mail filters open a single link of a message, a minute or more
//! after delivery, with an ordinary browser's user agent: one click, no
//! hidden link, not soon after minting, so none of the other signs of
//! [`super::scanner`] catches them. What they cannot hide is where they
//! run: their own or a cloud provider's autonomous system. A click from one
//! of those waits for corroboration (a person's later click from another
//! network, or a confirmation on the landing page) instead of counting.
//!
//! A person can click from there too (someone on a VPN hosted at a cloud
//! provider, an employee of one of these companies on its own network):
//! their click waits like a scanner's, and their confirmation on the
//! landing page counts it, as it counts any held click. A survey can turn
//! the sign off (`scanner_networks = false` in `surveys.toml`).
//!
//! Entries match Cloudflare's description of the request (`request.cf`):
//! the autonomous system number (`asn`) or the organization registered for
//! it (`asOrganization`, matched as a case-insensitive word prefix, so a
//! provider's several registrations match one entry), and any verified bot
//! Cloudflare recognizes (`verifiedBotCategory`).
//!
//! Sources: the organizations are the operators' registered names as the
//! regional internet registries list them (ARIN, RIPE NCC) and Cloudflare
//! reports them; the numbers are the operators' main, long-standing
//! systems as those registries and PeeringDB list them. Cloud providers are
//! here because mail filters (Microsoft Defender for Office 365's Safe
//! Links, Google's attachment and link scanning, and filters rented as
//! cloud services) run in them. CDNs that carry people's own traffic
//! (iCloud Private Relay egresses through Akamai, Cloudflare and Fastly)
//! are deliberately absent.

/// One operator whose network a mail filter clicks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provider {
    /// The name stored with a held click, and shown in the export.
    pub name: &'static str,
    /// Its autonomous systems.
    pub asns: &'static [u32],
    /// The start of its registered organization's name, lower case.
    pub organization: &'static str,
}

/// Mail-security vendors and the clouds mail filters run in.
pub const PROVIDERS: [Provider; 10] = [
    Provider {
        name: "Microsoft",
        asns: &[8075, 8068],
        organization: "microsoft",
    },
    Provider {
        name: "Google",
        asns: &[15169, 396982],
        organization: "google",
    },
    Provider {
        name: "Amazon",
        asns: &[16509, 14618],
        organization: "amazon",
    },
    Provider {
        name: "Proofpoint",
        asns: &[22843, 26211],
        organization: "proofpoint",
    },
    Provider {
        name: "Mimecast",
        asns: &[],
        organization: "mimecast",
    },
    Provider {
        name: "Barracuda",
        asns: &[15324],
        organization: "barracuda",
    },
    Provider {
        name: "Cisco",
        asns: &[109, 16417],
        organization: "cisco",
    },
    Provider {
        name: "Trend Micro",
        asns: &[16880],
        organization: "trend micro",
    },
    Provider {
        name: "Sophos",
        asns: &[],
        organization: "sophos",
    },
    Provider {
        name: "Forcepoint",
        asns: &[],
        organization: "forcepoint",
    },
];

/// Where a request came from, as Cloudflare describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// The autonomous system number (`request.cf.asn`).
    pub asn: Option<u32>,
    /// Its registered organization (`request.cf.asOrganization`).
    pub organization: Option<String>,
    /// The category of a bot Cloudflare verified (`request.cf.verifiedBotCategory`).
    pub verified_bot_category: Option<String>,
}

impl Network {
    /// Whose mail filter the request may be: a provider's name, or
    /// `bot: {category}` for a verified bot; `None` for any other network.
    pub fn scanner(&self) -> Option<String> {
        if let Some(category) = self.verified_bot_category.as_deref() {
            if !category.trim().is_empty() {
                return Some(format!("bot: {}", category.trim()));
            }
        }
        let organization = self.organization.as_deref().unwrap_or("").to_lowercase();
        let named = |p: &&Provider| words_on(&organization).any(|s| s.starts_with(p.organization));
        PROVIDERS
            .iter()
            .find(|p| self.asn.is_some_and(|asn| p.asns.contains(&asn)))
            .or_else(|| PROVIDERS.iter().find(named))
            .map(|p| p.name.to_owned())
    }
}

/// `text` from the start of each of its words on (a word: alphanumeric
/// characters), so "Trend Micro Inc." matches "trend micro" and "AMAZON-02"
/// matches "amazon", but "Notmicrosoft" does not match "microsoft".
fn words_on(text: &str) -> impl Iterator<Item = &str> {
    let mut previous = None;
    text.char_indices().filter_map(move |(i, c)| {
        let starts = c.is_alphanumeric() && !previous.is_some_and(char::is_alphanumeric);
        previous = Some(c);
        starts.then(|| &text[i..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(asn: Option<u32>, organization: Option<&str>) -> Network {
        Network {
            asn,
            organization: organization.map(str::to_owned),
            verified_bot_category: None,
        }
    }

    #[test]
    fn a_providers_system_or_organization_is_a_scanners_network() {
        let cases = [
            (Some(8075), None, Some("Microsoft")),
            (
                Some(64500),
                Some("MICROSOFT-CORP-MSN-AS-BLOCK"),
                Some("Microsoft"),
            ),
            (None, Some("Google LLC"), Some("Google")),
            (Some(16509), Some("AMAZON-02"), Some("Amazon")),
            (None, Some("Mimecast Services Limited"), Some("Mimecast")),
            (None, Some("Trend Micro Inc."), Some("Trend Micro")),
            (None, Some("The Sophos Group"), Some("Sophos")),
        ];
        for (asn, organization, name) in cases {
            let got = from(asn, organization).scanner();
            assert_eq!(got.as_deref(), name, "{asn:?} {organization:?}");
        }
    }

    /// A home or mobile network, a lookalike name, and the CDNs that carry
    /// people's private relays are a person's network.
    #[test]
    fn other_networks_are_a_persons() {
        let cases = [
            (Some(3292), Some("TDC Holding A/S")),
            (Some(3301), Some("Telia Company AB")),
            (Some(13335), Some("Cloudflare, Inc.")),
            (Some(20940), Some("Akamai International B.V.")),
            (Some(64501), Some("Notmicrosoft Hosting")),
            (None, None),
        ];
        for (asn, organization) in cases {
            assert_eq!(from(asn, organization).scanner(), None, "{organization:?}");
        }
    }

    #[test]
    fn a_verified_bot_is_a_scanner_whatever_its_network() {
        let bot = Network {
            verified_bot_category: Some("Security".to_owned()),
            ..from(Some(3292), Some("TDC Holding A/S"))
        };
        assert_eq!(bot.scanner().as_deref(), Some("bot: Security"));
        let blank = Network {
            verified_bot_category: Some(" ".to_owned()),
            ..from(Some(3292), None)
        };
        assert_eq!(blank.scanner(), None);
    }
}
