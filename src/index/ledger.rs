//! What the embedded index holds, article by article: the ledger a push to
//! a search cluster is reconciled against (see `crate::cluster`).

use super::embedded::EmbeddedIndex;
use crate::article::Article;
use crate::error::Error;
use tantivy::{DocAddress, TantivyDocument};

/// One indexed article: its id, the hash of the record version it was
/// made from (with the enrichment settings), and where it is.
#[derive(Debug, Clone)]
pub struct LedgerEntry {
    pub id: String,
    pub hash: u64,
    address: DocAddress,
}

/// Every live article of one commit of the index.
pub struct Ledger {
    pub entries: Vec<LedgerEntry>,
    /// Names this commit: the same segments with the same deletions.
    pub fingerprint: String,
    searcher: tantivy::Searcher,
    fields: super::schema::Fields,
}

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

impl EmbeddedIndex {
    /// The ids and hashes of every article of the last commit, read from
    /// the fast columns (no document is loaded).
    pub fn ledger(&self) -> Result<Ledger, Error> {
        self.reload_reader()?;
        let searcher = self.searcher()?;
        let mut entries = Vec::with_capacity(searcher.num_docs() as usize);
        let mut segments = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            segments.push(format!(
                "{}-{}",
                reader.segment_id().uuid_string(),
                reader.num_deleted_docs()
            ));
            let ff = reader.fast_fields();
            let (Some(ids), hashes) = (ff.str("id")?, ff.u64("hash")?) else {
                continue;
            };
            let docs: Vec<u32> = reader.doc_ids_alive().collect();
            for (doc, id) in strs_of_docs(&ids, &docs)? {
                entries.push(LedgerEntry {
                    id,
                    hash: hashes.first(doc).unwrap_or(0),
                    address: DocAddress::new(ord as u32, doc),
                });
            }
        }
        segments.sort();
        Ok(Ledger {
            entries,
            fingerprint: segments.join(","),
            searcher,
            fields: self.fields.clone(),
        })
    }
}

impl Ledger {
    /// The articles of some entries, as a search would return them, in
    /// the order given.
    pub fn articles(&self, entries: &[&LedgerEntry]) -> Result<Vec<Article>, Error> {
        let mut order: Vec<(usize, DocAddress)> =
            entries.iter().map(|e| e.address).enumerate().collect();
        // The doc store reads fastest in its own order.
        order.sort_unstable_by_key(|&(_, a)| a);
        let mut out: Vec<Option<Article>> = vec![None; entries.len()];
        for (i, addr) in order {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            out[i] = Some(self.fields.to_article(&doc));
        }
        Ok(out.into_iter().flatten().collect())
    }
}
