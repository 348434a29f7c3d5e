//! What a JSON string must escape: control characters, `"` and `\`. One check, shared by the
//! JSON writers (for every string they write) and rubric text (which works it out once, when
//! it is made, so a report does not scan the same text again).

/// The bytes JSON strings escape: controls, `"` and `\`.
pub(crate) static ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        escaped[b] = true;
        b += 1;
    }
    escaped[b'"' as usize] = true;
    escaped[b'\\' as usize] = true;
    escaped
};

/// Whether any byte of `bytes` needs escaping: 32 bytes at a time (a loop the compiler turns
/// into vector compares), then eight at a time, short text by a table.
pub(crate) fn has_escapes(bytes: &[u8]) -> bool {
    let word = |eight: &[u8]| u64::from_ne_bytes(eight.try_into().unwrap_or([b' '; 8]));
    if bytes.len() < 8 {
        // Keys and short values: a table, without stopping early.
        return bytes
            .iter()
            .fold(false, |found, &b| found | ESCAPED[usize::from(b)]);
    }
    let (blocks, rest) = bytes.as_chunks::<32>();
    if blocks.iter().any(block_needs_escape) {
        return true;
    }
    if rest.len() < 8 {
        // The last eight bytes cover what is left (overlapping the blocks before).
        return needs_escape(word(&bytes[bytes.len() - 8..]));
    }
    let words = rest.chunks_exact(8);
    words.into_iter().any(|w| needs_escape(word(w))) || needs_escape(word(&rest[rest.len() - 8..]))
}

/// Whether any of 32 bytes needs escaping, without branches: `(b ^ 2) < 0x21` holds exactly
/// for the controls (under 0x20) and `"` (0x22, which `^ 2` turns into 0x20).
fn block_needs_escape(block: &[u8; 32]) -> bool {
    block.iter().fold(0u8, |found, &b| {
        found | u8::from((b ^ 2) < 0x21) | u8::from(b == b'\\')
    }) != 0
}

/// Eight copies of a byte, for comparing eight bytes at once.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// Whether any of the eight bytes in `word` needs escaping in a JSON string: a control byte
/// (under 0x20), `"` or `\`. Bytes of multi-byte characters (0x80 and up) never do.
fn needs_escape(word: u64) -> bool {
    // The classic "has a byte less than n" and "has a zero byte" tests: exact as yes/no answers.
    let below_space = word.wrapping_sub(splat(0x20)) & !word;
    let quote = word ^ splat(b'"');
    let backslash = word ^ splat(b'\\');
    let is_quote = quote.wrapping_sub(splat(1)) & !quote;
    let is_backslash = backslash.wrapping_sub(splat(1)) & !backslash;
    (below_space | is_quote | is_backslash) & splat(0x80) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte JSON escapes, at every place in text of every length up to 80 bytes, is
    /// found; no other byte is.
    #[test]
    fn every_byte_to_escape_is_found_wherever_it_is() {
        for len in 0..80 {
            let plain = vec![b'a'; len];
            assert!(!has_escapes(&plain));
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = plain.clone();
                    bytes[at] = byte;
                    assert_eq!(
                        has_escapes(&bytes),
                        ESCAPED[usize::from(byte)],
                        "byte {byte:#x} at {at} of {len}"
                    );
                }
            }
        }
    }
}
