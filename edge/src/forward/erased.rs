//! A customer's erasure reaches their events still on the events queue: a
//! destination that is down keeps a delivery there for up to an hour of
//! retries, then it would be kept as a dead letter. An answer's event is
//! dated when the answer was acknowledged, so the rule is intake's: an event
//! of an answer given at or before its customer's erasure is dropped, never
//! sent; one of an answer given after it goes. (Dated when the event was
//! made, an answer stored just before the erasure committed could have had
//! its event dated after it.)
//!
//! The events consumer reads its batch's erasures once ([`Erasures`]); the
//! dead-letter consumer, which needs D1 anyway, checks in the insert itself
//! ([`erasure_key`]), so an erasure committing between the two is never
//! missed there.

use std::collections::HashMap;

use ambassador_shared::forward::Delivery;
use ambassador_shared::intake::erasure::{answered_at, customer_digest, reaches};
use worker::Env;

use crate::{config, store, ApiError};

/// When each erased customer among some deliveries' was last erased (unix
/// ms), by customer reference.
pub struct Erasures(HashMap<String, u64>);

impl Erasures {
    /// The erasures of the customers of `deliveries`: one read for them all,
    /// none when no delivery names a customer.
    ///
    /// None either when D1 cannot be read: sending needs no D1, so its
    /// outage does not hold deliveries back (held, they would outlive the
    /// queues' retries and be lost). An erasure is itself a D1 write, so
    /// what an outage can let through is only an event that waited since
    /// before it, of a customer erased before it.
    pub async fn of<'a>(env: &Env, deliveries: impl IntoIterator<Item = &'a Delivery>) -> Erasures {
        Erasures::read(env, deliveries)
            .await
            .unwrap_or_else(|_| Erasures(HashMap::new()))
    }

    async fn read<'a>(
        env: &Env,
        deliveries: impl IntoIterator<Item = &'a Delivery>,
    ) -> Result<Erasures, ApiError> {
        let customers: Vec<&str> = deliveries
            .into_iter()
            .filter_map(|d| customer_of(d))
            .collect();
        // Without the secret no erasure can have been remembered either
        // (`routes::customers` needs it).
        let secret = match config::link_secret(env) {
            Ok(secret) if !customers.is_empty() => secret,
            _ => return Ok(Erasures(HashMap::new())),
        };
        let by_digest: HashMap<String, &str> = customers
            .iter()
            .map(|&customer| (customer_digest(customer, &secret), customer))
            .collect();
        let digests: Vec<String> = by_digest.keys().cloned().collect();
        let erased = store::erasure::erased_at(env, &digests).await?;
        Ok(Erasures(
            erased
                .into_iter()
                .filter_map(|(digest, at)| Some((by_digest.get(&digest)?.to_string(), at)))
                .collect(),
        ))
    }

    /// Whether its customer's erasure reaches the answer `delivery` tells
    /// of (`shared::intake::erasure::reaches`).
    pub fn reach(&self, delivery: &Delivery) -> bool {
        let Some(event) = delivery.event.response() else {
            return false;
        };
        customer_of(delivery)
            .and_then(|customer| self.0.get(customer))
            .is_some_and(|&erased_at| reaches(erased_at, answered_at(event)))
    }
}

/// The customer (by the digest erasures are remembered by) and the time of
/// the answer `delivery` tells of: what `store::insert_dead_letter` checks
/// the remembered erasures against in the insert itself. `None` when it
/// names no customer, or without the secret (then no erasure was
/// remembered either).
pub fn erasure_key(env: &Env, delivery: &Delivery) -> Option<(String, u64)> {
    let customer = customer_of(delivery)?;
    let event = delivery.event.response()?;
    let secret = config::link_secret(env).ok()?;
    Some((customer_digest(customer, &secret), answered_at(event)))
}

/// The customer the delivery's answer names; a team digest names none.
fn customer_of(delivery: &Delivery) -> Option<&str> {
    let event = delivery.event.response()?;
    event.data.context.customer_ref.as_deref()
}
