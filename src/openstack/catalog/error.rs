//! What can go wrong when a service's endpoint is looked up.

use std::fmt::Write as _;

use super::Interface;
use crate::openstack::service_types;

/// Why no endpoint could be chosen. Every message is one sentence meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The token carries no catalog: it is unscoped or domain-scoped.
    #[error(
        "the service catalog is empty: the token is not scoped to a project; set a project \
         (project_name in clouds.yaml, or OS_PROJECT_NAME) to get one"
    )]
    EmptyCatalog,
    /// No service of that type or any of its aliases; `known` are the types the catalog has.
    #[error("{}", unknown_service(.service, .known))]
    UnknownService { service: String, known: Vec<String> },
    /// The service has no endpoint for this interface (in this region); `available` are the
    /// interface and region of each endpoint it does have.
    #[error("{}", no_endpoint(.service, *.interface, .region.as_deref(), .available))]
    NoEndpoint {
        service: String,
        interface: Interface,
        region: Option<String>,
        available: Vec<(Interface, Option<String>)>,
    },
    /// No region was given and the service's endpoints for the interface are in several.
    #[error(
        "{service} has {interface} endpoints in several regions ({}); choose one \
         (--region, region_name in clouds.yaml, or OS_REGION_NAME): fiddlestack does not guess, \
         where openstacksdk would take the first it finds",
        .regions.join(", ")
    )]
    AmbiguousRegion {
        service: String,
        interface: Interface,
        regions: Vec<String>,
    },
    /// The text is not a catalog-relative URL (`SERVICE:/path`).
    #[error("\"{text}\" is not a catalog-relative URL such as compute:/flavors/detail")]
    NotRelative { text: String },
}

fn unknown_service(service: &str, known: &[String]) -> String {
    let mut message = format!("the catalog has no {service} service");
    let others: Vec<&str> = service_types::all_types(service)
        .into_iter()
        .filter(|other| *other != service)
        .collect();
    if !others.is_empty() {
        let _ = write!(message, " (nor {})", others.join(", "));
    }
    if known.is_empty() {
        message.push_str("; it has no services at all");
    } else {
        let _ = write!(message, "; it has: {}", known.join(", "));
    }
    message
}

fn no_endpoint(
    service: &str,
    interface: Interface,
    region: Option<&str>,
    available: &[(Interface, Option<String>)],
) -> String {
    let mut message = format!("{service} has no {interface} endpoint");
    if let Some(region) = region {
        let _ = write!(message, " in {region}");
    }
    if available.is_empty() {
        message.push_str("; it has no endpoints at all");
        return message;
    }
    message.push_str("; it has: ");
    let listed: Vec<String> = available
        .iter()
        .map(|(interface, region)| {
            format!("{interface} {}", region.as_deref().unwrap_or("(no region)"))
        })
        .collect();
    message.push_str(&listed.join(", "));
    message
}
