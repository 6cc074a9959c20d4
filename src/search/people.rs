//! Who is who across the archive: the spellings of one person's name
//! ("Donald Trump", "Donald J. Trump", "Trump") grouped into one [`Person`].
//!
//! Attribution resolves names within an article; across articles the same
//! person still appears under several spellings, and speaker lists, facets
//! and `--speaker` would count or find them apart. The grouping is built
//! from the archive's own speaker names and their article counts, at query
//! time (the archive keeps it per index generation), so it follows every
//! re-index and needs nothing stored:
//!
//! 1. **Same name, written differently**: names are compared by a key of
//!    their words, lower-cased, with umlauts transliterated the German way
//!    (ö = oe, ü = ue, ä = ae, ß = ss) and other accents dropped, and middle
//!    initials left out. "Karl Otto Pöhl" and "Karl Otto Poehl", "Donald J.
//!    Trump" and "Donald Trump", "Willy de Clercq" and "Willy De Clercq" each
//!    share a key. "Jr." and "Sr." are kept: a son is another person.
//! 2. **A surname alone** ("Obama", "Reagan") joins the one full name in the
//!    archive with that last word, or the one that has at least
//!    [`DOMINANT`] times the articles of the next (Barack Obama against
//!    Michelle Obama). Otherwise it stays apart, and a `--speaker` that
//!    matches several people says so.
//! 3. **In its time and place**: in an archive of several years or
//!    sources, the surname joins that person only if, in every year and
//!    every source where it is written alone, no other full name with that
//!    surname is named in more articles than that person
//!    ([`People::from_counts_by_slice`]). "Clinton" in an archive of 1995
//!    and 2016 news is Bill Clinton in one year and Hillary Clinton in the
//!    other: it stays a name of its own rather than being given, for both
//!    years, to whoever has the most articles overall.
//!
//! A name whose first word is an initial ("J.M. Berger") is never merged
//! into a full first name: the archive cannot tell which one it stands
//! for. The alias file (`speakers.toml`) is applied at indexing, before any
//! of this, so what it merges stays merged and its canonical names are the
//! names grouped here.
//!
//! ```
//! use econ_archive::search::people::People;
//! let people = People::from_counts(&[
//!     ("Donald Trump".into(), 261),
//!     ("Donald J. Trump".into(), 41),
//!     ("Trump".into(), 4),
//!     ("Karl Otto Poehl".into(), 30),
//! ]);
//! let trump = people.person_of("Donald J. Trump").unwrap();
//! assert_eq!(trump.name, "Donald Trump");
//! assert_eq!(trump.variants.len(), 3);
//! // transliteration: ö is oe
//! assert_eq!(people.matching("Pöhl")[0].name, "Karl Otto Poehl");
//! ```

use super::backend::SliceNames;
use crate::analysis::names::{fold, name_key, split};
// Every command that names or counts people builds these maps from the
// archive's names (at a million articles, 40% of a `search` process).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// A surname alone joins the most frequent full name with that surname when
/// that name has at least this many times the articles of the next one.
pub const DOMINANT: u64 = 4;

/// One person: the spellings of their name found in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The full spelling with the most articles (the shorter at a tie).
    pub name: String,
    /// Every spelling with its articles, most articles first.
    pub variants: Vec<(String, u64)>,
}

impl Person {
    /// Articles of all spellings together (an article naming two spellings
    /// counts twice; exact counts come from the index).
    pub fn articles(&self) -> u64 {
        self.variants.iter().map(|v| v.1).sum()
    }
}

/// The people of an archive, from its speaker names and their article counts.
#[derive(Debug, Clone, Default)]
pub struct People {
    persons: Vec<Person>,
    /// Spelling (exactly as indexed) → its person.
    of_name: HashMap<String, usize>,
}

impl People {
    /// Groups `(name, articles)` pairs into people.
    pub fn from_counts(names: &[(String, u64)]) -> People {
        People::from_counts_by_slice(names, &[])
    }

