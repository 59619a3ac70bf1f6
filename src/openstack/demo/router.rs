//! Which service answers a path: `/compute`, `/image`, `/volume`, `/network` and
//! `/object-store` by prefix, Keystone everything else (it owns `/`, `/v3` and `/v2.0`). Every
//! answer leaves with an `x-openstack-request-id`.

use super::reply::{self, Reply};
use super::request::{Req, under};
use super::state::State;
use super::{compute, image, keystone, network, object_store, volume};

pub(super) fn route(state: &State, req: &Req) -> Reply {
    let path = req.path.as_str();
    let reply = if let Some(rest) = under(path, "/compute") {
        compute::handle(state, req, rest)
    } else if let Some(rest) = under(path, "/image") {
        image::handle(state, req, rest)
    } else if let Some(rest) = under(path, "/volume") {
        volume::handle(state, req, rest)
    } else if let Some(rest) = under(path, "/network") {
        network::handle(state, req, rest)
    } else if let Some(rest) = under(path, "/object-store") {
        object_store::handle(state, req, rest)
    } else {
        keystone::handle(state, req)
    };
    if reply.headers().contains_key("x-openstack-request-id") {
        reply
    } else {
        reply::with_header(reply, "x-openstack-request-id", &req.request_id)
    }
}
