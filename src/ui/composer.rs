//! The composer pane: method and URL on one line, the editor tabs under them, problems last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{tab_bar, theme};
use crate::app::composer::{ComposerField, EditorTab};
use crate::app::layout::composer_areas;
use crate::app::{App, Pane};
use crate::text::sanitize;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Composer;
    let composer = &app.composer;
    let mode = if focused && composer.editing {
        " editing "
    } else {
        ""
    };
    let mut block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Span::styled(" Composer ", theme::title(focused)))
        .title(Span::styled(mode, theme::dim()));
    if let Some(tls) = &composer.tls {
        // An imported curl's -k, --cacert, --cert: they hold for this request only.
        let badge = if tls.verify {
            " TLS: this request's own CA/certificate "
        } else {
            " ⚠ TLS unverified for this request (-k) "
        };
        block = block.title(Span::styled(badge, theme::warning()));
    }
    frame.render_widget(block, area);
    let areas = composer_areas(area);

    frame.render_widget(composer.area(ComposerField::Method), areas.method);
    frame.render_widget(composer.area(ComposerField::Url), areas.url);

    let active = EditorTab::ALL
        .iter()
        .position(|t| *t == composer.tab)
        .unwrap_or(0);
    frame.render_widget(
        Paragraph::new(tab_bar(EditorTab::ALL.iter().map(|t| t.title()), active)),
        areas.tabs,
    );
    frame.render_widget(composer.area(composer.tab.field()), areas.editor);

    let problem = composer
        .problems_of(composer.field)
        .next()
        .or_else(|| composer.problems.first());
    if let Some(problem) = problem {
        let where_ = problem.field.name();
        let line = Line::from(vec![
            Span::styled(format!("⚠ {where_}: "), theme::error()),
            Span::styled(sanitize(&problem.to_string()).into_owned(), theme::error()),
        ]);
        frame.render_widget(Paragraph::new(line), areas.problems);
    } else if let Some(warning) = &composer.warning {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("⚠ {}", sanitize(warning)),
                theme::warning(),
            )),
            areas.problems,
        );
    } else if focused && !composer.editing {
        let hint = "Enter/i edits the selected field · j/k move · [ ] switch editor tab";
        frame.render_widget(
            Paragraph::new(Span::styled(hint, theme::dim())),
            areas.problems,
        );
    }
}