    /// Groups `(name, articles)` pairs into people, a surname alone joining
    /// a full name only where every slice (a year, a source) agrees (see the
    /// module documentation, 3).
    ///
    /// ```
    /// use econ_archive::search::people::People;
    /// let all = [
    ///     ("Bill Clinton".to_string(), 40),
    ///     ("Hillary Clinton".to_string(), 8),
    ///     ("Clinton".to_string(), 12),
    /// ];
    /// // over the whole archive, Bill Clinton has five times the articles
    /// assert_eq!(People::from_counts(&all).person_of("Clinton").unwrap().name, "Bill Clinton");
    /// let years = [
    ///     ("1995".to_string(), vec![("Bill Clinton".to_string(), 40), ("Clinton".to_string(), 9)]),
    ///     ("2016".to_string(), vec![("Hillary Clinton".to_string(), 8), ("Clinton".to_string(), 3)]),
    /// ];
    /// // in 2016 the Clinton is another person: the surname stays apart
    /// let people = People::from_counts_by_slice(&all, &years);
    /// assert_eq!(people.person_of("Clinton").unwrap().name, "Clinton");
    /// ```
    pub fn from_counts_by_slice(names: &[(String, u64)], slices: &[SliceNames]) -> People {
        // 1. group spellings by key; surnames alone are set aside
        let mut groups: Vec<Vec<(String, u64)>> = Vec::new();
        let mut of_key: HashMap<String, usize> = HashMap::new();
        let mut surnames: Vec<(String, String, u64)> = Vec::new();
        // each name's key, worked out once for every step below
        let keys: HashMap<&str, Vec<String>> = names
            .iter()
            .map(|(n, _)| (n.as_str(), name_key(n)))
            .collect();
        for (name, n) in names {
            let words = &keys[name.as_str()];
            match words.len() {
                0 => continue,
                1 => surnames.push((words[0].clone(), name.clone(), *n)),
                _ => {
                    let key = words.join(" ");
                    let g = *of_key.entry(key).or_insert_with(|| {
                        groups.push(Vec::new());
                        groups.len() - 1
                    });
                    groups[g].push((name.clone(), *n));
                }
            }
        }
        // 2. a surname alone joins the one (or the dominant) full name
        let mut by_last: HashMap<String, Vec<(u64, usize)>> = HashMap::new();
        for (key, &g) in &of_key {
            let first_is_initial = key
                .split(' ')
                .next()
                .is_some_and(|w| w.chars().count() == 1);
            if first_is_initial {
                continue;
            }
            if let Some(last) = key.rsplit(' ').next() {
                let n = groups[g].iter().map(|v| v.1).sum();
                by_last.entry(last.to_string()).or_default().push((n, g));
            }
        }
        let alone_names: HashSet<&str> = surnames.iter().map(|s| s.1.as_str()).collect();
        let alone_keys: HashSet<&str> = surnames.iter().map(|s| s.0.as_str()).collect();
        let in_time = SliceIndex::of(slices, &keys, &of_key, &alone_names, &alone_keys);
        let mut alone: HashMap<String, usize> = HashMap::new();
        for (surname, name, n) in surnames {
            let target = by_last
                .get_mut(&surname)
                .and_then(|c| the_one(c))
                .filter(|&g| in_time.iter().all(|y| y.agrees(&name, &surname, g)));
            let g = match target {
                Some(g) => g,
                None => *alone.entry(surname).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                }),
            };
            groups[g].push((name, n));
        }
        let mut persons: Vec<Person> = groups
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|mut variants| {
                // most articles first; at a tie the shorter spelling
                // ("Harry Reid" before "Harry M. Reid") names the person
                variants.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(a.0.cmp(&b.0))
                });
                // the canonical name is the most frequent full spelling
                let name = variants
                    .iter()
                    .find(|v| keys.get(v.0.as_str()).map_or(0, Vec::len) > 1)
                    .unwrap_or(&variants[0])
                    .0
                    .clone();
                Person { name, variants }
            })
            .collect();
        persons.sort_by(|a, b| b.articles().cmp(&a.articles()).then(a.name.cmp(&b.name)));
        let mut of_name = HashMap::new();
        for (i, p) in persons.iter().enumerate() {
            for (v, _) in &p.variants {
                of_name.insert(v.clone(), i);
            }
        }
        People { persons, of_name }
    }

    /// Every person, most articles first.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// The person a spelling (exactly as indexed) belongs to.
    pub fn person_of(&self, name: &str) -> Option<&Person> {
        self.of_name.get(name).map(|&i| &self.persons[i])
    }

    /// Per-spelling counts added up per person, in first-seen order: each
    /// `(name, count)` is filed under its person's name (a name the
    /// archive does not know stands for itself) and merged with `add`.
    pub fn by_person<C>(
        &self,
        rows: impl IntoIterator<Item = (String, C)>,
        mut add: impl FnMut(&mut C, C),
    ) -> Vec<(String, C)> {
        let mut out: Vec<(String, C)> = Vec::new();
        let mut row_of: HashMap<String, usize> = HashMap::new();
        for (name, c) in rows {
            let name = self.person_of(&name).map_or(name, |p| p.name.clone());
            match row_of.get(&name) {
                Some(&i) => add(&mut out[i].1, c),
                None => {
                    row_of.insert(name.clone(), out.len());
                    out.push((name, c));
                }
            }
        }
        out
    }

    /// The people a `--speaker` value names: the person one of whose
    /// spellings it is (same key: "Donald J. Trump" names Donald Trump, not
    /// Donald Trump Jr.); else those with a spelling that holds all of its
    /// words (a surname alone names everyone with that surname), comparing
    /// words with and without transliteration; most articles first.
    pub fn matching(&self, wanted: &str) -> Vec<&Person> {
        let want = words(wanted);
        if want.is_empty() {
            return Vec::new();
        }
        let key = name_key(wanted);
        if key.len() > 1 {
            let same: Vec<&Person> = self
                .persons
                .iter()
                .filter(|p| p.variants.iter().any(|(v, _)| name_key(v) == key))
                .collect();
            if !same.is_empty() {
                return same;
            }
        }
        self.persons
            .iter()
            .filter(|p| {
                p.variants.iter().any(|(v, _)| {
                    let have = words(v);
                    want.iter().all(|w| have.iter().any(|h| h.same_as(w)))
                })
            })
            .collect()
    }
}

