//! The duplicate groups of an index: every article's signature, bucketed by
//! LSH bands, and the group each article belongs to. Ingest asks it for the
//! group of each new article; it is kept beside the index
//! ([`DupTable::save`]) and rebuilt from the index's stored bodies when it
//! does not describe the index's last commit.

use super::signature::{mix, Signature, SIG_LEN};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::{Read, Write};
use std::path::Path;

/// The similarity (estimated Jaccard of the shingle sets) from which two
/// articles are copies, unless `index --dup-threshold` says otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// Two articles are copies too when one holds this share of the other's
/// shingles (or the threshold, if higher; not at a threshold of 1) and they
/// share at least [`MIN_JACCARD`] of all: a reprint with a credit line added, or a short
/// item with its last line cut, keeps the whole story while its Jaccard
/// similarity falls far below 0.8 (a 10-shingle item with a 6-shingle credit
/// line: 0.625). Templated items of different hours or days (a price table,
/// a notice with another figure) mostly hold 0.86–0.88 of each other's
/// shingles: 0.9 keeps most of them apart (on Reuters-21578, 2 of 30
/// sampled pairs it adds are such items, against 9 of 30 at 0.85).
pub const CONTAINMENT: f64 = 0.9;

/// The least Jaccard similarity of two copies: a short item is not a copy
/// of a long story because the story quotes it whole.
pub const MIN_JACCARD: f64 = 0.5;

/// How far below the threshold two articles with the same figures are
/// still copies. The estimate from 64 one-byte values is within about 0.03
/// of the true similarity, so a reprint whose true similarity is just
/// above the threshold came out below it one time in three (on a million
/// generated reprints, 70% of the copies missed were at a true 0.8 or
/// more). Within this margin the figures decide: on Reuters-21578 the 17
/// pairs it would add without them are 10 updates of one story (the same
/// figures) and 7 template items of other days (the Fed's operations, two
/// dividend notices), whose figures differ.
pub const NEAR_MARGIN: f64 = 0.05;

/// The file beside the index.
pub const DUPS_FILE: &str = "econ-archive-dups.bin";

const MAGIC: &[u8; 8] = b"EADUPS04";
/// The keys are hashes already: a fast hasher is enough (the default one
/// was a tenth of the table's time).
type Fast = foldhash::fast::RandomState;
const NONE: u32 = u32::MAX;
/// LSH bands of [`ROWS`] values each (63 of the 64): a pair at Jaccard 0.5
/// shares a band, and so is looked at, with a chance of 94%, at 0.6 of
/// 99.4%, at 0.8 of 99.99%. Three bytes make 16.7 million band keys, so
/// unrelated articles rarely share one even at ten million articles.
const BANDS: usize = 21;
const ROWS: usize = 3;
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
    /// The id's bytes in `DupTable::ids`.
    id_at: u64,
    id_len: u32,
    /// Index into `groups`; `NONE`: the article's own id is its group's.
    group: u32,
    sig: Signature,
    alive: bool,
}

/// Signatures and groups of the articles of an index.
pub struct DupTable {
    threshold: f64,
    containment: f64,
    entries: Vec<Entry>,
    /// Every entry's id, one after the other: a string each would cost
    /// 40 bytes more an article.
    ids: String,
    /// Group ids of groups of two or more (singletons are their own).
    groups: Vec<String>,
    /// Each group's first entry: the older group wins when a new article
    /// is a copy of members of two.
    founders: Vec<u32>,
    group_index: HashMap<String, u32>,
    /// Hash of an id → its live entry.
    by_id: HashMap<u64, u32, Fast>,
    /// Band key (folded to 32 bits: a collision only lengthens a chain,
    /// whose entries are compared anyway) → newest entry with it.
    heads: HashMap<u32, u32, Fast>,
    /// Entry × band → the next older entry with the same band key.
    next: Vec<u32>,
    /// Changed since loaded or saved.
    dirty: bool,
}

impl DupTable {
    /// An empty table grouping at `threshold`.
    pub fn new(threshold: f64) -> DupTable {
        DupTable {
            threshold,
            containment: CONTAINMENT.max(threshold),
            entries: Vec::new(),
            ids: String::new(),
            groups: Vec::new(),
            founders: Vec::new(),
            group_index: HashMap::new(),
            by_id: HashMap::default(),
            heads: HashMap::default(),
            next: Vec::new(),
            dirty: false,
        }
    }

    /// Room for `n` more articles (and `id_bytes` of ids) at once, not by
    /// doubling: loading a million articles grew each map a score of times.
    fn reserve(&mut self, n: usize, id_bytes: usize, keys: usize) {
        self.entries.reserve(n);
        self.ids.reserve(id_bytes);
        self.next.reserve(n * BANDS);
        self.heads.reserve(keys);
        self.by_id.reserve(n);
    }

