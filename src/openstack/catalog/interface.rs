//! Which of a service's endpoints to use: public, internal or admin.

use std::fmt;
use std::str::FromStr;

/// An endpoint's interface. Ordered as catalogs list them: public, internal, admin.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Interface {
    /// The default, as in keystoneauth and openstacksdk.
    #[default]
    Public,
    Internal,
    Admin,
}

impl Interface {
    /// All three, in display order.
    pub const ALL: [Self; 3] = [Self::Public, Self::Internal, Self::Admin];

    /// Any form `FromStr` takes (`public`, `publicURL`, any case), or `None`.
    pub fn parse(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }

    /// `public`, `internal` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
            Self::Admin => "admin",
        }
    }

    /// The key of a v2.0 catalog endpoint that holds this interface's URL: `publicURL`, ….
    pub fn v2_key(self) -> &'static str {
        match self {
            Self::Public => "publicURL",
            Self::Internal => "internalURL",
            Self::Admin => "adminURL",
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no interface.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown interface \"{0}\": expected public, internal or admin")]
pub struct ParseInterfaceError(pub String);

impl FromStr for Interface {
    type Err = ParseInterfaceError;

    /// `public`, `internal`, `admin`, or the v2.0 / `OS_ENDPOINT_TYPE` spellings `publicURL`,
    /// `internalURL`, `adminURL`; ASCII case does not matter.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.to_ascii_lowercase();
        let name = lower.strip_suffix("url").unwrap_or(&lower);
        match name {
            "public" => Ok(Self::Public),
            "internal" => Ok(Self::Internal),
            "admin" => Ok(Self::Admin),
            _ => Err(ParseInterfaceError(text.to_owned())),
        }
    }
}

impl TryFrom<String> for Interface {
    type Error = ParseInterfaceError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Interface> for &'static str {
    fn from(interface: Interface) -> Self {
        interface.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_spellings_and_prints_lowercase() {
        for (text, interface) in [
            ("public", Interface::Public),
            ("internal", Interface::Internal),
            ("admin", Interface::Admin),
            ("publicURL", Interface::Public),
            ("internalURL", Interface::Internal),
            ("adminURL", Interface::Admin),
            ("Public", Interface::Public),
        ] {
            assert_eq!(text.parse::<Interface>(), Ok(interface), "{text}");
            assert_eq!(interface.to_string(), interface.as_str());
        }
        let error = "private"
            .parse::<Interface>()
            .expect_err("not an interface");
        assert_eq!(
            error.to_string(),
            "unknown interface \"private\": expected public, internal or admin"
        );
        assert!("url".parse::<Interface>().is_err());
        assert!("".parse::<Interface>().is_err());
    }

    #[test]
    fn orders_public_internal_admin_and_round_trips_through_serde() {
        let mut all = [Interface::Admin, Interface::Public, Interface::Internal];
        all.sort();
        assert_eq!(all, Interface::ALL);
        let json = serde_json::to_string(&Interface::ALL).expect("serialises");
        assert_eq!(json, r#"["public","internal","admin"]"#);
        let back: Vec<Interface> =
            serde_json::from_str(r#"["public","internalURL","admin"]"#).expect("parses");
        assert_eq!(back, Interface::ALL);
        assert!(serde_json::from_str::<Interface>(r#""private""#).is_err());
    }
}