/// Of the full names sharing a surname, `(articles, group)`, the one a
/// surname alone stands for: the only one, or the dominant one.
fn the_one(candidates: &mut [(u64, usize)]) -> Option<usize> {
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match candidates {
        [only] => Some(only.1),
        [first, second, ..] if first.0 >= DOMINANT * second.0.max(1) => Some(first.1),
        _ => None,
    }
}

/// The names of `all` that [`People::from_counts_by_slice`] reads in a
/// slice: surnames written alone, and full names (not led by an initial)
/// whose surname is written alone somewhere. A slice's other names decide
/// nothing, so a backend may keep only these.
pub(crate) fn names_read_in_slices(all: &[(String, u64)]) -> HashSet<&str> {
    let keys: Vec<(&str, Vec<String>)> =
        all.iter().map(|(n, _)| (n.as_str(), name_key(n))).collect();
    let alone: HashSet<&str> = keys
        .iter()
        .filter(|(_, k)| k.len() == 1)
        .map(|(_, k)| k[0].as_str())
        .collect();
    keys.iter()
        .filter(|(_, k)| k.len() == 1 || surname_read(k, &alone).is_some())
        .map(|(n, _)| *n)
        .collect()
}

/// The surname of a full name's key when the surname rule reads it in a
/// slice: a name of two words or more, not led by an initial, whose
/// surname is among `alone` (the surnames written alone somewhere).
fn surname_read<'k>(key: &'k [String], alone: &HashSet<&str>) -> Option<&'k str> {
    let (first, last) = (key.first()?, key.last()?);
    let initial = first.chars().count() == 1;
    (key.len() >= 2 && !initial && alone.contains(last.as_str())).then_some(last.as_str())
}

