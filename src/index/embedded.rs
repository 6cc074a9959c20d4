//! Creating and opening the embedded tantivy index, checking its version.

use super::folder::{check_stamp, clear_index_dir, lock_holder, lock_writer, write_stamp};
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::OpenError;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::directory::MmapDirectory;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, Searcher};

/// The archive kept in a local tantivy index folder.
pub struct EmbeddedIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) dir: PathBuf,
    /// Opened on first use and kept: opening segment readers is most of the
    /// cost of a small query.
    reader: OnceLock<IndexReader>,
}

impl EmbeddedIndex {
    /// Does `dir` hold an index at all?
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").is_file()
    }

    /// Opens an existing index, checking its version.
    pub fn open(dir: &Path) -> Result<EmbeddedIndex, OpenError> {
        let path = dir.display().to_string();
        if !EmbeddedIndex::exists(dir) {
            return Err(OpenError::Missing { path });
        }
        check_stamp(dir)?;
        let index = match Index::open_in_dir(dir) {
            Ok(index) => index,
            // tantivy's list of the files it manages only serves to delete
            // unused ones; a damaged list is set aside, not fatal.
            Err(e) if e.to_string().contains(".managed.json") => {
                let managed = dir.join(".managed.json");
                std::fs::rename(&managed, dir.join(".managed.json.damaged")).map_err(|io| {
                    OpenError::Io {
                        path: path.clone(),
                        source: io,
                    }
                })?;
                Index::open_in_dir(dir).map_err(|source| OpenError::Tantivy {
                    path: path.clone(),
                    source,
                })?
            }
            Err(source) => {
                return Err(OpenError::Tantivy {
                    path: path.clone(),
                    source,
                })
            }
        };
        schema::register_tokenizers(&index);
        let fields = schema::fields_of(&index.schema()).map_err(|_| OpenError::Version {
            built_by: "an unknown version".into(),
            found: 0,
            expected: SCHEMA_VERSION,
        })?;
        Ok(EmbeddedIndex::new(index, fields, dir))
    }

    /// Opens the index in `dir` for a rebuild. An index this version reads
    /// is opened as it is (`true`): the rebuild replaces its articles in one
    /// commit, so until that commit it stays whole for readers and for a
    /// run that is killed. One it cannot read (another version, damaged)
    /// holds nothing to keep: its files are removed, under the writer lock,
    /// and an empty index is made (`false`).
    pub fn open_for_rebuild(dir: &Path) -> Result<(EmbeddedIndex, bool), OpenError> {
        if EmbeddedIndex::exists(dir) {
            if let Ok(index) = EmbeddedIndex::open(dir) {
                return Ok((index, true));
            }
        }
        let path = dir.display().to_string();
        let io = |source| OpenError::Io {
            path: path.clone(),
            source,
        };
        if dir.is_dir() {
            let Some(_lock) = lock_writer(dir).map_err(io)? else {
                return Err(OpenError::Locked {
                    path,
                    pid: lock_holder(dir),
                });
            };
            clear_index_dir(dir).map_err(io)?;
        }
        Ok((EmbeddedIndex::open_or_create(dir)?, false))
    }

    /// Opens the index in `dir`, creating an empty one if there is none.
    pub fn open_or_create(dir: &Path) -> Result<EmbeddedIndex, OpenError> {
        let path = dir.display().to_string();
        let io = |source| OpenError::Io {
            path: path.clone(),
            source,
        };
        if EmbeddedIndex::exists(dir) {
            return EmbeddedIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema::build();
        let settings = IndexSettings {
            docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
            // Larger blocks compress better (news repeats itself), but every
            // document read decompresses its whole block: 128 KB made the
            // index 2% smaller than 64 KB on Reuters-derived wire stories and
            // an `--all` export 40% slower.
            docstore_blocksize: 64 * 1024,
            ..IndexSettings::default()
        };
        let directory = MmapDirectory::open(dir).map_err(|e| OpenError::Io {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        write_stamp(dir).map_err(io)?;
        let index = Index::builder()
            .schema(schema)
            .settings(settings)
            .open_or_create(directory)
            .map_err(|source| OpenError::Tantivy {
                path: path.clone(),
                source,
            })?;
        schema::register_tokenizers(&index);
        Ok(EmbeddedIndex::new(index, fields, dir))
    }

    fn new(index: Index, fields: Fields, dir: &Path) -> EmbeddedIndex {
        EmbeddedIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
        }
    }

    /// The folder the index is in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A searcher over the last commit this index's reader has seen (see
    /// [`EmbeddedIndex::reload_reader`]).
    pub(crate) fn searcher(&self) -> tantivy::Result<Searcher> {
        if let Some(r) = self.reader.get() {
            return Ok(r.searcher());
        }
        let r: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        check_segments(&r.searcher())?;
        Ok(self.reader.get_or_init(|| r).searcher())
    }

    /// Makes the next searchers see the latest commit.
    pub(crate) fn reload_reader(&self) -> tantivy::Result<()> {
        match self.reader.get() {
            Some(r) => r.reload(),
            None => Ok(()),
        }
    }
}

/// Refuses a commit whose `meta.json` does not describe its segments: the
/// index library trusts its document counts, and a wrong one gives wrong
/// counts or a crash deep inside it. Checking costs a look at one column
/// per segment.
fn check_segments(searcher: &Searcher) -> tantivy::Result<()> {
    for reader in searcher.segment_readers() {
        let held = reader.fast_fields().u64("hash")?.num_docs();
        if held != reader.max_doc() {
            return Err(tantivy::TantivyError::InternalError(format!(
                "the index is damaged: meta.json says segment {} holds {} documents, its files hold {held}; \
                 check it with `econ-archive verify` and rebuild it with `index --rebuild`",
                reader.segment_id().uuid_string(),
                reader.max_doc()
            )));
        }
    }
    Ok(())
}

/// What `verify` found: the files checked and the damaged ones.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// Files of the committed segments whose checksums were read.
    pub files_checked: usize,
    /// Damaged or missing files (or segments), with what is wrong.
    pub damaged: Vec<(String, String)>,
    /// Articles the index says it holds.
    pub articles: u64,
}

