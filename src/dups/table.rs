//! The duplicate groups of an index: every article's signature, bucketed by
//! LSH bands, and the group each article belongs to. Ingest asks it for the
//! group of each new article; it is kept beside the index
//! ([`DupTable::save`]) and rebuilt from the index's stored bodies when it
//! does not describe the index's last commit.

use super::signature::{mix, Signature, SIG_LEN};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

/// The similarity (estimated Jaccard of the shingle sets) from which two
/// articles are copies, unless `index --dup-threshold` says otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// The file beside the index.
pub const DUPS_FILE: &str = "econ-archive-dups.bin";

const MAGIC: &[u8; 8] = b"EADUPS01";
const NONE: u32 = u32::MAX;
/// Candidates looked at per band, newest first: a band shared by thousands
/// of articles (a template that only a figure changes, boilerplate) says
/// little and would make every insertion look at all of them; copies of a
/// story come close together, so the newest are the ones to look at.
const CHAIN_LIMIT: usize = 16;

/// Why a duplicate threshold is refused.
#[derive(Debug, thiserror::Error)]
#[error("the duplicate threshold must be a number from 0.5 to 1 (a Jaccard similarity), not {0}")]
pub struct ThresholdError(pub String);

/// Checks a threshold given by a user.
pub fn check_threshold(t: f64) -> Result<f64, ThresholdError> {
    if (0.5..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(ThresholdError(t.to_string()))
    }
}

struct Entry {
    id: String,
    /// Index into `groups`; `NONE`: the article's own id is its group's.
    group: u32,
    sig: Signature,
    alive: bool,
}

/// Signatures and groups of the articles of an index.
pub struct DupTable {
    threshold: f64,
    bands: usize,
    rows: usize,
    entries: Vec<Entry>,
    /// Group ids of groups of two or more (singletons are their own).
    groups: Vec<String>,
    group_index: HashMap<String, u32>,
    /// Hash of an id → its live entry.
    by_id: HashMap<u64, u32>,
    /// Band key → newest entry with it.
    heads: HashMap<u64, u32>,
    /// Entry × band → the next older entry with the same band key.
    next: Vec<u32>,
    /// Changed since loaded or saved.
    dirty: bool,
}

impl DupTable {
    /// An empty table grouping at `threshold`.
    pub fn new(threshold: f64) -> DupTable {
        let (bands, rows) = banding(threshold);
        DupTable {
            threshold,
            bands,
            rows,
            entries: Vec::new(),
            groups: Vec::new(),
            group_index: HashMap::new(),
            by_id: HashMap::new(),
            heads: HashMap::new(),
            next: Vec::new(),
            dirty: false,
        }
    }

    /// LSH bands and rows per band in use.
    pub fn banding(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    /// Live articles with a signature.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Changed since it was loaded or saved?
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn live(&self, id: &str) -> Option<u32> {
        let i = *self.by_id.get(&id_hash(id))?;
        (self.entries[i as usize].id == id).then_some(i)
    }

    /// The group of article `id` (its own id when it has no copy).
    pub fn group_of(&self, id: &str) -> Option<String> {
        self.live(id).map(|i| self.group_name(i))
    }

    fn group_name(&self, i: u32) -> String {
        let e = &self.entries[i as usize];
        match e.group {
            NONE => e.id.clone(),
            g => self.groups[g as usize].clone(),
        }
    }

    /// Forgets an article (deleted or about to be replaced).
    pub fn remove(&mut self, id: &str) {
        if let Some(i) = self.live(id) {
            self.entries[i as usize].alive = false;
            self.by_id.remove(&id_hash(id));
            self.dirty = true;
        }
    }

    /// The group of a new (or new version of an) article: the group of its
    /// most similar article at or above the threshold (the earliest on a
    /// tie), else a group of its own named by its id. The article is
    /// remembered for those that come after it.
    pub fn assign(&mut self, id: &str, sig: Option<&Signature>) -> String {
        self.remove(id);
        let Some(sig) = sig else {
            return id.to_string();
        };
        let keys = self.band_keys(sig);
        let mut best: Option<(f64, u32)> = None;
        for (band, key) in keys.iter().enumerate() {
            let mut at = self.heads.get(key).copied().unwrap_or(NONE);
            let mut walked = 0;
            while at != NONE && walked < CHAIN_LIMIT {
                walked += 1;
                let e = &self.entries[at as usize];
                // an article found through several bands is looked at again:
                // cheaper than remembering which were seen
                if e.alive {
                    let j = sig.jaccard(&e.sig);
                    let better = match best {
                        None => true,
                        Some((bj, bi)) => j > bj || (j == bj && at < bi),
                    };
                    if j >= self.threshold && better {
                        best = Some((j, at));
                    }
                    if j >= 1.0 {
                        // an identical copy: none can be closer
                        break;
                    }
                }
                at = self.next[at as usize * self.bands + band];
            }
        }
        let group = match best {
            Some((_, b)) => {
                let name = self.group_name(b);
                let g = self.intern(&name);
                self.entries[b as usize].group = g;
                g
            }
            None => NONE,
        };
        self.insert(id, group, *sig, &keys);
        match group {
            NONE => id.to_string(),
            g => self.groups[g as usize].clone(),
        }
    }

    /// Remembers an article whose group is already known (loading, repair).
    pub fn restore(&mut self, id: &str, group: &str, sig: Signature) {
        self.remove(id);
        let g = if group == id {
            NONE
        } else {
            self.intern(group)
        };
        let keys = self.band_keys(&sig);
        self.insert(id, g, sig, &keys);
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&g) = self.group_index.get(name) {
            return g;
        }
        let g = self.groups.len() as u32;
        self.groups.push(name.to_string());
        self.group_index.insert(name.to_string(), g);
        g
    }

