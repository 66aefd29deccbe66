//! Line ranges as authors write them: `"3-5, 9"`.

/// An inclusive, 1-based range of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    pub fn contains(self, line: usize) -> bool {
        (self.first..=self.last).contains(&line)
    }
}

/// Parses `"3-5, 9"`; the error says what is wrong in words.
pub fn parse_lines(text: &str) -> Result<Vec<LineRange>, String> {
    let ranges = text
        .split(',')
        .map(|part| {
            let part = part.trim();
            let (first, last) = part.split_once('-').unwrap_or((part, part));
            let number = |n: &str| {
                n.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| {
                        format!("`{part}` is not a line number or a range such as `3-5`")
                    })
            };
            let (first, last) = (number(first)?, number(last)?);
            if first > last {
                return Err(format!("`{part}` runs backwards"));
            }
            Ok(LineRange { first, last })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_lines_and_ranges() {
        let ranges = parse_lines("3-5, 9").unwrap();
        assert_eq!(
            ranges,
            [
                LineRange { first: 3, last: 5 },
                LineRange { first: 9, last: 9 }
            ]
        );
        assert!(ranges[0].contains(4) && !ranges[0].contains(6));
    }

    #[test]
    fn refuses_what_is_not_a_range() {
        assert!(parse_lines("").unwrap_err().contains("not a line number"));
        assert!(parse_lines("0").is_err());
        assert!(parse_lines("5-3").unwrap_err().contains("backwards"));
        assert!(parse_lines("a-b").is_err());
    }
}