/// One slice's (a year's, a source's) speaker names as the surname rule
/// asks about them: the surnames written alone, and the full names with
/// those surnames.
struct SliceIndex<'a> {
    /// Surnames written alone in the slice.
    named: HashSet<&'a str>,
    /// Surname → full-name group → articles in the slice.
    by_surname: HashMap<String, HashMap<usize, u64>>,
}

impl<'a> SliceIndex<'a> {
    fn of(
        slices: &'a [SliceNames],
        keys: &HashMap<&str, Vec<String>>,
        of_key: &HashMap<String, usize>,
        alone: &HashSet<&str>,
        surnames: &HashSet<&str>,
    ) -> Vec<SliceIndex<'a>> {
        // a name's surname and group, worked out once for all slices
        let mut full: HashMap<&str, Option<(String, usize)>> = HashMap::new();
        slices
            .iter()
            .map(|(_, names)| {
                let mut y = SliceIndex {
                    named: HashSet::new(),
                    by_surname: HashMap::new(),
                };
                for (n, c) in names.iter().filter(|(_, c)| *c > 0) {
                    if alone.contains(n.as_str()) {
                        y.named.insert(n);
                        continue;
                    }
                    let of = full.entry(n).or_insert_with(|| {
                        // a name the whole archive does not count decides nothing
                        let key = keys.get(n.as_str())?;
                        let surname = surname_read(key, surnames)?;
                        let g = *of_key.get(&key.join(" "))?;
                        Some((surname.to_string(), g))
                    });
                    if let Some((surname, g)) = of {
                        *y.by_surname
                            .entry(surname.clone())
                            .or_default()
                            .entry(*g)
                            .or_default() += c;
                    }
                }
                y
            })
            .collect()
    }

    /// Is the surname `spelling` not written alone in the slice, or is no
    /// other full name with that surname named more often than `group`'s?
    /// (A year of few articles is no reason to doubt the archive's
    /// dominant person: only someone named more often is.)
    fn agrees(&self, spelling: &str, surname: &str, group: usize) -> bool {
        if !self.named.contains(spelling) {
            return true;
        }
        let Some(counts) = self.by_surname.get(surname) else {
            return true;
        };
        let own = counts.get(&group).copied().unwrap_or(0);
        counts.iter().all(|(&g, &n)| g == group || n <= own)
    }
}

/// A word of a name in both foldings: transliterated (ö = oe) and plain
/// (ö = o).
#[derive(Debug)]
struct NameWord {
    translit: String,
    plain: String,
}

impl NameWord {
    /// Is this word of a name the `wanted` word? A wanted word written with
    /// an umlaut says how it is transliterated, so it must match that way
    /// ("Pöhl" is Poehl, not Pohl); one written without may have lost its
    /// umlaut ("Pohl" also finds "Pöhl").
    fn same_as(&self, wanted: &NameWord) -> bool {
        self.translit == wanted.translit
            || (wanted.translit == wanted.plain && self.plain == wanted.plain)
    }
}

