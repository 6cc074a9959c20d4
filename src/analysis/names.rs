//! Names of people as keys: how two spellings are known to be one name.
//! Enrichment uses it to keep one spelling per person in an article, and
//! [`crate::search::people`] to group spellings across the archive, so the
//! two agree.
//!
//! ```
//! use econ_archive::analysis::names::{name_key, same_person};
//! assert_eq!(name_key("Donald J. Trump"), ["donald", "trump"]);
//! assert_eq!(name_key("Karl Otto Pöhl"), ["karl", "otto", "poehl"]);
//! assert!(same_person("Obama", "Barack Obama"));
//! assert!(!same_person("Donald Trump", "Donald Trump Jr."));
//! ```

/// Are two spellings one person's within one text: the same key, or one a
/// surname alone that ends the other's key?
pub fn same_person(a: &str, b: &str) -> bool {
    same_person_keys(&name_key(a), &name_key(b))
}

/// [`same_person`] on keys already made with [`name_key`].
pub fn same_person_keys(ka: &[String], kb: &[String]) -> bool {
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    ka == kb
        || (ka.len() == 1 && kb.len() > 1 && kb.last() == ka.first())
        || (kb.len() == 1 && ka.len() > 1 && ka.last() == kb.first())
}

/// The words of a name, split at anything that is not a letter, digit or
/// apostrophe ("Chang Chi-cheng" has three).
pub fn split(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The grouping key's words: transliterated and folded, apostrophes out,
/// middle initials dropped when the first name is written out.
pub fn name_key(name: &str) -> Vec<String> {
    let mut w: Vec<String> = split(name)
        .map(|w| fold(w, true).replace(['\'', '’'], ""))
        .filter(|w| !w.is_empty())
        .collect();
    if w.len() >= 3 && w[0].chars().count() > 1 {
        let last = w.pop().unwrap_or_default();
        let first = w.remove(0);
        w.retain(|m| m.chars().count() > 1);
        w.insert(0, first);
        w.push(last);
    }
    w
}

/// Lower case without accents; with `translit`, German umlauts and ß are
/// written out first.
pub fn fold(word: &str, translit: bool) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let t = match c {
            'ä' | 'Ä' if translit => Some("ae"),
            'ö' | 'Ö' if translit => Some("oe"),
            'ü' | 'Ü' if translit => Some("ue"),
            'ß' => Some("ss"),
            _ => None,
        };
        match t {
            Some(s) => out.push_str(s),
            None => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
    super::fold_keyword(&out)
}
