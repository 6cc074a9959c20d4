//! Reading a text fast column for many documents at once.

/// The first value of a text column for each of `docs`, in the order of
/// the column's dictionary, read in one pass over it: looking each up on its
/// own decompresses a dictionary block per document (a fresh decompressor
/// each time), which was a quarter of re-indexing a changed file.
pub(crate) fn strs_of_docs(
    col: &tantivy::columnar::StrColumn,
    docs: &[u32],
) -> std::io::Result<Vec<(u32, String)>> {
    let mut by_ord: Vec<(u64, u32)> = docs
        .iter()
        .filter_map(|&d| col.ords().first(d).map(|o| (o, d)))
        .collect();
    by_ord.sort_unstable();
    let mut ords: Vec<u64> = by_ord.iter().map(|&(o, _)| o).collect();
    ords.dedup();
    let mut out = Vec::with_capacity(by_ord.len());
    let mut next = by_ord.iter().peekable();
    let mut ord_at = ords.iter();
    col.dictionary().sorted_ords_to_term_cb(&ords, |term| {
        let (Some(&ord), Ok(text)) = (ord_at.next(), std::str::from_utf8(term)) else {
            return;
        };
        while let Some(&&(o, d)) = next.peek() {
            if o > ord {
                break;
            }
            next.next();
            if o == ord {
                out.push((d, text.to_string()));
            }
        }
    })?;
    Ok(out)
}
