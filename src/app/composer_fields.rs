//! The composer's parts that take focus, and the editor tabs under the URL line.

use crate::http::spec::Field;

/// A part of the composer that takes focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposerField {
    Method,
    Url,
    Headers,
    Params,
    Body,
}

impl ComposerField {
    /// Top-to-bottom order, for moving with up/down.
    pub const ORDER: [ComposerField; 5] = [
        ComposerField::Method,
        ComposerField::Url,
        ComposerField::Headers,
        ComposerField::Params,
        ComposerField::Body,
    ];

    pub(super) fn as_http_field(self) -> Field {
        match self {
            ComposerField::Method => Field::Method,
            ComposerField::Url => Field::Url,
            ComposerField::Headers => Field::Headers,
            ComposerField::Params => Field::Params,
            ComposerField::Body => Field::Body,
        }
    }
}

/// The editor tabs under the URL line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorTab {
    Headers,
    Params,
    Body,
}

impl EditorTab {
    pub const ALL: [EditorTab; 3] = [EditorTab::Headers, EditorTab::Params, EditorTab::Body];

    pub fn title(self) -> &'static str {
        match self {
            EditorTab::Headers => "Headers",
            EditorTab::Params => "Params",
            EditorTab::Body => "Body",
        }
    }

    /// The composer field this tab edits.
    pub fn field(self) -> ComposerField {
        match self {
            EditorTab::Headers => ComposerField::Headers,
            EditorTab::Params => ComposerField::Params,
            EditorTab::Body => ComposerField::Body,
        }
    }
}
