//! The Saved tab: each root (the project's `.fiddlestack/`, the config dir's `requests/`)
//! with its folders and requests, a broken file with its error in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::app::saved_tab::SavedRow;
use crate::text::sanitize;
use crate::text::window::visible_bytes;

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let rows = app.saved.rows();
    if app.saved.roots.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No folder for saved requests.", theme::dim())),
            area,
        );
        return;
    }
    let height = usize::from(area.height);
    let first = app.saved.first_visible(height);
    let width = usize::from(area.width);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let line = row_line(app, row, width);
            if i == app.saved.selected {
                line.style(theme::selected(focused))
            } else {
                line
            }
        })
        .collect();
    let empty = rows.len() == app.saved.roots.len();
    frame.render_widget(Paragraph::new(lines), area);
    if empty && area.height > 3 {
        let hint = Rect {
            y: area.y + u16::try_from(rows.len()).unwrap_or(0) + 1,
            height: 2,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No saved requests yet: ctrl-s saves the composed one.",
                theme::dim(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            hint,
        );
    }
}

fn row_line(app: &App, row: &SavedRow<'_>, width: usize) -> Line<'static> {
    let fit =
        |text: &str, used: usize| visible_bytes(text.as_bytes(), 0, width.saturating_sub(used));
    match row {
        SavedRow::Root(root) => Line::from(Span::styled(fit(&root.label, 0), theme::key())),
        SavedRow::Folder {
            name, depth, open, ..
        } => {
            let lead = format!("{}{} ", "  ".repeat(*depth), if *open { '▾' } else { '▸' });
            let used = lead.chars().count();
            Line::from(vec![Span::raw(lead), Span::raw(fit(&sanitize(name), used))])
        }
        SavedRow::Request { path, depth, entry } => {
            let indent = "  ".repeat(*depth);
            let current = app.saved.current.as_deref() == Some(*path);
            let mark = if current { "●" } else { " " };
            match entry {
                Ok(request) => {
                    let method = format!(
                        "{indent}{mark}{:<6} ",
                        sanitize(&request.method)
                            .chars()
                            .take(6)
                            .collect::<String>()
                    );
                    let used = method.chars().count();
                    Line::from(vec![
                        Span::styled(method, theme::method(&request.method)),
                        Span::raw(fit(&sanitize(&request.name), used)),
                    ])
                }
                Err(e) => {
                    let file = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let place = match (e.line, e.column) {
                        (Some(line), Some(column)) => format!(":{line}:{column}"),
                        (Some(line), None) => format!(":{line}"),
                        _ => String::new(),
                    };
                    let text = format!("{indent}✕ {file}{place} {}", e.message);
                    Line::from(Span::styled(fit(&sanitize(&text), 0), theme::error()))
                }
            }
        }
    }
}
