//! Reading one exercise file: TOML with positions, `kind`, the kind's own
//! fields, the kind's rules, then Markdown rendered.

use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use course_schema::{Kind, WidgetProps};
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::ExerciseError;
use crate::kinds::{self, Step};

/// The largest exercise file read, in bytes: a thousand times a long one.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Loads `root/file`; on failure, every problem found, each with its place.
pub fn load(root: &Path, file: &Path, id: &str) -> Result<WidgetProps, Vec<ExerciseError>> {
    let bytes = read_regular(&root.join(file))
        .map_err(|message| vec![ExerciseError::whole_file(file.into(), message)])?;
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
    if let Some((at, c)) = source
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(vec![ExerciseError::at(
            file.into(),
            &source,
            at,
            format!(
                "control character U+{:04X} here: TOML text may not contain it (remove it, or write it as `\\u{:04X}` inside a string)",
                u32::from(c),
                u32::from(c)
            ),
        )]);
    }
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
            (message, None) if message.contains("recursion limit") => {
                return one(
                    Some(deepest_line(&source)),
                    "nested too deeply (a dotted key or an array of hundreds of levels): \
                     write the value with fewer levels"
                        .to_string(),
                );
            }
            (message, _) => message.to_string(),
        };
        one(error.span(), message)
    })?;
    let kind = take_kind(table.get_mut()).map_err(|(span, message)| one(span, message))?;
    let fields = table.clone();
    let mut exercise = kinds::parse(kind, Deserializer::from(table)).map_err(|error| {
        if let Some((span, message)) = list_for_a_table(fields, kind, error.span()) {
            return one(Some(span), message);
        }
        let message = in_plain_words(error.message())
            .or_else(|| {
                error
                    .span()
                    .and_then(|span| expected_names(&source, kind, span))
            })
            .unwrap_or_else(|| error.message().to_string());
        one(error.span(), message)
    })?;
    let problems = kinds::problems(&exercise);
    let document = DeTable::parse(&source).expect("parsed once already");
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|problem| error_at(Some(span_of(&document, &problem.path)), problem.message))
            .collect());
    }
    let images = remote_images(&document);
    if !images.is_empty() {
        return Err(images
            .into_iter()
            .map(|(span, message)| error_at(Some(span), message))
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

/// Reads a file that must be a regular file of at most [`MAX_FILE_BYTES`]:
/// a FIFO would block the build, a device could feed it forever.
fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    let too_big = |size: u64| {
        format!("the file is {size} bytes: at most {MAX_FILE_BYTES} (1 MB); split the exercise")
    };
    let meta = fs::metadata(path).map_err(|error| format!("cannot read the file: {error}"))?;
    if !meta.is_file() {
        return Err(
            "not a regular file (a FIFO, a device or a socket, or a link to one): \
             an exercise must be a plain text file"
                .to_string(),
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| format!("cannot read the file: {error}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// serde's messages, with the Rust in them said in an author's words;
/// `None` when serde's words say nothing an author can act on.
fn in_plain_words(message: &str) -> Option<String> {
    if message.starts_with("wanted string or table") {
        return None;
    }
    let mut message = message
        .replace("expected u64", "expected a whole number, 0 or more")
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected a sequence", "expected a list")
        .replace("expected a boolean", "expected `true` or `false`");
    if let Some(at) = message.find("expected struct ") {
        message.replace_range(at.., "expected a table");
    }
    Some(message)
}

/// `[[options]]` where the kind wants one table `[options]`: serde's words
/// for it are about the table's first field, so it is recognised by trying
/// the first of the list as the table.
fn list_for_a_table(
    mut fields: Spanned<DeTable<'_>>,
    kind: Kind,
    error_at: Option<Range<usize>>,
) -> Option<(Range<usize>, String)> {
    let error_at = error_at?.start;
    // A table's span is its header: its keys are what follows, up to the
    // next top-level item.
    let starts: Vec<usize> = fields.get_ref().values().map(|v| v.span().start).collect();
    let region = |start: usize| {
        let end = starts
            .iter()
            .copied()
            .filter(|&s| s > start)
            .min()
            .unwrap_or(usize::MAX);
        start..end
    };
    let (key, region, first) = fields.get_ref().iter().find_map(|(key, value)| {
        let DeValue::Array(items) = value.get_ref() else {
            return None;
        };
        let first = items.first()?;
        let region = region(value.span().start);
        (region.contains(&error_at) && first.get_ref().is_table())
            .then(|| (key.clone(), region, first.clone()))
    })?;
    let name = key.get_ref().to_string();
    fields.get_mut().insert(key, first);
    let better = match kinds::parse(kind, Deserializer::from(fields)) {
        Ok(_) => true,
        Err(again) => again.span().is_some_and(|at| !region.contains(&at.start)),
    };
    better.then(|| {
        (
            region.start..region.start,
            format!("`{name}` is one table: write `[{name}]`, not `[[{name}]]` (a list of tables)"),
        )
    })
}

/// For a value of the wrong type where a name is expected (`mode = 1`):
/// the names serde would accept, found by putting an empty name there.
fn expected_names(source: &str, kind: Kind, span: Range<usize>) -> Option<String> {
    let mut probe = source.to_string();
    probe.replace_range(span, "\"\"");
    let mut table = DeTable::parse(&probe).ok()?;
    take_kind(table.get_mut()).ok()?;
    let error = kinds::parse(kind, Deserializer::from(table)).err()?;
    let (_, names) = error
        .message()
        .strip_prefix("unknown variant ``")?
        .split_once("expected ")?;
    Some(format!("expected a name in quotes: {names}"))
}

/// The start of the line with the most dots and brackets: where a key or an
/// array nested past the parser's limit most likely is.
fn deepest_line(source: &str) -> Range<usize> {
    let mut best = (0, 0);
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let depth = line.matches(['.', '[', '{']).count();
        if depth > best.1 {
            best = (start, depth);
        }
        start += line.len();
    }
    best.0..best.0
}

/// Images in Markdown fields that another host would serve: the book makes
/// no requests outside itself. Local images (`../images/x.png`) are fine.
fn remote_images(document: &Spanned<DeTable<'_>>) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut pending: Vec<&Spanned<DeValue<'_>>> = document.get_ref().values().collect();
    while let Some(value) = pending.pop() {
        match value.get_ref() {
            DeValue::String(text) => {
                if let Some(url) = crate::markdown::remote_image(text) {
                    found.push((
                        value.span(),
                        format!(
                            "the image `{url}` is on another host: the book loads nothing from elsewhere, \
                             so put the image under `src/` and link to it there"
                        ),
                    ));
                }
            }
            DeValue::Array(array) => pending.extend(array.iter()),
            DeValue::Table(table) => pending.extend(table.values()),
            _ => {}
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found
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
