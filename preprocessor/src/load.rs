//! Reading one exercise file: TOML with positions, `kind`, the kind's own
//! fields, the kind's rules, then Markdown rendered.

use std::fs;
use std::ops::Range;
use std::path::Path;

use course_schema::{Kind, WidgetProps};
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::ExerciseError;
use crate::kinds::{self, Step};

/// Loads `root/file`; on failure, every problem found, each with its place.
pub fn load(root: &Path, file: &Path, id: &str) -> Result<WidgetProps, Vec<ExerciseError>> {
    let bytes = fs::read(root.join(file)).map_err(|error| {
        vec![ExerciseError::whole_file(
            file.into(),
            format!("cannot read the file: {error}"),
        )]
    })?;
    let source = String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let valid = error.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
        vec![ExerciseError::at(
            file.into(),
            before,
            valid,
            format!(
                "the file is not UTF-8 text (byte 0x{:02X} here): save it as UTF-8",
                bytes[valid]
            ),
        )]
    })?;
    let error_at = |span: Option<Range<usize>>, message: String| match span {
        Some(span) => ExerciseError::at(file.into(), &source, span.start, message),
        None => ExerciseError::whole_file(file.into(), message),
    };
    let one = |span, message| vec![error_at(span, message)];
    let mut table = DeTable::parse(&source).map_err(|error| {
        let message = match (error.message(), error.span()) {
            ("duplicate key", Some(span)) => format!(
                "duplicate key `{}`: a key may appear only once in a table",
                source[span].trim_matches(['"', '\''])
            ),
            ("invalid basic string, expected `\"`", _) => {
                "this string is not closed on its line: end it with `\"`, or use `\"\"\"` \
                 around text of several lines"
                    .to_string()
            }
            (message, _) => message.to_string(),
        };
        one(error.span(), message)
    })?;
    let kind = take_kind(table.get_mut()).map_err(|(span, message)| one(span, message))?;
    let mut exercise = kinds::parse(kind, Deserializer::from(table))
        .map_err(|error| one(error.span(), in_plain_words(error.message())))?;
    let problems = kinds::problems(&exercise);
    if !problems.is_empty() {
        let document = DeTable::parse(&source).expect("parsed once already");
        return Err(problems
            .into_iter()
            .map(|problem| error_at(Some(span_of(&document, &problem.path)), problem.message))
            .collect());
    }
    kinds::render_markdown(&mut exercise);
    let version = fingerprint(&serde_json::to_string(&exercise).expect("exercises serialise"));
    Ok(WidgetProps {
        id: id.to_string(),
        version,
        exercise,
    })
}

/// serde's messages, with the Rust in them said in an author's words.
fn in_plain_words(message: &str) -> String {
    let mut message = message
        .replace("expected u64", "expected a whole number, 0 or more")
        .replace("expected a sequence", "expected a list")
        .replace("expected a boolean", "expected `true` or `false`");
    if let Some(at) = message.find("expected struct ") {
        message.replace_range(at.., "expected a table");
    }
    message
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

/// The span of the deepest value `path` reaches in the document.
fn span_of(document: &Spanned<DeTable<'_>>, path: &[Step]) -> Range<usize> {
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
    span
}

/// FNV-1a: stable across builds and platforms, which `std`'s hasher is not.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
