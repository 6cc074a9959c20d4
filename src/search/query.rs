//! The query language: what a user types, parsed once into the project's
//! own query tree ([`Query`], made of [`Node`]s) that every backend compiles
//! in its own way.
//!
//! ```text
//! trade deficit            both words (AND is the default)
//! "trade deficit"          the phrase
//! "interest rates"~3       the words at most 3 words apart, in order
//! tariffs OR quotas        either word
//! -china  NOT china        without the word
//! (steel OR aluminium) tariff*   grouping and prefix
//! infl*tion  ta?iff        wildcards inside a word
//! tarif~  tarif~1          words within 2 (or 1) edits
//! budget^2 deficit         budget counts twice in the ranking
//! title:budget  speaker:mnuchin  speaker:"steven mnuchin"
//! topic:trade  source:reuters  tag:grain  author:smith  quote:overcapacity
//! ```
//!
//! Precedence: NOT binds tightest, then AND (written or implied), then OR, so
//! `a b OR c` means `(a AND b) OR c`. Words are stemmed and case- and
//! accent-folded, so `tariffs` finds "tariff"; prefixes, wildcards and fuzzy
//! words ([`WordPattern`]) match the words as written (folded, never
//! stemmed): `policy*` finds "policymakers", not "policies". Unqualified
//! words search the title (weighted double) and the body. Lowercase `or`,
//! `and`, `not` are words; [`Query::notes`] says so. Ranges (`[a TO b]`)
//! and a `date:` field are refused with a pointer to `--since`/`--until`.
//!
//! ```
//! use econ_archive::Query;
//! let q = Query::parse("\"trade deficit\" -china").unwrap();
//! assert_eq!(q.root().to_string(), "(AND \"trade deficit\" (NOT china))");
//! assert!(Query::parse("(unbalanced").is_err());
//! let q = Query::parse("budget or deficit").unwrap();
//! assert_eq!(q.notes().len(), 1);
//! ```

use std::fmt;

/// Fields a query may name, with what they search.
pub const FIELDS: &[&str] = &[
    "title", "body", "quote", "speaker", "author", "source", "topic", "tag", "id",
];

/// A parsed query: the text as written, its tree, and notes on how it was
/// read where a user may have meant something else.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    text: String,
    root: Node,
    notes: Vec<String>,
}

impl Query {
    /// Parses query text (see the module documentation for the language).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        // Decomposed accents (`Zu\u{308}rich`) are composed first, as the
        // readers compose article text, so both fold the same way.
        let text: String = if unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
        {
            text.to_string()
        } else {
            unicode_normalization::UnicodeNormalization::nfc(text).collect()
        };
        let (root, notes) = parse_with_notes(&text)?;
        Ok(Query { text, root, notes })
    }

    /// Every article (`*`).
    pub fn all() -> Query {
        Query {
            text: "*".into(),
            root: Node::All,
            notes: Vec::new(),
        }
    }

    /// The query as the user wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// How parts of the query were read that a user of other search tools
    /// may have meant otherwise (a lowercase `or` searched as a word).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One word, analysed as its field analyses text (prose is stemmed).
    Word {
        field: Option<String>,
        text: String,
    },
    /// Words as written (folded, never stemmed) that fit a pattern:
    /// `tariff*`, `infl*tion`, `tarif~`.
    Pattern {
        field: Option<String>,
        pattern: WordPattern,
    },
    /// Words in order; with `slop` > 0 (`"a b"~3`), up to that many other
    /// words may stand between them.
    Phrase {
        field: Option<String>,
        text: String,
        slop: u32,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// A part whose score counts `factor` times (`budget^2`).
    Boost {
        node: Box<Node>,
        factor: f32,
    },
    /// Every article (`*` on its own).
    All,
}

