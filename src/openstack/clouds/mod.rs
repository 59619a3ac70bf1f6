//! Cloud profiles, resolved as openstacksdk resolves them.
//!
//! - **Files.** `clouds.yaml` (or `.yml`, `.json`) is searched in `OS_CLIENT_CONFIG_FILE`, the
//!   working directory, the user's config directory (`$XDG_CONFIG_HOME/openstack`,
//!   `~/.config/openstack`) and the system ones (`/etc/xdg/openstack`, `/etc/openstack`); the
//!   first found wins. `secure.yaml` (`OS_CLIENT_SECURE_FILE` or the same places) is deep-merged
//!   over it, secure winning. A cloud's `profile:` (or old `cloud:`) takes its settings from
//!   the first `clouds-public.yaml` found (same places) or openstacksdk's vendor profiles, the
//!   cloud's own winning; a URL profile (fetched by openstacksdk) is not supported.
//! - **Selection.** `--cloud NAME`, else `OS_CLOUD`, else — when any `OS_*` credential variable
//!   is set — the `envvars` cloud built from the `OS_*` variables, else the only cloud configured
//!   (clouds.yaml and config.toml's `[clouds.*]` together); otherwise an error naming the clouds,
//!   or where we looked.
//! - **Environment over files.** For a cloud from a file or config.toml, `OS_REGION_NAME`
//!   overrides its region (a warning says so when they differ); `OS_AUTH_URL` and the secret
//!   its auth type needs (`OS_PASSWORD`, `OS_APPLICATION_CREDENTIAL_SECRET`, `OS_TOKEN`) fill
//!   what it lacks, never override.
//! - **Normalisation.** Dashed keys, `tenant_*` → `project_*`, `endpoint_type` → `interface`
//!   (winning over `interface`, as in openstacksdk), `auth_token` → `token`, `auth_plugin` →
//!   `auth_type`, auth keys outside `auth:` moved in, the `domain_*` shortcut shared out when a
//!   project is given; the chosen region's `values:` merged in; TLS: insecure beats verify
//!   beats cacert. YAML scalars are taken as written (`password: 012345` is `"012345"`).
//!
//! Nothing here logs or formats a secret: they are [`Secret`](crate::openstack::Secret)s from
//! the moment they are typed, and errors name keys, not values.

mod build;
mod env;
mod error;
mod files;
mod normalize;
mod profile;
mod profiles;
mod regions;
mod select;
mod tls;
mod values;
mod yaml;

#[cfg(test)]
mod tests;

pub use build::profile_from_value;
pub use env::{ENVVARS_CLOUD, Environment, Selection};
pub use error::CloudsError;
pub use files::{SECRET_KEYS, clouds_from_text};
pub use profile::{AuthSettings, AuthType, CloudProfile, Interface, ProfileSource};
pub use select::{Resolved, list_clouds, resolve};
pub use tls::TlsSettings;
