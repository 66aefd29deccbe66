//! A widget element's state, for CSS and tests: `data-state="lifted over"`,
//! matched by `[data-state~="lifted"]`.
//!
//! Classes would read the same, but a class that varies goes through Yew's
//! `Classes`, a hashed set that costs the bundle kilobytes for what is a
//! space-separated string here (`cargo xtask test` refuses it).

/// The names whose flag is set, space-separated; `None`, so no attribute,
/// when none is.
pub fn states(flags: &[(bool, &str)]) -> Option<String> {
    let mut names = String::new();
    for (_, name) in flags.iter().filter(|(on, _)| *on) {
        if !names.is_empty() {
            names.push(' ');
        }
        names.push_str(name);
    }
    (!names.is_empty()).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::states;

    #[test]
    fn names_the_states_that_hold_and_nothing_when_none_does() {
        assert_eq!(
            states(&[(true, "lifted"), (false, "dragging"), (true, "in-place")]).as_deref(),
            Some("lifted in-place")
        );
        assert_eq!(states(&[(false, "lifted")]), None);
    }
}
