//! The index a cluster keeps the archive in: its analysers (the embedded
//! index's, rebuilt from the cluster's own filters), its fields, and the
//! names behind the alias searches go through.
//!
//! The analysers match `crate::analysis` term for term: words are runs of
//! letters and digits (Rust's `char::is_alphanumeric`, here
//! `[^\p{IsAlphabetic}\p{N}]+` between them), words over 48 characters are
//! dropped with their position kept, then lower case, ASCII folding (the
//! same Lucene table tantivy ported) and the Snowball English stemmer.

use serde_json::{json, Value};

/// The cluster's analyser of prose (titles, bodies, quotes) and of names.
pub(crate) const PROSE: &str = "econ_prose";
pub(crate) const NAME: &str = "econ_name";

/// Version of the cluster's index layout. An index of another version is
/// rebuilt under a new name and the alias switched to it when it is whole.
pub const CLUSTER_SCHEMA: u32 = 1;

/// Name of the concrete index of one layout version: `ALIAS-sN-STAMP`.
pub(crate) fn versioned_name(alias: &str, stamp: u64) -> String {
    format!("{alias}-s{CLUSTER_SCHEMA}-{stamp}")
}

/// Does `index` hold this layout version of `alias`'s archive?
pub(crate) fn is_current(alias: &str, index: &str) -> bool {
    index
        .strip_prefix(&format!("{alias}-s{CLUSTER_SCHEMA}-"))
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Settings and mappings of a new index.
pub(crate) fn index_body(shards: u32, replicas: u32, meta: &Value) -> Value {
    let prose_field = json!({
        "type": "text",
        "analyzer": PROSE,
        "fields": {
            // The words as written, for prefixes, wildcards and fuzzy words.
            "words": {"type": "text", "analyzer": NAME, "index_options": "docs", "norms": false}
        }
    });
    let name_field = |exact: bool| {
        let mut f = json!({"type": "text", "analyzer": NAME});
        if exact {
            f["fields"] = json!({"key": {"type": "keyword"}});
        }
        f
    };
    json!({
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "analysis": {
                "tokenizer": {
                    "econ_words": {"type": "pattern", "pattern": "[^\\p{IsAlphabetic}\\p{N}]+"}
                },
                "filter": {
                    "econ_long": {"type": "length", "min": 0, "max": 48},
                    "econ_english": {"type": "snowball", "language": "English"}
                },
                "analyzer": {
                    (PROSE): {
                        "type": "custom",
                        "tokenizer": "econ_words",
                        "filter": ["econ_long", "lowercase", "asciifolding", "econ_english"]
                    },
                    (NAME): {
                        "type": "custom",
                        "tokenizer": "econ_words",
                        "filter": ["econ_long", "lowercase", "asciifolding"]
                    }
                },
                "normalizer": {
                    "econ_keyword": {"type": "custom", "filter": ["lowercase", "asciifolding"]}
                }
            }
        },
        "mappings": {
            // The whole article is in `_source`; only these fields are indexed.
            "dynamic": false,
            "_meta": meta,
            "properties": {
                // Codes a query may name (`id:`, `topic:`, `tag:`) keep their
                // norms, so they score as the embedded index scores them.
                "id": {"type": "keyword", "norms": true},
                "path": {"type": "keyword"},
                "hash": {"type": "keyword"},
                "title": prose_field.clone(),
                "body": prose_field.clone(),
                "date": {"type": "date"},
                "source": name_field(true),
                "authors": name_field(false),
                "speakers": name_field(true),
                "topics": {"properties": {"slug": {"type": "keyword", "norms": true}}},
                "tags": {"type": "keyword", "normalizer": "econ_keyword", "norms": true},
                "dup_group": {"type": "keyword"},
                "quotes": {
                    "type": "nested",
                    "properties": {
                        "text": prose_field,
                        "speaker": {"type": "keyword"},
                        // The speaker and any co-speakers: what quote counts count.
                        "counted": {"type": "keyword"}
                    }
                }
            }
        }
    })
}
