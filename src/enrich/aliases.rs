//! Speaker aliases: one name for the variants of a person across articles
//! ("Steve Mnuchin" and "Steven Mnuchin", "Jay Powell" and "Jerome Powell").
//!
//! Attribution resolves names within one article; across articles the same
//! person may be written differently. An optional TOML file maps each
//! canonical name to its variants:
//!
//! ```toml
//! [aliases]
//! "Steven Mnuchin" = ["Steve Mnuchin"]
//! "Jerome Powell" = ["Jay Powell", "Jerome H. Powell"]
//! ```
//!
//! Matching folds case and surrounding spaces. A variant listed under two
//! canonical names is an error, as is a name that is both.
//!
//! ```
//! use econ_archive::enrich::aliases::Aliases;
//! let a = Aliases::from_toml_str("[aliases]\n\"Jerome Powell\" = [\"Jay Powell\"]\n").unwrap();
//! assert_eq!(a.canonical("jay powell"), Some("Jerome Powell"));
//! assert_eq!(a.canonical("Janet Yellen"), None);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Why an alias file was refused.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    #[error("cannot read alias file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("alias file {path}: {reason}")]
    Invalid { path: String, reason: String },
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
}

/// Variant → canonical name.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    by_variant: HashMap<String, String>,
    /// The file's content in a stable form, for the enricher's fingerprint.
    digest: String,
}

fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Aliases {
    /// Reads an alias file.
    pub fn from_file(path: &Path) -> Result<Aliases, AliasError> {
        let text = std::fs::read_to_string(path).map_err(|source| AliasError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Aliases::from_toml_str(&text).map_err(|reason| AliasError::Invalid {
            path: path.display().to_string(),
            reason,
        })
    }

    /// Parses the TOML text of an alias file.
    pub fn from_toml_str(text: &str) -> Result<Aliases, String> {
        let file: AliasFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_variant = HashMap::new();
        let mut digest = String::new();
        let canonical_keys: HashMap<String, &String> =
            file.aliases.keys().map(|c| (key(c), c)).collect();
        for (canonical, variants) in &file.aliases {
            if canonical.trim().is_empty() {
                return Err("an empty canonical name".into());
            }
            digest.push_str(canonical);
            for v in variants {
                let k = key(v);
                if k.is_empty() {
                    return Err(format!("an empty variant of {canonical:?}"));
                }
                if let Some(other) = canonical_keys.get(&k).filter(|o| **o != canonical) {
                    return Err(format!(
                        "{v:?} is a variant of {canonical:?} and a canonical name ({other:?})"
                    ));
                }
                if let Some(prev) = by_variant.insert(k, canonical.clone()) {
                    if &prev != canonical {
                        return Err(format!(
                            "{v:?} is listed under both {prev:?} and {canonical:?}"
                        ));
                    }
                }
                digest.push('\u{1f}');
                digest.push_str(v);
            }
            digest.push('\u{1e}');
        }
        Ok(Aliases { by_variant, digest })
    }

    /// No aliases at all?
    pub fn is_empty(&self) -> bool {
        self.by_variant.is_empty()
    }

    /// The canonical name for `name`, when it is a listed variant.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_variant.get(&key(name)).map(String::as_str)
    }

    /// `name` itself, or its canonical form.
    pub fn resolve(&self, name: &str) -> String {
        self.canonical(name).unwrap_or(name).to_string()
    }

    /// A stable description of the table (changes when the file does).
    pub fn digest(&self) -> &str {
        &self.digest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_map_to_their_canonical_name() {
        let a = Aliases::from_toml_str(
            "[aliases]\n\"Steven Mnuchin\" = [\"Steve Mnuchin\", \" STEVE  T. MNUCHIN \"]\n",
        )
        .unwrap();
        assert_eq!(a.resolve("steve mnuchin"), "Steven Mnuchin");
        assert_eq!(a.resolve("Steve T. Mnuchin"), "Steven Mnuchin");
        assert_eq!(a.resolve("Wilbur Ross"), "Wilbur Ross");
        assert!(!a.is_empty());
    }

    #[test]
    fn conflicts_and_bad_files_are_errors() {
        let twice = "[aliases]\n\"A B\" = [\"C D\"]\n\"E F\" = [\"c d\"]\n";
        assert!(Aliases::from_toml_str(twice).unwrap_err().contains("both"));
        let both = "[aliases]\n\"A B\" = [\"E F\"]\n\"E F\" = [\"G H\"]\n";
        assert!(Aliases::from_toml_str(both)
            .unwrap_err()
            .contains("canonical"));
        assert!(Aliases::from_toml_str("[aliases]\n\"A B\" = \"x\"\n").is_err());
        assert!(Aliases::from_toml_str("[other]\n").is_err());
        assert!(Aliases::from_toml_str("").unwrap().is_empty());
    }
}