/// A pattern over the words of a text as written: lower-cased and
/// accent-folded, but not stemmed, so `policy*` finds "policymakers" and
/// not "policies".
#[derive(Debug, Clone, PartialEq)]
pub enum WordPattern {
    /// Words starting with this (`tariff*`).
    Prefix(String),
    /// Words matching a pattern with `*` (any letters) and `?` (one letter)
    /// inside (`infl*tion`).
    Wildcard(String),
    /// Words within `distance` edits (insertions, deletions, substitutions,
    /// swaps of neighbours) of `word` (`tarif~`, `tarif~1`).
    Fuzzy { word: String, distance: u8 },
}

impl WordPattern {
    /// Does a folded word fit the pattern?
    pub fn matches(&self, word: &str) -> bool {
        match self {
            WordPattern::Prefix(p) => word.starts_with(p.as_str()),
            WordPattern::Wildcard(w) => wildcard_match(w, word),
            WordPattern::Fuzzy { word: w, distance } => {
                edit_distance_within(w, word, *distance as usize)
            }
        }
    }

    /// The pattern as a regular expression over whole words (for engines
    /// that match term dictionaries with automata).
    pub fn regex(&self) -> String {
        match self {
            WordPattern::Prefix(p) => format!("{}.*", regex::escape(p)),
            WordPattern::Wildcard(w) => {
                let mut out = String::new();
                for c in w.chars() {
                    match c {
                        '*' => out.push_str(".*"),
                        '?' => out.push('.'),
                        c => out.push_str(&regex::escape(&c.to_string())),
                    }
                }
                out
            }
            WordPattern::Fuzzy { word, .. } => regex::escape(word),
        }
    }
}

impl fmt::Display for WordPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WordPattern::Prefix(p) => write!(f, "{p}*"),
            WordPattern::Wildcard(w) => write!(f, "{w}"),
            WordPattern::Fuzzy { word, distance } => write!(f, "{word}~{distance}"),
        }
    }
}

/// Glob matching of `*` (any letters) and `?` (one letter) over a folded word.
fn wildcard_match(pattern: &str, word: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let word: Vec<char> = word.chars().collect();
    let (mut p, mut w) = (0, 0);
    // Where the last `*` was, and the word position it now stands for.
    let mut star: Option<(usize, usize)> = None;
    while w < word.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == word[w]) {
            p += 1;
            w += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, w));
            p += 1;
        } else if let Some((sp, sw)) = star {
            p = sp + 1;
            w = sw + 1;
            star = Some((sp, sw + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Is the optimal-string-alignment distance (Levenshtein with swaps of
/// neighbouring letters, as fuzzy term automata count it) at most `max`?
fn edit_distance_within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
    }
    d[a.len() * w + b.len()] <= max
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = |fl: &Option<String>| fl.as_ref().map(|x| format!("{x}:")).unwrap_or_default();
        match self {
            Node::Word { field: fl, text } => write!(f, "{}{}", field(fl), text),
            Node::Pattern { field: fl, pattern } => write!(f, "{}{}", field(fl), pattern),
            Node::Phrase {
                field: fl,
                text,
                slop,
            } => {
                write!(f, "{}\"{}\"", field(fl), text)?;
                if *slop > 0 {
                    write!(f, "~{slop}")?;
                }
                Ok(())
            }
            Node::And(v) | Node::Or(v) => {
                write!(
                    f,
                    "({}",
                    if matches!(self, Node::And(_)) {
                        "AND"
                    } else {
                        "OR"
                    }
                )?;
                for n in v {
                    write!(f, " {n}")?;
                }
                write!(f, ")")
            }
            Node::Not(n) => write!(f, "(NOT {n})"),
            Node::Boost { node, factor } => write!(f, "{node}^{factor}"),
            Node::All => write!(f, "*"),
        }
    }
}

/// A query that cannot be parsed, with the 1-based column where it goes wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("query error at column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        column,
        message: message.into(),
    })
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Plus,
    /// `field:` directly followed by a phrase or a group.
    Field(String),
    Word(String),
    /// A quoted phrase and its slop (`"a b"~3`).
    Phrase(String, u32),
    /// `^N` right after a phrase or a closing parenthesis.
    Boost(f32),
}

