//! The composer's own behaviour: URL and params in step, methods, problems, revisions.

use ratatui::crossterm::event::KeyModifiers;

use super::*;

fn typed(composer: &mut Composer, text: &str) {
    for c in text.chars() {
        composer.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[test]
fn typing_a_query_fills_params_and_editing_params_rewrites_the_url() {
    let mut composer = Composer::default();
    typed(&mut composer, "http://h/?q=1&H=?");
    assert_eq!(composer.url_text(), "http://h/?q=1&H=?");
    assert_eq!(composer.params.lines(), ["q=1", "H=?"]);
    composer.focus(ComposerField::Params);
    typed(&mut composer, "x");
    assert_eq!(composer.url_text(), "http://h/?q=1&H=%3Fx");
}

#[test]
fn a_params_edit_that_changes_no_pair_keeps_the_url_as_typed() {
    let mut composer = Composer::default();
    typed(&mut composer, "http://h/?q=H?&b");
    composer.focus(ComposerField::Params);
    composer.type_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(composer.url_text(), "http://h/?q=H?&b");
    typed(&mut composer, "c=1");
    assert_eq!(composer.url_text(), "http://h/?q=H?&b&c=1");
}

#[test]
fn toggling_a_param_removes_it_from_the_url_and_back() {
    let mut composer = Composer::default();
    typed(&mut composer, "http://h/?a=1&b=2");
    composer.focus(ComposerField::Params);
    composer.params.move_cursor(CursorMove::Top);
    composer.toggle_line();
    assert_eq!(composer.url_text(), "http://h/?b=2");
    assert_eq!(composer.params.lines(), ["# a=1", "b=2"]);
    composer.toggle_line();
    assert_eq!(composer.url_text(), "http://h/?a=1&b=2");
}

#[test]
fn enter_does_not_break_a_single_line_field() {
    let mut composer = Composer::default();
    typed(&mut composer, "http://h/");
    assert!(!composer.type_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    composer.paste("/a\n/b");
    assert_eq!(composer.url.lines(), ["http://h//a/b"]);
}

#[test]
fn methods_cycle_and_custom_tokens_stay() {
    let mut composer = Composer::default();
    composer.cycle_method(true);
    assert_eq!(composer.method_text(), "POST");
    composer.cycle_method(false);
    composer.cycle_method(false);
    assert_eq!(composer.method_text(), "OPTIONS");
    composer.focus(ComposerField::Method);
    set_text(&mut composer.method, vec![String::new()]);
    typed(&mut composer, "PURGE");
    assert_eq!(composer.draft().method, "PURGE");
}

#[test]
fn refused_send_lists_problems_and_fixing_clears_them() {
    let mut composer = Composer::default();
    typed(&mut composer, "localhost:1/");
    assert_eq!(composer.build(), Err(1));
    assert_eq!(composer.problems_of(ComposerField::Url).count(), 1);
    composer.focus(ComposerField::Url);
    composer.url.move_cursor(CursorMove::Head);
    typed(&mut composer, "http://");
    assert!(composer.problems.is_empty());
}

#[test]
fn the_revision_counts_text_changes_and_nothing_else() {
    let mut composer = Composer::default();
    let start = composer.revision();
    typed(&mut composer, "http://h/");
    let typed_in = composer.revision();
    assert_ne!(typed_in, start, "typing changes the text");
    // Moves, focus and marks leave the text as it is.
    composer.type_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    composer.type_key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    composer.focus(ComposerField::Body);
    composer.mark_unresolved(&["x".to_owned()]);
    composer.refresh_styles(true);
    assert_eq!(composer.revision(), typed_in);
    // Every kind of edit counts.
    for edit in [
        (|c: &mut Composer| c.paste("{}")) as fn(&mut Composer),
        |c| c.cycle_method(true),
        |c| c.set_url("http://other/"),
        |c| c.set_method("PUT"),
        |c| c.load("GET", "http://h/", &[], ""),
        |c| c.restore(&Draft::default()),
        |c| {
            c.focus(ComposerField::Headers);
            c.paste("A: 1");
            c.toggle_line();
        },
    ] {
        let before = composer.revision();
        edit(&mut composer);
        assert_ne!(composer.revision(), before);
    }
}