fn words(name: &str) -> Vec<NameWord> {
    split(name)
        .map(|w| NameWord {
            translit: fold(w, true).replace(['\'', '’'], ""),
            plain: fold(w, false).replace(['\'', '’'], ""),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(names: &[(&str, u64)]) -> Vec<(String, u64)> {
        names.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    fn people(names: &[(&str, u64)]) -> People {
        People::from_counts(&counts(names))
    }

    fn spellings(p: &Person) -> Vec<&str> {
        p.variants.iter().map(|v| v.0.as_str()).collect()
    }

    #[test]
    fn middle_initials_case_and_accents_do_not_split_a_person() {
        let p = people(&[
            ("Donald Trump", 261),
            ("Donald J. Trump", 41),
            ("Willy de Clercq", 8),
            ("Willy De Clercq", 7),
            ("Felipe Calderón", 1),
            ("Felipe Calderon", 2),
            ("Karl Otto Pöhl", 3),
            ("Karl Otto Poehl", 30),
        ]);
        assert_eq!(p.persons().len(), 4);
        let t = p.person_of("Donald J. Trump").unwrap();
        assert_eq!((t.name.as_str(), t.articles()), ("Donald Trump", 302));
        assert_eq!(
            p.person_of("Willy De Clercq").unwrap().name,
            "Willy de Clercq"
        );
        assert_eq!(
            p.person_of("Felipe Calderón").unwrap().name,
            "Felipe Calderon"
        );
        assert_eq!(
            p.person_of("Karl Otto Pöhl").unwrap().name,
            "Karl Otto Poehl"
        );
    }

    #[test]
    fn a_son_and_an_initial_first_name_stay_apart() {
        let p = people(&[
            ("Donald Trump", 261),
            ("Donald Trump Jr.", 5),
            ("Alan Berger", 1),
            ("J.M. Berger", 1),
        ]);
        assert_eq!(p.persons().len(), 4);
        assert_ne!(
            p.person_of("Donald Trump Jr.").unwrap().name,
            "Donald Trump"
        );
        assert_eq!(p.person_of("J.M. Berger").unwrap().name, "J.M. Berger");
        let named: Vec<&str> = p
            .matching("Donald Trump")
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(named, ["Donald Trump"]);
        assert_eq!(p.matching("Trump").len(), 2);
    }

    #[test]
    fn a_surname_alone_joins_the_only_or_dominant_full_name() {
        let p = people(&[
            ("Obama", 46),
            ("Barack Obama", 39),
            ("Michelle Obama", 3),
            ("Reagan", 124),
            ("Ronald Reagan", 12),
            ("Wallace", 1),
            ("Chris Wallace", 2),
            ("George Wallace", 1),
        ]);
        let o = p.person_of("Obama").unwrap();
        assert_eq!(o.name, "Barack Obama"); // 39 >= 4 x 3
        assert_eq!(spellings(o), ["Obama", "Barack Obama"]);
        assert_eq!(p.person_of("Reagan").unwrap().name, "Ronald Reagan");
        // 2 against 1 is no evidence: "Wallace" stays a name of its own
        assert_eq!(p.person_of("Wallace").unwrap().name, "Wallace");
        assert_eq!(p.person_of("Chris Wallace").unwrap().variants.len(), 1);
    }

    #[test]
    fn only_someone_named_more_often_in_a_year_keeps_a_surname_apart() {
        let all = counts(&[("Ronald Reagan", 40), ("Nancy Reagan", 3), ("Reagan", 120)]);
        // a thin year: Ronald 2 against Nancy 1 is not 4 to 1, but no one
        // is named more often than he is
        let thin = vec![
            (
                "1980".to_string(),
                counts(&[("Ronald Reagan", 2), ("Nancy Reagan", 1), ("Reagan", 9)]),
            ),
            (
                "1981".to_string(),
                counts(&[("Ronald Reagan", 38), ("Reagan", 111)]),
            ),
        ];
        let p = People::from_counts_by_slice(&all, &thin);
        assert_eq!(p.person_of("Reagan").unwrap().name, "Ronald Reagan");
        // a year where Nancy Reagan is named more often: the surname alone
        // could be either, and stays apart
        let other = vec![
            (
                "1980".to_string(),
                counts(&[("Nancy Reagan", 3), ("Reagan", 9)]),
            ),
            (
                "1981".to_string(),
                counts(&[("Ronald Reagan", 40), ("Reagan", 111)]),
            ),
        ];
        let p = People::from_counts_by_slice(&all, &other);
        assert_eq!(p.person_of("Reagan").unwrap().name, "Reagan");
        // a year the surname is not written alone says nothing
        let silent = vec![
            ("1980".to_string(), counts(&[("Nancy Reagan", 3)])),
            (
                "1981".to_string(),
                counts(&[("Ronald Reagan", 40), ("Reagan", 120)]),
            ),
        ];
        let p = People::from_counts_by_slice(&all, &silent);
        assert_eq!(p.person_of("Reagan").unwrap().name, "Ronald Reagan");
    }

    #[test]
    fn slices_cut_to_the_names_read_give_the_same_people() {
        let all = counts(&[
            ("Bill Clinton", 30),
            ("Hillary Clinton", 25),
            ("Clinton", 40),
            ("J. Clinton", 2),
            ("Janet Yellen", 12),
            ("Yellen", 9),
            ("Paul Volcker", 7),
            ("Baker", 3),
        ]);
        let slices = vec![
            (
                "1995".to_string(),
                counts(&[("Bill Clinton", 28), ("Clinton", 30), ("Paul Volcker", 7)]),
            ),
            (
                "2016".to_string(),
                counts(&[("Hillary Clinton", 25), ("Clinton", 10), ("J. Clinton", 2)]),
            ),
            (
                "2017".to_string(),
                counts(&[("Janet Yellen", 12), ("Yellen", 9)]),
            ),
        ];
        let read = names_read_in_slices(&all);
        // Paul Volcker's surname is never written alone; an initial leads J. Clinton
        assert!(!read.contains("Paul Volcker") && !read.contains("J. Clinton"));
        assert!(
            read.contains("Clinton") && read.contains("Hillary Clinton") && read.contains("Baker")
        );
        // as a backend keeps them: the slices cut to the names read
        let cut = crate::search::SpeakerNames::new(all.clone(), slices.clone(), Vec::new()).by_year;
        let shown = |p: &People| -> Vec<(String, Vec<(String, u64)>)> {
            p.persons()
                .iter()
                .map(|x| (x.name.clone(), x.variants.clone()))
                .collect()
        };
        let whole = People::from_counts_by_slice(&all, &slices);
        assert_eq!(
            shown(&whole),
            shown(&People::from_counts_by_slice(&all, &cut))
        );
        assert_eq!(whole.person_of("Clinton").unwrap().name, "Clinton");
        assert_eq!(whole.person_of("Yellen").unwrap().name, "Janet Yellen");
    }

    #[test]
    fn matching_lists_everyone_a_name_could_mean() {
        let p = people(&[
            ("James Baker", 124),
            ("James A. Baker", 3),
            ("Howard Baker", 12),
            ("Baker", 9),
            ("Karl Otto Poehl", 30),
            ("Reinhard Pohl", 2),
        ]);
        let names =
            |q: &str| -> Vec<String> { p.matching(q).iter().map(|p| p.name.clone()).collect() };
        assert_eq!(names("baker"), ["James Baker", "Howard Baker"]);
        assert_eq!(names("James Baker"), ["James Baker"]);
        assert_eq!(names("James A. Baker"), ["James Baker"]);
        assert_eq!(names("Pöhl"), ["Karl Otto Poehl"]);
        assert_eq!(names("Pohl"), ["Reinhard Pohl"]);
        assert_eq!(names("POEHL"), ["Karl Otto Poehl"]);
        assert!(names("Volcker").is_empty());
        assert!(names("  ").is_empty());
    }

    #[test]
    fn odd_names_do_not_panic() {
        let p = people(&[
            ("", 1),
            ("'", 1),
            ("Ǆ ß", 1),
            ("a b c d e", 1),
            ("O'Neill", 2),
            ("Tip O’Neill", 3),
        ]);
        assert_eq!(p.person_of("O'Neill").unwrap().name, "Tip O’Neill");
        assert!(p.matching("o'neill").len() == 1);
    }
}
