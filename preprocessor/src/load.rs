//! Reading one exercise file: TOML with positions, the kind's fields, the
//! kind's rules, then Markdown rendered.

use std::fs;
use std::ops::Range;
use std::path::Path;

use course_schema::{Exercise, Kind, Rich, WidgetProps};
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::ExerciseError;
use crate::markdown::{render, render_inline};

/// A problem found by a kind's rules: where in the file, and what.
pub struct Problem {
    pub path: Vec<Step>,
    pub message: String,
}

/// One step of a path into the TOML document, to find a problem's position.
pub enum Step {
    Key(&'static str),
    Index(usize),
}

pub fn load(root: &Path, file: &Path, id: &str) -> Result<WidgetProps, ExerciseError> {
    let source = fs::read_to_string(root.join(file)).map_err(|error| {
        ExerciseError::whole_file(file.into(), format!("cannot read the file: {error}"))
    })?;
    let error_at = |span: Option<Range<usize>>, message: String| match span {
        Some(span) => ExerciseError::at(file.into(), &source, span.start, message),
        None => ExerciseError::whole_file(file.into(), message),
    };
    let mut table = DeTable::parse(&source)
        .map_err(|error| error_at(error.span(), error.message().to_string()))?;
    let kind = take_kind(table.get_mut()).map_err(|(span, message)| error_at(span, message))?;
    let deserializer = Deserializer::from(table);
    let mut exercise = match kind {
        Kind::Scenario => Exercise::Scenario(
            fields(deserializer).map_err(|e| error_at(e.span(), e.message().to_string()))?,
        ),
    };
    if let Some(problem) = crate::rules::check(&exercise).into_iter().next() {
        let document = DeTable::parse(&source).expect("parsed once already");
        return Err(error_at(span_of(&document, &problem.path), problem.message));
    }
    render_markdown(&mut exercise);
    let version = fingerprint(&serde_json::to_string(&exercise).expect("exercises serialise"));
    Ok(WidgetProps {
        id: id.to_string(),
        version,
        exercise,
    })
}

fn fields<T: DeserializeOwned>(deserializer: Deserializer<'_>) -> Result<T, toml::de::Error> {
    T::deserialize(deserializer)
}

/// Removes the `kind` key, so that the kind's own type can refuse unknown keys.
fn take_kind(table: &mut DeTable<'_>) -> Result<Kind, (Option<Range<usize>>, String)> {
    let expected = Kind::ALL
        .iter()
        .map(|kind| format!("`{}`", kind.name()))
        .collect::<Vec<_>>()
        .join(", ");
    let key = table.keys().find(|key| key.get_ref() == "kind").cloned();
    let Some(key) = key else {
        return Err((
            Some(0..0),
            format!("missing `kind`: expected one of {expected}"),
        ));
    };
    let value = table.remove(&key).expect("the key was just found");
    let span = Some(value.span());
    match value.get_ref().as_str() {
        None => Err((span, format!("`kind` must be a string, one of {expected}"))),
        Some(name) => Kind::from_name(name).ok_or((
            span,
            format!("unknown kind `{name}`: expected one of {expected}"),
        )),
    }
}

fn span_of(document: &toml::Spanned<DeTable<'_>>, path: &[Step]) -> Option<Range<usize>> {
    let mut span = document.span();
    let mut value: Option<&DeValue<'_>> = None;
    let mut table = Some(document.get_ref());
    for step in path {
        let next = match (step, table, value) {
            (Step::Key(key), Some(table), _) => table
                .iter()
                .find(|(k, _)| k.get_ref() == key)
                .map(|(_, v)| v),
            (Step::Index(index), _, Some(DeValue::Array(array))) => array.get(*index),
            _ => None,
        };
        let Some(next) = next else { break };
        span = next.span();
        value = Some(next.get_ref());
        table = next.get_ref().as_table();
    }
    Some(span)
}

fn render_markdown(exercise: &mut Exercise) {
    let block = |rich: &mut Rich| rich.0 = render(&rich.0);
    let inline = |rich: &mut Rich| rich.0 = render_inline(&rich.0);
    match exercise {
        Exercise::Scenario(scenario) => {
            block(&mut scenario.prompt);
            for option in &mut scenario.options {
                inline(&mut option.text);
                block(&mut option.why);
            }
        }
    }
}

/// FNV-1a: stable across builds and platforms, which `std`'s hasher is not.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
