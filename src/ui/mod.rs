//! Drawing: one function per pane over `&App`. Nothing here changes state or does I/O, and no
//! untrusted text reaches the buffer without passing through `text::window` or `sanitize`.

mod catalog;
mod columns;
mod composer;
mod filter;
mod help;
mod inspector;
mod popup;
mod prompt;
mod saved;
mod sidebar;
mod status;
mod table;
pub mod theme;
mod tree;
mod view;

use ratatui::Frame;
use ratatui::text::{Line, Span};

use crate::app::App;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = app.areas_in(frame.area());
    sidebar::render(app, frame, areas.sidebar);
    composer::render(app, frame, areas.composer);
    inspector::render(app, frame, areas.inspector);
    status::render(app, frame, areas.status, areas.hints);
    if let Some(popup) = &app.popup {
        popup::render(popup, frame);
    }
    if let Some(save) = &app.save_prompt {
        prompt::render_save(save, frame);
    }
    if let Some(saved) = &app.saved_prompt {
        prompt::render_saved(saved, frame);
    }
    if let Some(input) = &app.import_prompt {
        prompt::render_import(input, frame);
    }
    if let Some(prompt) = &app.prompt {
        prompt::render(prompt, frame);
    }
    if let Some(scroll) = app.help {
        help::render(app, frame, scroll);
    }
}

/// The frame of the in-flight spinner for tick `n`.
fn spinner(n: usize) -> &'static str {
    const FRAMES: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
    FRAMES[n % FRAMES.len()]
}

/// A tab bar as `input::tab_at` expects it: ` Title ` then a one-cell separator.
fn tab_bar<'a>(titles: impl Iterator<Item = &'a str>, active: usize) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, title) in titles.enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", theme::separator()));
        }
        spans.push(Span::styled(format!(" {title} "), theme::tab(i == active)));
    }
    Line::from(spans)
}

pub use crate::text::human_size as size;
