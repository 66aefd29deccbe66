//! Every exercise file under `exercises/`, loaded and checked once per build.

use std::collections::BTreeMap;
use std::fs;
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
            let id = file
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_default()
                .to_string();
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
            let loaded = load(root, &file, &id);
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
    pub fn placeholder(&self, id: &str) -> Result<String, String> {
        match self.props(id) {
            None => Err(format!(
                "no exercise has this id: expected a file exercises/{id}.toml"
            )),
            Some(Err(errors)) => Err(errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")),
            Some(Ok(props)) => Ok(placeholder(props)),
        }
    }

    /// Errors of the files no chapter placed (the placed ones were reported
    /// where they are placed), and duplicate ids.
    pub fn errors_outside<'a, V>(
        &'a self,
        placed: &'a BTreeMap<String, V>,
    ) -> impl Iterator<Item = &'a ExerciseError> {
        let unplaced = self
            .entries
            .iter()
            .filter(|(id, _)| !placed.contains_key(*id))
            .filter_map(|(_, entry)| entry.loaded.as_ref().err())
            .flatten();
        unplaced.chain(&self.duplicates)
    }
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
        } else if relative.extension().is_some_and(|ext| ext == "toml") {
            files.push(relative);
        }
    }
    Ok(())
}