    fn insert(&mut self, id: &str, group: u32, sig: Signature, keys: &[u64]) {
        let i = self.entries.len() as u32;
        self.entries.push(Entry {
            id: id.to_string(),
            group,
            sig,
            alive: true,
        });
        for &key in keys {
            let old = self.heads.insert(key, i).unwrap_or(NONE);
            self.next.push(old);
        }
        self.by_id.insert(id_hash(id), i);
        self.dirty = true;
    }

    fn band_keys(&self, sig: &Signature) -> Vec<u64> {
        (0..self.bands)
            .map(|b| {
                let mut packed = 0u64;
                for &v in &sig.0[b * self.rows..(b + 1) * self.rows] {
                    packed = packed << 8 | u64::from(v);
                }
                mix(packed ^ ((b as u64 + 1) << 56) ^ (self.rows as u64) << 48)
            })
            .collect()
    }

    /// Groups of two or more live articles: (group id, members).
    pub fn groups(&self) -> Vec<(String, Vec<String>)> {
        let mut by: HashMap<u32, Vec<String>> = HashMap::new();
        for e in self.entries.iter().filter(|e| e.alive && e.group != NONE) {
            by.entry(e.group).or_default().push(e.id.clone());
        }
        let mut out: Vec<(String, Vec<String>)> = by
            .into_iter()
            .filter(|(_, m)| m.len() > 1)
            .map(|(g, m)| (self.groups[g as usize].clone(), m))
            .collect();
        out.sort();
        out
    }

    /// Writes the live articles to `dir`'s [`DUPS_FILE`] (through a
    /// temporary file, so a reader sees the old or the new one), tagged with
    /// the commit it describes.
    pub fn save(&mut self, dir: &Path, commit: u64) -> std::io::Result<()> {
        let tmp = dir.join(format!("{DUPS_FILE}.tmp"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        w.write_all(&commit.to_le_bytes())?;
        w.write_all(&(self.by_id.len() as u64).to_le_bytes())?;
        for e in self.entries.iter().filter(|e| e.alive) {
            let group = match e.group {
                NONE => "",
                g => self.groups[g as usize].as_str(),
            };
            write_str(&mut w, &e.id)?;
            write_str(&mut w, if group == e.id { "" } else { group })?;
            w.write_all(&e.sig.0)?;
        }
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(tmp, dir.join(DUPS_FILE))?;
        self.dirty = false;
        Ok(())
    }

    /// Reads `dir`'s [`DUPS_FILE`] if it describes `commit`.
    pub fn load(dir: &Path, commit: u64, threshold: f64) -> Option<DupTable> {
        let bytes = std::fs::read(dir.join(DUPS_FILE)).ok()?;
        let mut r = bytes.as_slice();
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic).ok()?;
        if &magic != MAGIC || read_u64(&mut r)? != commit {
            return None;
        }
        let n = read_u64(&mut r)?;
        let mut table = DupTable::new(threshold);
        for _ in 0..n {
            let id = read_str(&mut r)?;
            let group = read_str(&mut r)?;
            let mut sig = [0u8; SIG_LEN];
            r.read_exact(&mut sig).ok()?;
            let group = if group.is_empty() { id.clone() } else { group };
            table.restore(&id, &group, Signature(sig));
        }
        table.dirty = false;
        Some(table)
    }
}

fn write_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn read_u64(r: &mut &[u8]) -> Option<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).ok()?;
    Some(u64::from_le_bytes(b))
}

