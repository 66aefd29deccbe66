//! Every exercise file under `exercises/`, loaded and checked once per build.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anyhow::Context;
use course_schema::WidgetProps;

use crate::ExerciseError;
use crate::load::load;
use crate::placeholder::placeholder;

pub struct Catalog {
    entries: BTreeMap<String, Entry>,
    duplicates: Vec<ExerciseError>,
}

struct Entry {
    file: PathBuf,
    loaded: Result<WidgetProps, Vec<ExerciseError>>,
}

impl Catalog {
    /// Loads every `*.toml` below `root/dir`. An exercise's id is its file
    /// name without `.toml`, so it is stable and unique by construction
    /// within a folder; the same name in two folders is an error.
    pub fn scan(root: &Path, dir: &Path) -> anyhow::Result<Catalog> {
        let mut files = Vec::new();
        collect_toml(root, dir, &mut files)?;
        files.sort();
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        let mut duplicates = Vec::new();
        for file in files {
            let stem = file.file_stem().unwrap_or_default().to_string_lossy();
            let id = stem.to_string();
            if let Some(why) = invalid_name(&file) {
                let loaded = Err(vec![ExerciseError::whole_file(file.clone(), why)]);
                entries.insert(
                    format!("{id}\u{0}{}", file.display()),
                    Entry { file, loaded },
                );
                continue;
            }
            if let Some(first) = entries.get(&id) {
                duplicates.push(ExerciseError::whole_file(
                    file.clone(),
                    format!(
                        "duplicate exercise id `{id}`: {} has the same file name",
                        first.file.display()
                    ),
                ));
                continue;
            }
            let loaded = load_guarded(root, &file, &id);
            entries.insert(id, Entry { file, loaded });
        }
        Ok(Catalog {
            entries,
            duplicates,
        })
    }

    pub fn props(&self, id: &str) -> Option<&Result<WidgetProps, Vec<ExerciseError>>> {
        self.entries.get(id).map(|entry| &entry.loaded)
    }

    /// The placeholder HTML for exercise `id`, or why there is none.
    pub fn placeholder(&self, id: &str) -> Result<String, Refusal> {
        match self.props(id) {
            None => Err(Refusal::NoFile(format!(
                "no exercise has this id: expected a file exercises/{id}.toml"
            ))),
            Some(Err(errors)) => Err(Refusal::Broken(
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
            Some(Ok(props)) => {
                let html = catch_unwind(AssertUnwindSafe(|| placeholder(props)));
                html.map_err(|panic| Refusal::NoFile(crashed(&panic)))
            }
        }
    }

    /// Every file's errors, each once, and duplicate ids.
    pub fn errors(&self) -> impl Iterator<Item = &ExerciseError> {
        let files = self
            .entries
            .values()
            .filter_map(|entry| entry.loaded.as_ref().err())
            .flatten();
        files.chain(&self.duplicates)
    }

    /// Files that load but no chapter places, as errors to report.
    pub fn unplaced<'a, V>(
        &'a self,
        placed: &'a BTreeMap<String, V>,
    ) -> impl Iterator<Item = ExerciseError> + 'a {
        self.entries
            .iter()
            .filter(|(id, entry)| entry.loaded.is_ok() && !placed.contains_key(*id))
            .map(|(id, entry)| {
                ExerciseError::whole_file(
                    entry.file.clone(),
                    format!(
                        "no chapter places this exercise: add `{{{{#exercise {id}}}}}` to a chapter, or remove the file"
                    ),
                )
            })
    }
}

/// Why a directive got no widget.
pub enum Refusal {
    /// The directive's own fault: reported at the directive.
    NoFile(String),
    /// The file's errors, already reported at the file: the card shows them.
    Broken(String),
}

/// [`load`], turning a panic (a bug in the preprocessor or the engine) into
/// an error at the file, so one file cannot take the build or `serve` down.
fn load_guarded(root: &Path, file: &Path, id: &str) -> Result<WidgetProps, Vec<ExerciseError>> {
    catch_unwind(AssertUnwindSafe(|| load(root, file, id))).unwrap_or_else(|panic| {
        Err(vec![ExerciseError::whole_file(
            file.into(),
            crashed(&panic),
        )])
    })
}

fn crashed(panic: &Box<dyn std::any::Any + Send>) -> String {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("no message");
    format!("the preprocessor crashed on this exercise ({what}): please report it as a bug")
}

/// The ids `{{#exercise <id>}}` can name.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Why a file's name cannot be an exercise id, if it cannot.
fn invalid_name(file: &Path) -> Option<String> {
    let name = file.file_name()?.to_string_lossy();
    let stem = file.file_stem()?.to_string_lossy();
    let extension = file.extension()?.to_string_lossy();
    if extension != "toml" {
        return Some(format!(
            "the file name ends in `.{extension}`: exercise files end in `.toml` (rename it to `{stem}.toml`)"
        ));
    }
    (!is_id(&stem)).then(|| {
        format!(
            "`{name}` cannot be placed: the name without `.toml` is the exercise's id, \
             which may use only lowercase letters a-z, digits, `-` and `_` (`{stem}` is not one)"
        )
    })
}

fn collect_toml(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let full = root.join(dir);
    if !full.exists() {
        return Ok(());
    }
    let listing = fs::read_dir(&full).with_context(|| format!("cannot list {}", full.display()))?;
    for entry in listing {
        let entry = entry.with_context(|| format!("cannot list {}", full.display()))?;
        let relative = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            collect_toml(root, &relative, files)?;
        } else if relative
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
            // Editors' lock and backup files (`.#x.toml`) are not exercises.
            && !entry.file_name().to_string_lossy().starts_with('.')
        {
            files.push(relative);
        }
    }
    Ok(())
}