impl EmbeddedIndex {
    /// Checks every file of the committed segments against the checksum in
    /// its footer, that each file is there, and that each segment holds as
    /// many documents as `meta.json` says. Reads every byte of the index.
    pub fn verify(&self) -> Result<Verification, crate::Error> {
        let mut v = Verification::default();
        let metas = self.index.searchable_segment_metas()?;
        for meta in &metas {
            v.articles += u64::from(meta.num_docs());
            use tantivy::index::SegmentComponent as C;
            let mut components = vec![
                C::Postings,
                C::Positions,
                C::Terms,
                C::Store,
                C::FastFields,
                C::FieldNorms,
            ];
            if meta.has_deletes() {
                components.push(C::Delete);
            }
            for component in components {
                let file = meta.relative_path(component);
                let name = file.display().to_string();
                if !self.dir.join(&file).exists() {
                    v.damaged.push((name, "missing".into()));
                    continue;
                }
                v.files_checked += 1;
                match self.index.directory().validate_checksum(&file) {
                    Ok(true) => {}
                    Ok(false) => v
                        .damaged
                        .push((name, "checksum does not match its content".into())),
                    Err(e) => v.damaged.push((name, format!("cannot be read: {e}"))),
                }
            }
        }
        if !v.damaged.is_empty() {
            return Ok(v);
        }
        // Every file is whole; does meta.json describe them?
        let searcher = self.searcher().map_err(crate::Error::Index)?;
        for reader in searcher.segment_readers() {
            let id = reader.segment_id().uuid_string();
            let held = reader
                .fast_fields()
                .u64("hash")
                .map(|c| c.num_docs())
                .map_err(crate::Error::Index)?;
            if held != reader.max_doc() {
                v.damaged.push((
                    format!("meta.json (segment {id})"),
                    format!(
                        "says the segment holds {} documents; its files hold {held}",
                        reader.max_doc()
                    ),
                ));
            }
        }
        Ok(v)
    }
}
