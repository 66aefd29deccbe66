//! What one step showed, in terms both sides can produce: each read a page
//! rendered (who, which read, how the cache answered, the value shown), the
//! error texts thrown, the warnings Next.js logs, and the status of each
//! server response.

use std::fmt;

/// How the cache answered a read, as far as can be seen from outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A valid entry was served.
    Hit,
    /// The old value was served, and a recompute ran behind it.
    Stale,
    /// The value was computed for this render (no entry, expired, or not cached).
    Computed,
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Answer::Hit => "hit",
            Answer::Stale => "stale",
            Answer::Computed => "computed",
        })
    }
}

/// One read on a rendered page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub read: String,
    pub answer: Answer,
    pub value: String,
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} \"{}\"", self.read, self.answer, self.value)
    }
}

/// Everything one step showed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    pub reads: Vec<Seen>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub statuses: Vec<u16>,
}

/// Text that only Next.js's own warnings contain, one per warning the model
/// logs with Next.js's words (the one-argument `revalidateTag`, a dynamic
/// path without `type`, tags dropped for length or count).
const WARNING_MARKS: [&str; 4] = [
    "without the second argument is now deprecated",
    "was passed to \"revalidatePath\", but the \"type\"",
    "invalid tags passed to",
    "exceeded max tag count",
];

/// Each of Next.js's warnings in a server's output, without the sign the
/// terminal puts before it; an "invalid tags" warning goes on over the
/// lines that name the tags.
pub fn warnings_in(output: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut lines = output.lines().peekable();
    while let Some(line) = lines.next() {
        if !WARNING_MARKS.iter().any(|mark| line.contains(mark)) {
            continue;
        }
        let mut warning = line
            .trim_start()
            .trim_start_matches('⚠')
            .trim_start()
            .to_string();
        while let Some(tag) = lines.next_if(|next| next.starts_with("tag: ")) {
            warning.push('\n');
            warning.push_str(tag);
        }
        warnings.push(warning);
    }
    warnings
}

impl fmt::Display for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self.reads.iter().map(Seen::to_string).collect();
        parts.extend(self.statuses.iter().map(|status| format!("HTTP {status}")));
        parts.extend(self.errors.iter().map(|error| format!("threw: {error}")));
        parts.extend(
            self.warnings
                .iter()
                .map(|warning| format!("warned: {warning}")),
        );
        if parts.is_empty() {
            f.write_str("(nothing shown)")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}
