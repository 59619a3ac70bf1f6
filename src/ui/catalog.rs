//! The sidebar's Catalog tab: the signed-in cloud's services and endpoints, filtered by region
//! and interface; Enter turns an endpoint into the composer's URL.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::app::App;
use crate::app::cloud::{CatalogRow, CloudState};
use crate::text::sanitize;
use crate::text::window::visible_bytes;

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let Some(cloud) = &app.cloud else {
        let hint = "No cloud selected: start with --cloud NAME, or with OS_CLOUD or an openrc's OS_* variables set.";
        frame.render_widget(
            Paragraph::new(Span::styled(hint, theme::dim())).wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    let width = usize::from(area.width);
    let filters = format!(
        "{} · {} · {}",
        cloud.name,
        cloud.region.as_deref().unwrap_or("any region"),
        cloud.interface.map_or("any interface", |i| i.as_str())
    );
    // The keys that change the filters are in the hint line while this tab has focus.
    let mut lines = vec![Line::from(Span::styled(
        visible_bytes(filters.as_bytes(), 0, width),
        theme::title(true),
    ))];
    let status = match &cloud.state {
        CloudState::NeedsSecret => Some(("Waiting for the password…".to_owned(), theme::warning())),
        CloudState::SigningIn if cloud.signed_in.is_none() => {
            Some(("Signing in…".to_owned(), theme::warning()))
        }
        CloudState::Failed(why) => Some((sanitize(why).into_owned(), theme::error())),
        CloudState::SigningIn | CloudState::Ready => None,
    };
    if let Some((text, style)) = status {
        lines.push(Line::from(Span::styled(text, style)));
        if cloud.signed_in.is_none() {
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
            return;
        }
    }
    let rows = cloud.rows();
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "No endpoints for these filters.",
            theme::dim(),
        )));
    }
    let (heading, first) = cloud.catalog_window(usize::from(area.height), rows.len());
    debug_assert_eq!(
        heading,
        lines.len(),
        "the lines above the rows, as the mouse counts them"
    );
    let height = usize::from(area.height).saturating_sub(heading).max(1);
    for (i, row) in rows.iter().enumerate().skip(first).take(height) {
        let line = match row {
            CatalogRow::Service { service_type, name } => {
                let mut text = match name {
                    Some(name) => format!("{service_type} ({name})"),
                    None => service_type.clone(),
                };
                let official = crate::openstack::service_types::official(service_type);
                if let Some(range) = cloud.versions.get(official) {
                    text = format!("{text} {}–{}", range.min, range.max);
                }
                Line::from(Span::styled(
                    visible_bytes(text.as_bytes(), 0, width),
                    theme::header_name(),
                ))
            }
            CatalogRow::Endpoint {
                interface,
                region,
                url,
            } => {
                // The filters stand in the heading; a column shows only what they leave open.
                let mut label = String::from("  ");
                if cloud.interface.is_none() {
                    label.push_str(&interface.as_str()[..3]);
                    label.push(' ');
                }
                if cloud.region.is_none() {
                    label.push_str(&sanitize(region.as_deref().unwrap_or("-")));
                    label.push(' ');
                }
                let shown = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
                let rest = width.saturating_sub(label.chars().count());
                Line::from(vec![
                    Span::styled(label, theme::dim()),
                    Span::raw(visible_bytes(shown.as_bytes(), 0, rest)),
                ])
            }
        };
        lines.push(if i == cloud.selected {
            line.style(theme::selected(focused))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}
