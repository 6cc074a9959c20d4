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
            for (doc, id) in super::columns::strs_of_docs(&ids, &docs)? {
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
