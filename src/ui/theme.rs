//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::app::document::LineKind;
use crate::json::TokenKind;

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn title(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    }
}

pub fn tab(active: bool) -> Style {
    if active {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Gray)
    }
}

pub fn separator() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new().bg(Color::Blue).fg(Color::White)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// A search match in Raw and Pretty.
pub fn search_hit() -> Style {
    Style::new().bg(Color::Yellow).fg(Color::Black)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Status codes coloured by class, as browsers' dev tools do.
pub fn status(code: u16) -> Style {
    let color = match code {
        100..=199 => Color::Blue,
        200..=299 => Color::Green,
        300..=399 => Color::Cyan,
        400..=499 => Color::Yellow,
        _ => Color::Red,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

pub fn method(method: &str) -> Style {
    crate::app::composer::method_style(method)
}

pub fn line(kind: LineKind) -> Style {
    match kind {
        LineKind::RequestLine | LineKind::StatusLine => Style::new().add_modifier(Modifier::BOLD),
        LineKind::Section => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        LineKind::Hex => Style::new().fg(Color::Gray),
        LineKind::Note => Style::new()
            .fg(Color::Yellow)
            .add_modifier(Modifier::ITALIC),
        LineKind::HeaderLine | LineKind::TableRow { .. } | LineKind::Body | LineKind::Json => {
            Style::new()
        }
    }
}

pub fn header_name() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn json(kind: TokenKind) -> Style {
    match kind {
        TokenKind::Key => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        TokenKind::String => Style::new().fg(Color::Green),
        TokenKind::Number => Style::new().fg(Color::Magenta),
        TokenKind::Literal => Style::new().fg(Color::Yellow),
        TokenKind::Punctuation | TokenKind::Whitespace => Style::new(),
    }
}
