//! Size limits on everything a customer or a page can send. One table, so the
//! widget's counters and the edge's checks can never disagree.

/// Longest follow-up comment, in characters (not bytes: "ø" counts once).
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// Longest note or resolution on a case.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Longest request body the edge reads; anything larger is refused unread.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest body of an invitation batch: 500 recipients with long
/// references fit; it is the owners' API, behind the key.
pub const MAX_INVITATIONS_BODY_BYTES: usize = 256 * 1024;
/// Longest survey id, touchpoint, role or locale tag.
pub const MAX_SLUG_CHARS: usize = 64;
/// Longest `languages` list (a browser's preferences) a survey request may
/// carry; a real browser's list is a few dozen characters.
pub const MAX_LANGUAGES_CHARS: usize = 256;
/// Longest customer or transaction reference.
pub const MAX_REF_CHARS: usize = 128;
/// Longest page URL kept with a response.
pub const MAX_URL_CHARS: usize = 2_048;
/// Longest answer to one extra question.
pub const MAX_ANSWER_CHARS: usize = 500;
/// Most extra-question answers in one submission.
pub const MAX_ANSWERS: usize = 20;
/// Longest signed-link token carried by an email answer.
pub const MAX_TOKEN_CHARS: usize = 2_048;
