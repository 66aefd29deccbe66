//! What each kind of exercise adds to loading: its rules beyond the types,
//! its Markdown fields, and its static fallback. One module per kind.

mod decision;
mod ordering;
mod playground;
mod race;
mod scenario;
mod sorting;
mod walkthrough;

use course_schema::{Exercise, Kind, Rich};
use toml::de::Deserializer;

use crate::markdown::{render, render_inline};

/// A problem found by a kind's rules: where in the file, and what.
pub struct Problem {
    pub path: Vec<Step>,
    pub message: String,
}

/// One step of a path into the TOML document, to find a problem's position.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

impl Problem {
    pub fn at(path: &[Step], message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_vec(),
            message: message.into(),
        }
    }
}

/// What each kind implements; see the module's doc.
pub trait ExerciseKind {
    /// Problems an author must fix, beyond what the types already refuse.
    fn problems(&self) -> Vec<Problem>;
    /// Renders every [`Rich`] field from Markdown to sanitised HTML.
    fn render_markdown(&mut self);
    /// HTML for readers without JavaScript and for print: the exercise and
    /// its answer, the answer folded away.
    fn fallback(&self) -> String;
}

/// Each kind's `ExerciseKind` impl, and its own type read from a file's
/// table, for every kind in the schema's list.
macro_rules! dispatch {
    ($($variant:ident($name:literal) => $type:ident,)*) => {
        fn as_kind(exercise: &Exercise) -> &dyn ExerciseKind {
            match exercise {
                $(Exercise::$variant(exercise) => exercise,)*
            }
        }

        fn as_kind_mut(exercise: &mut Exercise) -> &mut dyn ExerciseKind {
            match exercise {
                $(Exercise::$variant(exercise) => exercise,)*
            }
        }

        /// Reads the fields of a `kind` exercise from its table (without `kind`).
        pub fn parse(kind: Kind, fields: Deserializer<'_>) -> Result<Exercise, toml::de::Error> {
            use serde::Deserialize;
            Ok(match kind {
                $(Kind::$variant => Exercise::$variant(Deserialize::deserialize(fields)?),)*
            })
        }
    };
}

course_schema::for_each_kind!(dispatch);

pub fn problems(exercise: &Exercise) -> Vec<Problem> {
    as_kind(exercise).problems()
}

pub fn render_markdown(exercise: &mut Exercise) {
    as_kind_mut(exercise).render_markdown();
}

pub fn fallback(exercise: &Exercise) -> String {
    as_kind(exercise).fallback()
}

/// Renders a block of Markdown in place.
fn block(text: &mut Rich) {
    text.0 = render(&text.0);
}

/// Renders a short Markdown label in place, without a paragraph around it.
fn inline(text: &mut Rich) {
    text.0 = render_inline(&text.0);
}

/// A problem when a Markdown field is empty, or holds only characters that
/// show nothing (spaces, zero-width spaces and joiners, soft hyphens).
fn require_text(text: &Rich, path: &[Step], what: &str) -> Option<Problem> {
    let invisible = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            )
    };
    text.0.chars().all(invisible).then(|| {
        let message = if text.0.is_empty() || text.0.chars().all(char::is_whitespace) {
            format!("`{what}` is empty")
        } else {
            format!("`{what}` shows nothing: it holds only invisible characters (zero-width spaces or the like)")
        };
        Problem::at(path, message)
    })
}

fn letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}