    /// Are two articles copies? Their estimated Jaccard similarity reaches
    /// the threshold; or, with the same figures, it comes within
    /// [`NEAR_MARGIN`] of it or one holds the other (see [`CONTAINMENT`]).
    fn copies(&self, a: &Signature, b: &Signature) -> bool {
        let j = a.jaccard(b);
        if j >= self.threshold {
            return true;
        }
        // at 1, identical sets only: an estimate of containment is cut at 1,
        // so a body held to 95% would pass
        self.threshold < 1.0
            && j >= MIN_JACCARD
            && ((j >= self.threshold - NEAR_MARGIN && a.figures_agree(b, false))
                || (a.containment(b, j) >= self.containment && a.figures_agree(b, true)))
    }

    /// How old an entry's group is (its first entry).
    fn group_age(&self, i: u32) -> u32 {
        match self.entries[i as usize].group {
            NONE => i,
            g => self.founders[g as usize],
        }
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
        let i = *self.by_id.get(&self.key_of(id))?;
        (self.id(i) == id).then_some(i)
    }

    /// The group of article `id` (its own id when it has no copy).
    pub fn group_of(&self, id: &str) -> Option<String> {
        self.live(id).map(|i| self.group_name(i))
    }

    /// An id's key in `by_id` (in memory only: a fast hash, where the
    /// group keys the index keeps are BLAKE3).
    fn key_of(&self, id: &str) -> u64 {
        self.by_id.hasher().hash_one(id)
    }

    fn id(&self, i: u32) -> &str {
        let e = &self.entries[i as usize];
        let at = e.id_at as usize;
        self.ids.get(at..at + e.id_len as usize).unwrap_or("")
    }

    fn group_name(&self, i: u32) -> String {
        let e = &self.entries[i as usize];
        match e.group {
            NONE => self.id(i).to_string(),
            g => self.groups[g as usize].clone(),
        }
    }

    /// Forgets an article (deleted or about to be replaced).
    pub fn remove(&mut self, id: &str) {
        if let Some(i) = self.live(id) {
            self.entries[i as usize].alive = false;
            self.by_id.remove(&self.key_of(id));
            self.dirty = true;
        }
    }

