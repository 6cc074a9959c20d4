//! What the server answers when a request cannot be answered: a status and
//! the message the command line would print (with the query's column).

use crate::Error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A failed request.
#[derive(Debug)]
pub(crate) struct WebError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    /// The 1-based column of a query that cannot be parsed.
    pub(crate) column: Option<usize>,
}

impl WebError {
    /// Something asked wrongly (400).
    pub(crate) fn bad(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> WebError {
        WebError {
            status,
            message: message.into(),
            column: None,
        }
    }

    /// The error as the API's JSON body.
    pub(crate) fn json(&self) -> serde_json::Value {
        let mut error = serde_json::json!({
            "status": self.status.as_u16(),
            "message": self.message,
        });
        if let Some(c) = self.column {
            error["column"] = c.into();
        }
        serde_json::json!({ "error": error })
    }
}

impl From<Error> for WebError {
    fn from(e: Error) -> WebError {
        let column = match &e {
            Error::Query(q) => Some(q.column),
            _ => None,
        };
        let status = if e.is_usage() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        WebError {
            status,
            message: e.to_string(),
            column,
        }
    }
}

impl From<crate::search::query::QueryError> for WebError {
    fn from(e: crate::search::query::QueryError) -> WebError {
        WebError::from(Error::Query(e))
    }
}

impl From<std::io::Error> for WebError {
    fn from(e: std::io::Error) -> WebError {
        WebError::from(Error::Io(e))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.json())).into_response()
    }
}
