//! `fiddlestack catalog`: sign in and print the service catalog, as a table or as JSON.
#![allow(clippy::print_stdout)]

use std::path::Path;

use super::{CatalogArgs, ExitStatus, Format, signin};
use crate::openstack::catalog::{CatalogRow, Interface};
use crate::text::sanitize;
use crate::text::sanitize::json_for_terminal;

pub fn run(config_path: Option<&Path>, args: &CatalogArgs) -> ExitStatus {
    let interface = match args
        .interface
        .as_deref()
        .map(str::parse::<Interface>)
        .transpose()
    {
        Ok(interface) => interface,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    let token = match signin::sign_in(config_path, args.cloud.as_deref()) {
        Ok(signed) => signed.token,
        Err(status) => return status,
    };
    let catalog = token.catalog.filtered(args.region.as_deref(), interface);
    if catalog.is_empty() && !token.catalog.is_empty() {
        let interfaces: Vec<&str> = Interface::ALL.iter().map(|i| i.as_str()).collect();
        eprintln!(
            "fiddlestack: no endpoint in region {} with interface {}; the catalog has regions {} and interfaces {}",
            sanitize(args.region.as_deref().unwrap_or("(any)")),
            interface.map_or("(any)", Interface::as_str),
            // Region names come from the server.
            sanitize(&token.catalog.regions().join(", ")),
            interfaces.join(", "),
        );
        return ExitStatus::AuthFailed;
    }
    match args.format {
        Format::Json => println!("{}", json_for_terminal(catalog.to_json())),
        Format::Table | Format::Text => print_table(&catalog.table_rows()),
    }
    ExitStatus::Ok
}

/// Columns as wide as their widest cell, like the `OpenStack` CLI's tables.
fn print_table(rows: &[CatalogRow<'_>]) {
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|row| row.cells().map(|c| sanitize(c).into_owned()))
        .collect();
    let mut widths = CatalogRow::HEADINGS.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    println!("{}", line(CatalogRow::HEADINGS));
    for row in &cells {
        println!(
            "{}",
            line([&row[0], &row[1], &row[2], &row[3], &row[4]].map(String::as_str))
        );
    }
}
