//! The tantivy schema: which fields an indexed article has and how each is analysed.
//!
//! Text fields (`title`, `body`) use English stemming with case and accent
//! folding and keep positions so phrases work. Their words as written
//! (folded, not stemmed) are indexed again in `title_words` and
//! `body_words`, without positions or frequencies: prefixes, wildcards and
//! fuzzy words match those, so `policy*` finds "policymakers" and not the
//! "policies" that share the stem `polici`. Quotes are searched in the
//! body's postings within each quote's span of word positions (`quote_spans`);
//! only quotes that are not part of the body are indexed as `quote` text. Name-like fields (`speaker`,
//! `source`, `author`) are folded but not stemmed, so `speaker:mnuchin` matches
//! "Steven Mnuchin". Codes (`topic`, `id`, `file`) are exact keywords; `tag` is a
//! case-folded keyword. `dup_group` names an article's duplicate group and
//! `dup_key` holds it as a number in a fast column. The `*_key` fields hold exact display values as fast
//! columns for facet counts and statistics.

use crate::analysis;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::Index;

/// Version of the on-disk layout; an index with another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// Tokenizer for article prose: words, lower-cased, accents folded, English stems.
pub const PROSE: &str = "econ_prose";
/// Tokenizer for names: words, lower-cased, accents folded, no stemming.
pub const NAME: &str = "econ_name";
/// Tokenizer for codes: the whole value, lower-cased and accent-folded.
pub const KEYWORD: &str = "econ_keyword";
/// Fast field of quote spans in body word positions.
pub const QUOTE_SPANS: &str = "quote_spans";

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub file: Field,
    pub hash: Field,
    pub title: Field,
    pub body: Field,
    /// The title's words as written, for word patterns.
    pub title_words: Field,
    /// The body's words as written, for word patterns.
    pub body_words: Field,
    pub date: Field,
    pub date_precision: Field,
    pub source: Field,
    pub source_key: Field,
    pub author: Field,
    pub url: Field,
    pub dateline: Field,
    pub speaker: Field,
    pub speaker_key: Field,
    /// Quote text that is not part of the body (a record's own quotes).
    pub quote: Field,
    /// Word positions of the body covered by each quote (see `in_quote`).
    pub quote_spans: Field,
    pub quotes_json: Field,
    /// One value per attributed quote: the speaker's name (for quote counts).
    pub quote_speaker: Field,
    pub topic: Field,
    pub topics_json: Field,
    pub tag: Field,
    /// The duplicate group's id (an article id), stored and searchable.
    pub dup_group: Field,
    /// The duplicate group as a number ([`crate::dups::group_key`]), for
    /// collapsing hits and counting groups.
    pub dup_key: Field,
}

/// Fast column of duplicate group keys.
pub const DUP_KEY: &str = "dup_key";

/// Builds the schema and its field handles.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let prose = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PROSE)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let name = |stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    // Which articles hold a word is all a pattern asks.
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAME)
            .set_index_option(IndexRecordOption::Basic),
    );
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_fast(KEYWORD);
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        file: b.add_text_field("file", STRING | STORED | FAST),
        hash: b.add_u64_field("hash", FAST),
        title: b.add_text_field("title", prose.clone()),
        body: b.add_text_field("body", prose.clone()),
        title_words: b.add_text_field("title_words", words.clone()),
        body_words: b.add_text_field("body_words", words),
        // Date ranges and sorting use the fast column; an inverted index of
        // one term per distinct second was 2% of the index and never read.
        date: b.add_date_field("date", STORED | FAST),
        date_precision: b.add_text_field("date_precision", STORED),
        source: b.add_text_field("source", name(true)),
        source_key: b.add_text_field("source_key", FAST),
        author: b.add_text_field("author", name(true)),
        url: b.add_text_field("url", STORED),
        dateline: b.add_text_field("dateline", STORED),
        speaker: b.add_text_field("speaker", name(true)),
        // Counted from the column; indexed as one term per name for the
        // exact spellings a `--speaker` resolves to.
        speaker_key: b.add_text_field("speaker_key", STRING | FAST),
        // Quotes a record supplies that are not in its body. Quotes in the
        // body are found through the body's postings and `quote_spans`.
        quote: b.add_text_field(
            "quote",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(PROSE)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        quote_spans: b.add_u64_field(QUOTE_SPANS, FAST),
        quotes_json: b.add_text_field("quotes_json", STORED),
        quote_speaker: b.add_text_field("quote_speaker", FAST),
        topic: b.add_text_field("topic", STRING | FAST),
        topics_json: b.add_text_field("topics_json", STORED),
        tag: b.add_text_field("tag", keyword.set_stored()),
        dup_group: b.add_text_field("dup_group", STRING | STORED),
        dup_key: b.add_u64_field(DUP_KEY, FAST),
    };
    (b.build(), fields)
}

/// Looks up the field handles of an opened index's schema.
pub(crate) fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        file: f("file")?,
        hash: f("hash")?,
        title: f("title")?,
        body: f("body")?,
        title_words: f("title_words")?,
        body_words: f("body_words")?,
        date: f("date")?,
        date_precision: f("date_precision")?,
        source: f("source")?,
        source_key: f("source_key")?,
        author: f("author")?,
        url: f("url")?,
        dateline: f("dateline")?,
        speaker: f("speaker")?,
        speaker_key: f("speaker_key")?,
        quote: f("quote")?,
        quote_spans: f(QUOTE_SPANS)?,
        quotes_json: f("quotes_json")?,
        quote_speaker: f("quote_speaker")?,
        topic: f("topic")?,
        topics_json: f("topics_json")?,
        tag: f("tag")?,
        dup_group: f("dup_group")?,
        dup_key: f(DUP_KEY)?,
    })
}

/// Registers the analysers the schema names. Must be called on every opened index.
pub(crate) fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(PROSE, analysis::prose_analyzer());
    manager.register(NAME, analysis::name_analyzer());
    manager.register(KEYWORD, analysis::keyword_analyzer());
    index
        .fast_field_tokenizer()
        .register(KEYWORD, analysis::keyword_analyzer());
}
