//! The query language: what a user types, parsed once into the project's
//! own query tree ([`Query`], made of [`Node`]s) that every backend compiles
//! in its own way.
//!
//! ```text
//! trade deficit            both words (AND is the default)
//! "trade deficit"          the phrase
//! tariffs OR quotas        either word
//! -china  NOT china        without the word
//! (steel OR aluminium) tariff*   grouping and prefix
//! title:budget  speaker:mnuchin  speaker:"steven mnuchin"
//! topic:trade  source:reuters  tag:grain  author:smith  quote:overcapacity
//! ```
//!
//! Precedence: NOT binds tightest, then AND (written or implied), then OR, so
//! `a b OR c` means `(a AND b) OR c`. Words are stemmed and case- and
//! accent-folded, so `tariffs` finds "tariff"; a prefix (`tariff*`) matches
//! index terms as written, without stemming. Unqualified words search the
//! title (weighted double) and the body.
//!
//! ```
//! use econ_archive::Query;
//! let q = Query::parse("\"trade deficit\" -china").unwrap();
//! assert_eq!(q.root().to_string(), "(AND \"trade deficit\" (NOT china))");
//! assert!(Query::parse("(unbalanced").is_err());
//! ```

use std::fmt;

/// Fields a query may name, with what they search.
pub const FIELDS: &[&str] = &[
    "title", "body", "quote", "speaker", "author", "source", "topic", "tag", "id",
];

/// A parsed query: the text as written and its tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    text: String,
    root: Node,
}

impl Query {
    /// Parses query text (see the module documentation for the language).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            text: text.to_string(),
            root: parse(text)?,
        })
    }

    /// Every article (`*`).
    pub fn all() -> Query {
        Query {
            text: "*".into(),
            root: Node::All,
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
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One word; `prefix` when written `word*`.
    Word {
        field: Option<String>,
        text: String,
        prefix: bool,
    },
    /// Words in order.
    Phrase {
        field: Option<String>,
        text: String,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// Every article (`*` on its own).
    All,
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = |fl: &Option<String>| fl.as_ref().map(|x| format!("{x}:")).unwrap_or_default();
        match self {
            Node::Word {
                field: fl,
                text,
                prefix,
            } => write!(f, "{}{}{}", field(fl), text, if *prefix { "*" } else { "" }),
            Node::Phrase { field: fl, text } => write!(f, "{}\"{}\"", field(fl), text),
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
    Phrase(String),
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
            i += 1;
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
            out.push((Tok::Phrase(text), col));
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

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

fn is_field_like(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
}

fn check_field(name: &str, column: usize) -> Result<(), QueryError> {
    if FIELDS.contains(&name.to_lowercase().as_str()) {
        Ok(())
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
    let toks = lex(input)?;
    if toks.is_empty() {
        return err(
            1,
            "empty query: give words to search for, or * for everything",
        );
    }
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
    Ok(node)
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
        match tok {
            Tok::Open => {
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
                    Some((Tok::Open, _)) | Some((Tok::Phrase(_), _)) => {
                        self.primary(depth + 1, Some(&name))
                    }
                    _ => err(
                        col,
                        format!("`{name}:` needs a word, a \"phrase\" or (a group) after it"),
                    ),
                }
            }
            Tok::Phrase(text) => {
                if text.trim().is_empty() {
                    return err(col, "empty phrase \"\"");
                }
                Ok(Node::Phrase {
                    field: field.map(str::to_string),
                    text,
                })
            }
            Tok::Word(w) => word_node(&w, field, col),
            Tok::And | Tok::Or | Tok::Not | Tok::Minus | Tok::Plus => {
                err(col, "an operator where a word was expected")
            }
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
    let (text, prefix) = match text.strip_suffix('*') {
        Some(t) if !t.is_empty() => (t, true),
        Some(_) => return err(col, "`*` on its own cannot be a prefix"),
        None => (text, false),
    };
    Ok(Node::Word {
        field,
        text: text.to_string(),
        prefix,
    })
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
