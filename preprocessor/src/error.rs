use std::fmt;
use std::path::PathBuf;

/// A problem in an exercise file, pointing at the place an author must edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseError {
    /// The file, relative to the book's root.
    pub file: PathBuf,
    /// 1-based line and column; `None` when the problem is the whole file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ExerciseError {
    pub fn whole_file(file: PathBuf, message: impl Into<String>) -> Self {
        ExerciseError {
            file,
            position: None,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of `source`.
    pub fn at(file: PathBuf, source: &str, offset: usize, message: impl Into<String>) -> Self {
        ExerciseError {
            file,
            position: Some(line_and_column(source, offset)),
            message: message.into(),
        }
    }
}

fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    // A byte-order mark is not a column an editor shows.
    let line_text = before[line_start..].trim_start_matches('\u{feff}');
    (line, line_text.chars().count() + 1)
}

impl fmt::Display for ExerciseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ExerciseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let source = "a = 1\nbé = 2\n";
        let error = ExerciseError::at("x.toml".into(), source, source.find('=').unwrap(), "bad");
        assert_eq!(error.to_string(), "x.toml:1:3: bad");
        let error = ExerciseError::at("x.toml".into(), source, source.rfind('=').unwrap(), "bad");
        assert_eq!(error.to_string(), "x.toml:2:4: bad");
        let source = "\u{feff}a = 1";
        let error = ExerciseError::at("x.toml".into(), source, source.find('=').unwrap(), "bad");
        assert_eq!(error.to_string(), "x.toml:1:3: bad", "a BOM is no column");
    }
}
