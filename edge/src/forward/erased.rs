//! A customer's erasure reaches their events still on the events queue: a
//! destination that is down keeps a delivery there for up to an hour of
//! retries, then it would be kept as a dead letter. An event made at or
//! before its customer's erasure is dropped instead: never sent, never kept.
//! An event made after it is of an answer given after it (intake dropped the
//! earlier ones), and goes.

use std::collections::HashMap;

use ambassador_shared::forward::Delivery;
use ambassador_shared::intake::erasure::customer_digest;
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
            .filter_map(|d| d.event.data.context.customer_ref.as_deref())
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

    /// Whether `delivery` is of an event made at or before its customer's
    /// erasure.
    pub fn reach(&self, delivery: &Delivery) -> bool {
        let customer = delivery.event.data.context.customer_ref.as_deref();
        customer
            .and_then(|customer| self.0.get(customer))
            .is_some_and(|&erased_at| delivery.event.made_by(erased_at))
    }
}
