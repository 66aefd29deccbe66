//! What deflate would spend on a function body placed after the bodies
//! already laid out: a greedy LZ77 parse against deflate's 32 KB window (and
//! the body itself), priced in approximate bits.
//!
//! The layout pass asks this of dozens of candidates at every step. Asking
//! real deflate means compressing the whole window again for each candidate,
//! which at 32 KB took minutes; this keeps zlib-style hash chains of the laid
//! out bytes, so each question costs about one pass over the candidate.

/// Deflate's window.
const WINDOW: usize = 32 * 1024;
/// Shorter matches rarely pay for themselves in deflate's codes.
const MIN_MATCH: usize = 4;
const MAX_MATCH: usize = 258;
/// How many earlier occurrences of a 4-byte key are tried (zlib's default
/// level tries up to 128; the estimate needs far less).
const CHAIN: usize = 16;
const HASH_BITS: u32 = 15;
const NONE: u32 = u32::MAX;

/// What a literal and a match cost, in bits. Deflate's real prices depend
/// on its Huffman tables, which depend on the whole block; these stand in.
#[derive(Clone, Copy, Debug)]
pub struct Prices {
    pub literal: u64,
    /// A match's length and distance codes, before the distance's extra
    /// bits, which grow with its magnitude.
    pub matched: u64,
}

impl Prices {
    fn of_match(self, distance: usize) -> u64 {
        let magnitude = u64::from(usize::BITS - distance.leading_zeros());
        self.matched + magnitude.saturating_sub(2)
    }
}

/// The laid-out bytes, indexed for matching.
pub struct Stream {
    bytes: Vec<u8>,
    /// Positions below this are in the chains.
    indexed: usize,
    head: Vec<u32>,
    prev: Vec<u32>,
    /// The same for the candidate being priced; `local_stamp` marks which
    /// `local_head` entries belong to it, so nothing is cleared between them.
    local_head: Vec<u32>,
    local_stamp: Vec<u32>,
    local_prev: Vec<u32>,
    stamp: u32,
}

impl Stream {
    pub fn new() -> Stream {
        Stream {
            bytes: Vec::new(),
            indexed: 0,
            head: vec![NONE; 1 << HASH_BITS],
            prev: Vec::new(),
            local_head: vec![NONE; 1 << HASH_BITS],
            local_stamp: vec![0; 1 << HASH_BITS],
            local_prev: Vec::new(),
            stamp: 0,
        }
    }

    /// Lays `body` out after what is already there.
    pub fn push(&mut self, body: &[u8]) {
        self.bytes.extend_from_slice(body);
        self.prev.resize(self.bytes.len(), NONE);
        while self.indexed + MIN_MATCH <= self.bytes.len() {
            let key = hash(&self.bytes[self.indexed..]);
            self.prev[self.indexed] = self.head[key];
            self.head[key] = self.indexed as u32;
            self.indexed += 1;
        }
    }

    /// About how many bits deflate spends on `body` if it comes next.
    pub fn cost(&mut self, body: &[u8], prices: Prices) -> u64 {
        self.stamp = self.stamp.wrapping_add(1);
        self.local_prev.clear();
        self.local_prev.resize(body.len(), NONE);
        let mut bits = 0;
        let mut at = 0;
        while at < body.len() {
            let (length, distance) = self.longest(body, at);
            let taken = if length >= MIN_MATCH {
                bits += prices.of_match(distance);
                length
            } else {
                bits += prices.literal;
                1
            };
            for position in at..at + taken {
                self.index_local(body, position);
            }
            at += taken;
        }
        bits
    }

    /// The longest match for `body[at..]`, as (length, distance).
    fn longest(&self, body: &[u8], at: usize) -> (usize, usize) {
        if at + MIN_MATCH > body.len() {
            return (0, 0);
        }
        let key = hash(&body[at..]);
        let wanted = &body[at..body.len().min(at + MAX_MATCH)];
        let mut best = (0, 0);
        let mut earlier = if self.local_stamp[key] == self.stamp {
            self.local_head[key]
        } else {
            NONE
        };
        for _ in 0..CHAIN {
            if earlier == NONE {
                break;
            }
            let from = earlier as usize;
            let length = common(body[from..].iter(), wanted);
            if length > best.0 {
                best = (length, at - from);
            }
            earlier = self.local_prev[from];
        }
        let laid = self.bytes.len();
        let mut earlier = self.head[key];
        for _ in 0..CHAIN {
            if earlier == NONE {
                break;
            }
            let from = earlier as usize;
            let distance = laid - from + at;
            if distance > WINDOW {
                break;
            }
            let length = common(self.bytes[from..].iter().chain(body), wanted);
            if length > best.0 {
                best = (length, distance);
            }
            earlier = self.prev[from];
        }
        best
    }

    fn index_local(&mut self, body: &[u8], position: usize) {
        if position + MIN_MATCH > body.len() {
            return;
        }
        let key = hash(&body[position..]);
        if self.local_stamp[key] == self.stamp {
            self.local_prev[position] = self.local_head[key];
        }
        self.local_head[key] = position as u32;
        self.local_stamp[key] = self.stamp;
    }
}

fn hash(bytes: &[u8]) -> usize {
    let key = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    (key.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

fn common<'a>(earlier: impl Iterator<Item = &'a u8>, wanted: &[u8]) -> usize {
    earlier.zip(wanted).take_while(|(a, b)| a == b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRICES: Prices = Prices {
        literal: 8,
        matched: 13,
    };

    #[test]
    fn a_body_costs_less_after_one_like_it() {
        let body: Vec<u8> = (0..200u32).map(|n| (n * 7 % 251) as u8).collect();
        let unlike: Vec<u8> = (0..200u32).map(|n| (n * 13 % 241) as u8).collect();
        let mut stream = Stream::new();
        let alone = stream.cost(&body, PRICES);
        assert_eq!(alone, 200 * PRICES.literal, "nothing repeats in it");
        stream.push(&unlike);
        assert_eq!(
            stream.cost(&body, PRICES),
            alone,
            "nothing to match after unlike"
        );
        stream.push(&body);
        assert!(
            stream.cost(&body, PRICES) < alone / 10,
            "one match after itself"
        );
    }

    #[test]
    fn a_body_repeating_itself_is_cheap_on_its_own() {
        let mut stream = Stream::new();
        let twice: Vec<u8> = [b"0123456789abcdef".as_slice(); 2].concat();
        assert_eq!(
            stream.cost(&twice, PRICES),
            16 * PRICES.literal + PRICES.of_match(16),
            "sixteen literals, then one match sixteen back"
        );
    }

    #[test]
    fn the_window_ends_at_32_kb() {
        let body = b"a body of its own";
        let mut stream = Stream::new();
        stream.push(body);
        let near = stream.cost(body, PRICES);
        let filler: Vec<u8> = (0..WINDOW as u32)
            .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        stream.push(&filler);
        assert!(
            stream.cost(body, PRICES) > near,
            "beyond the window it is new again"
        );
    }
}