/// Splits the query into tokens, each with its 1-based column.
fn lex(input: &str) -> Result<Vec<(Tok, usize)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Tok::Open, col));
            i += 1;
        } else if c == ')' {
            out.push((Tok::Close, col));
            i = lex_boost(&chars, i + 1, &mut out)?;
        } else if c == '[' || c == '{' {
            return err(
                col,
                "ranges ([a TO b]) are not supported: for dates use --since and --until",
            );
        } else if is_quote(c) {
            let start = i;
            i += 1;
            let mut text = String::new();
            while i < chars.len() && !is_quote(chars[i]) {
                text.push(chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return err(start + 1, "unclosed quote: add the closing \"");
            }
            i += 1;
            let mut slop = 0;
            if chars.get(i) == Some(&'~') {
                let (digits, next) = number_at(&chars, i + 1);
                slop = match digits.parse::<u32>() {
                    Ok(n) if n <= MAX_SLOP => n,
                    _ => {
                        return err(
                            i + 1,
                            format!(
                                "a phrase's ~ takes a number of words from 0 to {MAX_SLOP}: \"interest rates\"~3"
                            ),
                        )
                    }
                };
                i = next;
            }
            out.push((Tok::Phrase(text, slop), col));
            i = lex_boost(&chars, i, &mut out)?;
        } else if (c == '-' || c == '+')
            && i + 1 < chars.len()
            && !chars[i + 1].is_whitespace()
            && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(')
        {
            out.push((if c == '-' { Tok::Minus } else { Tok::Plus }, col));
            i += 1;
        } else {
            let start = i;
            let mut word = String::new();
            while i < chars.len()
                && !chars[i].is_whitespace()
                && chars[i] != '('
                && chars[i] != ')'
                && !is_quote(chars[i])
            {
                word.push(chars[i]);
                i += 1;
            }
            if word.starts_with(['[', '{']) {
                return err(
                    col,
                    "ranges ([a TO b]) are not supported: for dates use --since and --until",
                );
            }
            match word.as_str() {
                "AND" | "&&" => out.push((Tok::And, col)),
                "OR" | "||" => out.push((Tok::Or, col)),
                "NOT" => out.push((Tok::Not, col)),
                _ => {
                    if let Some(name) = word.strip_suffix(':') {
                        if is_field_like(name) {
                            check_field(name, start + 1)?;
                            out.push((Tok::Field(name.to_lowercase()), col));
                            continue;
                        }
                    }
                    out.push((Tok::Word(word), col));
                }
            }
        }
    }
    Ok(out)
}

/// Most words a phrase's slop may allow between its words.
const MAX_SLOP: u32 = 1000;

/// The run of digits and dots at `from`, and the index after it.
fn number_at(chars: &[char], from: usize) -> (String, usize) {
    let mut i = from;
    let mut s = String::new();
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        s.push(chars[i]);
        i += 1;
    }
    (s, i)
}

/// A boost factor as written after `^`: a positive number.
fn boost_factor(text: &str, column: usize) -> Result<f32, QueryError> {
    match text.parse::<f32>() {
        Ok(f) if f.is_finite() && f > 0.0 && f <= 1000.0 => Ok(f),
        _ => err(
            column,
            "^ takes a positive number up to 1000 (budget^2 counts budget twice)",
        ),
    }
}

