//! Moving between the numbered steps of a widget (the walkthrough's steps,
//! the race's): the buttons, the slider and the keys all ask for a `Move`.

/// A move between steps.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Move {
    Previous,
    Next,
    First,
    Last,
    To(usize),
}

impl Move {
    /// The step this move reaches from `at`, kept within the `count` steps.
    pub fn from(self, at: usize, count: usize) -> usize {
        let last = count.saturating_sub(1);
        match self {
            Move::Previous => at.saturating_sub(1),
            Move::Next => (at + 1).min(last),
            Move::First => 0,
            Move::Last => last,
            Move::To(step) => step.min(last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Move;

    #[test]
    fn moves_stay_within_the_steps() {
        assert_eq!(Move::Previous.from(0, 5), 0);
        assert_eq!(Move::Next.from(4, 5), 4);
        assert_eq!(Move::Next.from(1, 5), 2);
        assert_eq!(Move::Last.from(2, 5), 4);
        assert_eq!(Move::To(9).from(2, 5), 4);
        assert_eq!(Move::First.from(3, 5), 0);
    }
}