fn read_str(r: &mut &[u8]) -> Option<String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).ok()?;
    let len = u32::from_le_bytes(b) as usize;
    let s = r.get(..len)?;
    *r = &r[len..];
    String::from_utf8(s.to_vec()).ok()
}

fn id_hash(id: &str) -> u64 {
    let h = blake3::hash(id.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().unwrap_or([0; 8]))
}

/// A group id as the index's fast column keeps it.
pub fn group_key(group: &str) -> u64 {
    id_hash(group)
}

/// Bands and rows for a threshold: the signature split into `b` bands of
/// `r` values (b·r ≤ 64) with the longest bands (fewest look-ups and
/// buckets) that still make a pair at the threshold a candidate with a
/// chance of 99% or more. Candidates are checked against the threshold, so
/// looking at more pairs costs time, not precision. The chance that two
/// 8-bit values agree is J + (1 − J)/256.
fn banding(threshold: f64) -> (usize, usize) {
    let candidate = |j: f64, b: usize, r: usize| {
        let p = j + (1.0 - j) / 256.0;
        1.0 - (1.0 - p.powi(r as i32)).powi(b as i32)
    };
    (1..=8)
        .rev()
        .map(|r| (SIG_LEN / r, r))
        .find(|&(b, r)| candidate(threshold, b, r) >= 0.99)
        .unwrap_or((SIG_LEN, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The Bundesbank left its discount rate unchanged at 3.0 pct on Thursday. \
        Bundesbank president Karl Otto Poehl said the decision was unanimous. \
        He said the central bank council saw no reason to act on interest rates now. \
        Dealers had expected no change after the dollar steadied in recent weeks. \
        The Lombard rate also stays at 5.0 pct, a spokesman said.";

    #[test]
    fn copies_join_the_first_articles_group() {
        let mut t = DupTable::new(0.8);
        let s = Signature::of(STORY);
        assert_eq!(t.assign("a", s.as_ref()), "a");
        let reprint = STORY.replace("on Thursday", "on Thursday in Frankfurt");
        assert_eq!(t.assign("b", Signature::of(&reprint).as_ref()), "a");
        let other = "Wheat futures fell in Chicago as rain improved crop prospects. \
            Corn followed, traders said, and soybeans were mixed in quiet trade.";
        assert_eq!(t.assign("c", Signature::of(other).as_ref()), "c");
        assert_eq!(
            t.groups(),
            vec![("a".to_string(), vec!["a".into(), "b".into()])]
        );
        // the first article gone, a new copy still joins the group by name
        t.remove("a");
        assert_eq!(t.assign("d", s.as_ref()), "a");
        assert_eq!(t.assign("e", None), "e");
    }

    #[test]
    fn saved_tables_load_only_for_their_commit() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = DupTable::new(0.8);
        let s = Signature::of(STORY);
        t.assign("a", s.as_ref());
        t.assign("b", s.as_ref());
        t.save(dir.path(), 7).unwrap();
        assert!(DupTable::load(dir.path(), 8, 0.8).is_none());
        let mut back = DupTable::load(dir.path(), 7, 0.8).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back.group_of("b").as_deref(), Some("a"));
        assert_eq!(back.assign("c", s.as_ref()), "a");
    }

    #[test]
    fn banding_suits_the_threshold() {
        assert_eq!(DupTable::new(0.8).banding(), (12, 5));
        assert_eq!(DupTable::new(0.9).banding(), (9, 7));
        assert_eq!(DupTable::new(0.5).banding(), (32, 2));
    }
}