/// Reads `^N` at `i`, if there, as a boost token; returns where the lexer goes on.
fn lex_boost(chars: &[char], i: usize, out: &mut Vec<(Tok, usize)>) -> Result<usize, QueryError> {
    if chars.get(i) != Some(&'^') {
        return Ok(i);
    }
    let (digits, next) = number_at(chars, i + 1);
    out.push((Tok::Boost(boost_factor(&digits, i + 1)?), i + 1));
    Ok(next)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

fn is_field_like(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
}

fn check_field(name: &str, column: usize) -> Result<(), QueryError> {
    let lower = name.to_lowercase();
    if FIELDS.contains(&lower.as_str()) {
        Ok(())
    } else if matches!(lower.as_str(), "date" | "year" | "published") {
        err(
            column,
            format!("there is no `{name}:` field: narrow dates with --since and --until"),
        )
    } else {
        err(
            column,
            format!("unknown field `{name}:` (fields: {})", FIELDS.join(", ")),
        )
    }
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end_col: usize,
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Node, QueryError> {
    parse_with_notes(input).map(|(node, _)| node)
}

/// Parses a query string, with notes on words other tools read as operators.
fn parse_with_notes(input: &str) -> Result<(Node, Vec<String>), QueryError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return err(
            1,
            "empty query: give words to search for, or * for everything",
        );
    }
    let notes = operator_notes(&toks);
    let mut p = Parser {
        toks,
        pos: 0,
        end_col: input.chars().count() + 1,
    };
    let node = p.or_expr(0, None)?;
    if let Some((tok, col)) = p.peek() {
        let col = *col;
        return match tok {
            Tok::Close => err(col, "unbalanced ')': no '(' before it"),
            _ => err(col, "unexpected text"),
        };
    }
    Ok((node, notes))
}

/// Lowercase `or`, `and`, `not` between other words are searched as words
/// here, as in Lucene; a user who meant the operator is told once.
fn operator_notes(toks: &[(Tok, usize)]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, (tok, col)) in toks.iter().enumerate() {
        let Tok::Word(w) = tok else { continue };
        if i == 0 || i + 1 == toks.len() || !matches!(w.as_str(), "or" | "and" | "not") {
            continue;
        }
        let upper = w.to_uppercase();
        let note = format!(
            "lowercase `{w}` (column {col}) was searched as a word; write {upper} for the operator"
        );
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}

impl Parser {
    fn peek(&self) -> Option<&(Tok, usize)> {
        self.toks.get(self.pos)
    }

    fn col(&self) -> usize {
        self.peek().map(|t| t.1).unwrap_or(self.end_col)
    }