    /// The group of a new (or new version of an) article: of the articles
    /// it is a copy of, the group that is oldest, else a group of its own
    /// named by its id. The oldest rather than the most similar: a copy that
    /// once missed its story's group (a short item, an estimate just under
    /// the threshold) starts a group of its own, and later copies, being
    /// like both, must not follow it. The article is remembered for those
    /// that come after it.
    pub fn assign(&mut self, id: &str, sig: Option<&Signature>) -> String {
        self.remove(id);
        let Some(sig) = sig else {
            return id.to_string();
        };
        let keys = band_keys(sig);
        // (group age, entry)
        let mut best: Option<(u32, u32)> = None;
        for (band, key) in keys.iter().enumerate() {
            let mut at = self.heads.get(key).copied().unwrap_or(NONE);
            let mut walked = 0;
            while at != NONE && walked < CHAIN_LIMIT {
                walked += 1;
                let e = &self.entries[at as usize];
                // A member of the best group so far, or of a younger one,
                // cannot change the answer: not compared. An article found
                // through several bands is looked at again, which is cheaper
                // than remembering which were seen.
                let age = self.group_age(at);
                if e.alive && best.is_none_or(|(ba, _)| age < ba) && self.copies(sig, &e.sig) {
                    best = Some((age, at));
                }
                at = self.next[at as usize * BANDS + band];
            }
        }
        let group = match best {
            Some((_, b)) => {
                let name = self.group_name(b);
                let g = self.intern(&name, b);
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
        let at = self.entries.len() as u32;
        let g = if group == id {
            NONE
        } else {
            // the article the group is named by, when still here, is its
            // first: both then carry the group (and its age)
            let named = self.live(group);
            let g = self.intern(group, named.unwrap_or(at));
            if let Some(n) = named {
                self.entries[n as usize].group = g;
            }
            g
        };
        let keys = band_keys(&sig);
        self.insert(id, g, sig, &keys);
    }

    /// The index of group `name`, made with founder `first` when new (an
    /// existing group keeps the oldest founder it has seen).
    fn intern(&mut self, name: &str, first: u32) -> u32 {
        if let Some(&g) = self.group_index.get(name) {
            let f = &mut self.founders[g as usize];
            *f = (*f).min(first);
            return g;
        }
        let g = self.groups.len() as u32;
        self.groups.push(name.to_string());
        self.founders.push(first);
        self.group_index.insert(name.to_string(), g);
        g
    }

    fn insert(&mut self, id: &str, group: u32, sig: Signature, keys: &[u32]) {
        let i = self.entries.len() as u32;
        let id_at = self.ids.len() as u64;
        self.ids.push_str(id);
        self.entries.push(Entry {
            id_at,
            id_len: u32::try_from(id.len()).unwrap_or(u32::MAX),
            group,
            sig,
            alive: true,
        });
        for &key in keys {
            let old = self.heads.insert(key, i).unwrap_or(NONE);
            self.next.push(old);
        }
        self.by_id.insert(self.key_of(id), i);
        self.dirty = true;
    }

    /// Groups of two or more live articles: (group id, members).
    pub fn groups(&self) -> Vec<(String, Vec<String>)> {
        let mut by: HashMap<u32, Vec<String>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.alive && e.group != NONE {
                by.entry(e.group)
                    .or_default()
                    .push(self.id(i as u32).to_string());
            }
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
    ///
    /// The file: the magic and the commit, then compressed (zstd) the
    /// number of band keys, the group names and per live article (oldest
    /// first) its id, its group's number in that list (`u32::MAX`: its own
    /// id), its shingle count, its figures and its 64 values.
    pub fn save(&mut self, dir: &Path, commit: u64) -> std::io::Result<()> {
        let tmp = dir.join(format!("{DUPS_FILE}.tmp"));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(MAGIC)?;
        file.write_all(&commit.to_le_bytes())?;
        // compressed for the ids, which share their prefixes (the
        // signatures do not compress): a third less at a million articles
        let mut w = std::io::BufWriter::new(zstd::Encoder::new(file, 1)?);
        // the band keys in use, so that loading sizes its map once (copies
        // share keys: a million articles may hold far fewer than 21 million)
        w.write_all(&(self.heads.len() as u64).to_le_bytes())?;
        w.write_all(&(self.groups.len() as u64).to_le_bytes())?;
        for name in &self.groups {
            write_str(&mut w, name)?;
        }
        w.write_all(&(self.by_id.len() as u64).to_le_bytes())?;
        for (i, e) in self.entries.iter().enumerate().filter(|(_, e)| e.alive) {
            let id = self.id(i as u32);
            let own = e.group == NONE || self.groups[e.group as usize] == id;
            write_str(&mut w, id)?;
            w.write_all(&(if own { NONE } else { e.group }).to_le_bytes())?;
            w.write_all(&e.sig.shingles.to_le_bytes())?;
            w.write_all(&e.sig.figures.to_le_bytes())?;
            w.write_all(&e.sig.values)?;
        }
        w.into_inner()
            .map_err(|e| e.into_error())?
            .finish()?
            .sync_all()?;
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
        let bytes = zstd::decode_all(r).ok()?;
        let mut r = bytes.as_slice();
        let keys = usize::try_from(read_u64(&mut r)?).ok()?;
        let names = (0..read_u64(&mut r)?)
            .map(|_| read_str(&mut r))
            .collect::<Option<Vec<String>>>()?;
        let n = read_u64(&mut r)?;
        let mut table = DupTable::new(threshold);
        // each entry: a length, the id, a group, a count, the figures and the values
        let n = usize::try_from(n).ok()?;
        table.reserve(
            n,
            bytes.len().saturating_sub(n * (20 + SIG_LEN)),
            keys.min(n * BANDS),
        );
        for _ in 0..n {
            let id = read_str(&mut r)?;
            let group = read_u32(&mut r)?;
            let shingles = read_u32(&mut r)?;
            let figures = read_u64(&mut r)?;
            let mut values = [0u8; SIG_LEN];
            r.read_exact(&mut values).ok()?;
            let group = match group {
                NONE => id.clone(),
                g => names.get(g as usize)?.clone(),
            };
            table.restore(
                &id,
                &group,
                Signature {
                    values,
                    shingles,
                    figures,
                },
            );
        }
        table.dirty = false;
        Some(table)
    }
}

fn write_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn read_u32(r: &mut &[u8]) -> Option<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).ok()?;
    Some(u32::from_le_bytes(b))
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

/// A group id as the index's fast column keeps it.
pub fn group_key(group: &str) -> u64 {
    let h = blake3::hash(group.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().unwrap_or([0; 8]))
}

/// A signature's LSH band keys, one per band, folded to 32 bits.
fn band_keys(sig: &Signature) -> [u32; BANDS] {
    let mut keys = [0u32; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let mut packed = 0u64;
        for &v in &sig.values[b * ROWS..(b + 1) * ROWS] {
            packed = packed << 8 | u64::from(v);
        }
        let h = mix(packed ^ ((b as u64 + 1) << 56) ^ (ROWS as u64) << 48);
        *key = (h ^ h >> 32) as u32;
    }
    keys
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
    fn bands_find_pairs_from_the_least_jaccard() {
        let candidate = |j: f64| {
            let p = j + (1.0 - j) / 256.0;
            1.0 - (1.0 - p.powi(ROWS as i32)).powi(BANDS as i32)
        };
        const { assert!(BANDS * ROWS <= SIG_LEN) };
        assert!(candidate(MIN_JACCARD) > 0.93);
        assert!(candidate(0.6) > 0.99);
        assert!(candidate(DEFAULT_THRESHOLD) > 0.9999);
    }

    #[test]
    fn a_reprint_holding_a_short_item_whole_is_a_copy() {
        let item = "The quarterly dividend is 30 cents a share against 30 cents before. \
            It is payable on April 30 to holders of record on April 15.";
        let credited = format!(
            "{item}\n\n(Reporting by the markets desk in the city; editing by the night staff of the paper)"
        );
        let (a, b) = (
            Signature::of(item).unwrap(),
            Signature::of(&credited).unwrap(),
        );
        // 17 shingles, 12 more: J = 0.59, all of the item held
        assert_eq!((a.shingles, b.shingles), (17, 29));
        assert!(a.jaccard(&b) < 0.8);
        let mut t = DupTable::new(0.8);
        assert_eq!(t.assign("a", Some(&a)), "a");
        assert_eq!(t.assign("b", Some(&b)), "a");
        // at 1, identical sets only
        let mut strict = DupTable::new(1.0);
        strict.assign("a", Some(&a));
        assert_eq!(strict.assign("b", Some(&b)), "b");
        // a long story quoting a short item whole is no copy of it
        let story = format!(
            "{item} The company said its board met on Tuesday in Chicago. \
             Sales in the first quarter rose by a fifth as new stores opened. \
             The chairman said he expected a strong year for the whole group. \
             Analysts had expected the payout to rise after two good years."
        );
        assert_eq!(t.assign("c", Signature::of(&story).as_ref()), "c");
    }

    #[test]
    fn near_the_threshold_the_figures_decide() {
        let s = Signature::of(STORY).unwrap();
        // 13 of 64 values differ: an estimate of 0.79, just under 0.8
        let mut near = s;
        for v in &mut near.values[..13] {
            *v = v.wrapping_add(1);
        }
        let j = s.jaccard(&near);
        assert!(
            (DEFAULT_THRESHOLD - NEAR_MARGIN..DEFAULT_THRESHOLD).contains(&j),
            "{j}"
        );
        let mut t = DupTable::new(DEFAULT_THRESHOLD);
        t.assign("a", Some(&s));
        // the same figures: a reprint whose estimate came out low
        assert_eq!(t.assign("b", Some(&near)), "a");
        // other figures: another day's item from the same template
        let mut other_day = s;
        for v in &mut other_day.values[51..] {
            *v = v.wrapping_add(1);
        }
        other_day.figures = !s.figures;
        assert_eq!(t.assign("c", Some(&other_day)), "c");
        // further below the threshold, the same figures are not enough
        let mut far = s;
        for v in &mut far.values[20..40] {
            *v = v.wrapping_add(1);
        }
        assert_eq!(t.assign("d", Some(&far)), "d");
        // and at 1, identical sets only
        let mut strict = DupTable::new(1.0);
        strict.assign("a", Some(&s));
        assert_eq!(strict.assign("b", Some(&near)), "b");
    }

    #[test]
    fn a_copy_like_two_groups_joins_the_older() {
        let mut t = DupTable::new(0.8);
        let s = Signature::of(STORY).unwrap();
        t.assign("a", Some(&s));
        // a stray copy that started a group of its own, restored as such
        let mut stray = s;
        stray.values[..4].copy_from_slice(&[1, 2, 3, 4]);
        t.restore("b", "b", stray);
        t.restore("c", "b", stray);
        // identical to the stray, a copy of the original too: the older
        assert_eq!(t.assign("d", Some(&stray)), "a");
    }

    #[test]
    fn saved_groups_and_counts_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = DupTable::new(0.8);
        let s = Signature::of(STORY).unwrap();
        t.assign("a", Some(&s));
        t.assign("b", Some(&s));
        t.assign("c", Signature::of("Wheat fell in Chicago.").as_ref());
        t.save(dir.path(), 1).unwrap();
        let back = DupTable::load(dir.path(), 1, 0.8).unwrap();
        assert_eq!(back.groups(), t.groups());
        assert_eq!(back.group_of("c").as_deref(), Some("c"));
        let i = back.live("b").unwrap();
        assert_eq!(back.entries[i as usize].sig, s);
    }
}
