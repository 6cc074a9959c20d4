//! What every request passes through: the access token (when the server
//! has one), read-only methods, and the headers that keep a browser from
//! running anything an article carries.

use super::error::WebError;
use super::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The cookie a browser keeps the token in after `?token=`.
const COOKIE: &str = "econ_archive_token";

/// No inline script or style, nothing from elsewhere, no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let mut r = WebError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "this server is read-only: only GET and HEAD",
        )
        .into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return secure(r);
    }
    let mut set_cookie = None;
    if let Some(token) = &state.token {
        match presented(&req, token) {
            Presented::Yes => {}
            Presented::InQuery => {
                set_cookie = Some(format!(
                    "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                ))
            }
            Presented::No => {
                let mut r = WebError::new(
                    StatusCode::UNAUTHORIZED,
                    "this archive needs its access token: send `Authorization: Bearer TOKEN`, \
                     or open any page once with ?token=TOKEN",
                )
                .into_response();
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"econ-archive\""),
                );
                return secure(r);
            }
        }
    }
    let mut response = next.run(req).await;
    if let Some(c) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, c);
    }
    secure(response)
}

fn secure(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

enum Presented {
    Yes,
    InQuery,
    No,
}

/// Does the request carry the token (header, cookie or query)?
fn presented(req: &Request, token: &str) -> Presented {
    let headers = req.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if bearer.is_some_and(|b| same(b.trim(), token)) {
        return Presented::Yes;
    }
    let in_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|v| same(v, token));
    if in_cookie {
        return Presented::Yes;
    }
    let in_query = form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
        .any(|(k, v)| k == "token" && same(&v, token));
    if in_query {
        Presented::InQuery
    } else {
        Presented::No
    }
}

/// Compares in time that does not depend on where the strings differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