    fn or_expr(&mut self, depth: usize, field: Option<&str>) -> Result<Node, QueryError> {
        let mut parts = vec![self.and_expr(depth, field)?];
        while let Some((Tok::Or, col)) = self.peek() {
            let col = *col;
            self.pos += 1;
            if self.at_operand_end() {
                return err(col, "OR needs something to search on both sides");
            }
            parts.push(self.and_expr(depth, field)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some((Tok::Close, _)) | Some((Tok::Or, _)) | Some((Tok::And, _))
        )
    }

    fn and_expr(&mut self, depth: usize, field: Option<&str>) -> Result<Node, QueryError> {
        if let Some((Tok::And, col)) | Some((Tok::Or, col)) = self.peek() {
            return err(*col, "AND/OR needs something to search on both sides");
        }
        let mut parts = vec![self.unary(depth, field)?];
        loop {
            match self.peek() {
                None | Some((Tok::Close, _)) | Some((Tok::Or, _)) => break,
                Some((Tok::And, col)) => {
                    let col = *col;
                    self.pos += 1;
                    if self.at_operand_end() {
                        return err(col, "AND needs something to search on both sides");
                    }
                }
                _ => {}
            }
            parts.push(self.unary(depth, field)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self, depth: usize, field: Option<&str>) -> Result<Node, QueryError> {
        if depth > MAX_DEPTH {
            return err(self.col(), "query is nested too deeply");
        }
        match self.peek().cloned() {
            Some((Tok::Not, col)) | Some((Tok::Minus, col)) => {
                self.pos += 1;
                if self.at_operand_end() {
                    return err(col, "NOT/- needs something after it");
                }
                Ok(Node::Not(Box::new(self.unary(depth + 1, field)?)))
            }
            Some((Tok::Plus, _)) => {
                self.pos += 1;
                self.unary(depth + 1, field)
            }
            _ => self.primary(depth, field),
        }
    }

    fn primary(&mut self, depth: usize, field: Option<&str>) -> Result<Node, QueryError> {
        if depth > MAX_DEPTH {
            return err(self.col(), "query is nested too deeply");
        }
        let Some((tok, col)) = self.peek().cloned() else {
            return err(self.end_col, "query ends where a word was expected");
        };
        self.pos += 1;
        let node = self.primary_node(tok, col, depth, field)?;
        // `^N` after a phrase or a group weighs it.
        if let Some((Tok::Boost(factor), _)) = self.peek() {
            let factor = *factor;
            self.pos += 1;
            return Ok(Node::Boost {
                node: Box::new(node),
                factor,
            });
        }
        Ok(node)
    }

    fn primary_node(
        &mut self,
        tok: Tok,
        col: usize,
        depth: usize,
        field: Option<&str>,
    ) -> Result<Node, QueryError> {
        match tok {
            Tok::Open => {
                if let Some((Tok::Close, _)) = self.peek() {
                    return err(col, "empty group (): put words between the parentheses");
                }
                let inner = self.or_expr(depth + 1, field)?;
                match self.peek() {
                    Some((Tok::Close, _)) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => err(col, "unbalanced '(': add the closing ')'"),
                }
            }
            Tok::Close => err(col, "unbalanced ')': no '(' before it"),
            Tok::Field(name) => {
                if field.is_some() {
                    return err(col, "a field inside a field group");
                }
                match self.peek() {
                    Some((Tok::Open, _)) | Some((Tok::Phrase(..), _)) => {
                        self.primary(depth + 1, Some(&name))
                    }
                    _ => err(
                        col,
                        format!("`{name}:` needs a word, a \"phrase\" or (a group) after it"),
                    ),
                }
            }
            Tok::Phrase(text, slop) => {
                if text.trim().is_empty() {
                    return err(col, "empty phrase \"\"");
                }
                Ok(Node::Phrase {
                    field: field.map(str::to_string),
                    text,
                    slop,
                })
            }
            Tok::Word(w) => word_node(&w, field, col),
            Tok::And | Tok::Or | Tok::Not | Tok::Minus | Tok::Plus => {
                err(col, "an operator where a word was expected")
            }
            Tok::Boost(_) => err(col, "^ must follow a word, a \"phrase\" or a (group)"),
        }
    }
}

fn word_node(w: &str, field: Option<&str>, col: usize) -> Result<Node, QueryError> {
    if w == "*" && field.is_none() {
        return Ok(Node::All);
    }
    let (field, text) = match w.split_once(':') {
        Some((f, rest)) if field.is_none() && is_field_like(f) => {
            check_field(f, col)?;
            if rest.is_empty() {
                return err(col, format!("`{f}:` needs a word after it"));
            }
            (Some(f.to_lowercase()), rest)
        }
        _ => (field.map(str::to_string), w),
    };
    // `word^2`: the word weighs twice.
    let (text, boost) = match text.rsplit_once('^') {
        Some((t, n)) if !t.is_empty() => (t, Some(boost_factor(n, col)?)),
        Some(_) => return err(col, "^ must follow a word, a \"phrase\" or a (group)"),
        None => (text, None),
    };
    let node = word_or_pattern(field, text, col)?;
    Ok(match boost {
        Some(factor) => Node::Boost {
            node: Box::new(node),
            factor,
        },
        None => node,
    })
}

/// A word, or a pattern when it holds `*`, `?` or ends in `~`/`~N`.
fn word_or_pattern(field: Option<String>, text: &str, col: usize) -> Result<Node, QueryError> {
    if let Some((word, distance)) = text.rsplit_once('~') {
        let distance = match distance {
            "" => 2,
            "0" | "1" | "2" => distance.parse().unwrap_or(2),
            _ => {
                return err(
                    col,
                    "a word's ~ takes 0, 1 or 2 edits (tarif~ or tarif~1); ~ after a \"phrase\" allows words between",
                )
            }
        };
        let word = pattern_text(word, col, "a fuzzy word (word~)")?;
        return Ok(Node::Pattern {
            field,
            pattern: WordPattern::Fuzzy { word, distance },
        });
    }
    if !text.contains(['*', '?']) {
        return Ok(Node::Word {
            field,
            text: text.to_string(),
        });
    }
    let pattern = match text.strip_suffix('*') {
        Some(p) if !p.contains(['*', '?']) => {
            if p.is_empty() {
                return err(col, "`*` on its own cannot be a prefix");
            }
            WordPattern::Prefix(pattern_text(p, col, "a prefix (word*)")?)
        }
        _ => WordPattern::Wildcard(pattern_text(text, col, "a wildcard word")?),
    };
    Ok(Node::Pattern { field, pattern })
}

/// The folded text of a pattern. Words are split at punctuation before
/// they are indexed, so a pattern holding punctuation could never match:
/// that is an error, not an empty result.
fn pattern_text(text: &str, col: usize, what: &str) -> Result<String, QueryError> {
    if text.is_empty() {
        return err(col, format!("{what} needs letters"));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '*' || *c == '?'))
    {
        return err(
            col,
            format!(
                "{what} can hold only letters and digits, not {bad:?}: words are split at punctuation (search \"{}\" as a phrase instead)",
                text.replace(['*', '?'], "")
            ),
        );
    }
    let mut folded = String::new();
    for c in text.chars() {
        match c {
            '*' | '?' => folded.push(c),
            c => folded.push_str(&crate::analysis::fold_keyword(&c.to_string())),
        }
    }
    Ok(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse(s)
            .map(|n| n.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn default_is_and_and_or_binds_loosest() {
        assert_eq!(p("trade deficit"), "(AND trade deficit)");
        assert_eq!(p("a b OR c"), "(OR (AND a b) c)");
        assert_eq!(p("a AND (b OR c)"), "(AND a (OR b c))");
    }

    #[test]
    fn phrases_fields_prefix_negation() {
        assert_eq!(p("\"trade deficit\""), "\"trade deficit\"");
        assert_eq!(
            p("speaker:\"steven mnuchin\""),
            "speaker:\"steven mnuchin\""
        );
        assert_eq!(
            p("speaker:mnuchin tariff*"),
            "(AND speaker:mnuchin tariff*)"
        );
        assert_eq!(p("-china NOT japan"), "(AND (NOT china) (NOT japan))");
        assert_eq!(
            p("title:(budget OR deficit)"),
            "(OR title:budget title:deficit)"
        );
        assert_eq!(p("“curly quotes”"), "\"curly quotes\"");
        assert_eq!(p("U.S.-China"), "U.S.-China");
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(
            p("\"trade deficit"),
            "query error at column 1: unclosed quote: add the closing \""
        );
        assert!(p("(trade").contains("unbalanced '('"));
        assert!(p("trade)").contains("column 6"));
        assert!(p("AND").contains("AND/OR needs"));
        assert!(p("trade OR").contains("OR needs"));
        assert!(p("foo:bar").contains("unknown field `foo:`"));
        assert!(p("").contains("empty query"));
        // A lone dash is a word with nothing searchable in it: no hits, no error.
        assert_eq!(p("-"), "-");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowing() {
        let q = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(p(&q).contains("nested too deeply"));
        assert!(p(&"NOT ".repeat(10_000)).contains("query error"));
        let many = vec!["word"; 10_000].join(" ");
        assert!(parse(&many).is_ok());
    }
}
