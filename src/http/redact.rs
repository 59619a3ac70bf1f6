//! Secrets in headers never reach history, views or logs in clear: tokens and credentials are
//! replaced by `{SHA256}<hex>` (keystoneauth's format, so two can still be told apart).

use super::model::Exchange;
use crate::openstack::secret::redact;

/// Headers whose values are secrets.
const SECRET_HEADERS: [&str; 5] = [
    "x-auth-token",
    "x-subject-token",
    "x-service-token",
    "authorization",
    "proxy-authorization",
];

/// Whether header `name` carries a secret.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// Redacts the secret headers of the request as sent and of the response.
pub fn exchange(exchange: &mut Exchange) {
    for (name, value) in &mut exchange.request.headers {
        if is_secret_header(name) && !value.starts_with("{SHA256}") {
            *value = redact(value);
        }
    }
    if let Ok(response) = &mut exchange.outcome {
        for (name, value) in &mut response.headers {
            if is_secret_header(name) && !value.starts_with(b"{SHA256}") {
                *value = redact(&String::from_utf8_lossy(value)).into_bytes();
            }
        }
    }
}
