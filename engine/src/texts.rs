//! The exact texts Next.js 16.4.6 prints or throws, as the conformance run
//! captures them from the real server (`cargo xtask conformance` fails when
//! one differs), so a reader who meets one in a terminal recognises it here.

use std::fmt::{self, Write};

/// `text` in double quotes, as Next.js quotes an argument in its messages
/// (`JSON.stringify`). Not `{:?}`: Rust's string escaper would bring its
/// Unicode tables into the Wasm bundle.
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            if c == '"' || c == '\\' {
                f.write_char('\\')?;
            }
            f.write_char(c)?;
        }
        f.write_char('"')
    }
}

/// Thrown by `updateTag` anywhere but a Server Action.
pub const UPDATE_TAG_OUTSIDE_ACTION: &str = "updateTag can only be called from within a Server Action. \
To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. \
See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag";

/// Logged by the one-argument `revalidateTag(tag)`, which still runs.
pub const REVALIDATE_TAG_SINGLE_ARG: &str = "\"revalidateTag\" without the second argument is now deprecated, \
add second argument of \"max\" or use \"updateTag\". \
See more info here: https://nextjs.org/docs/messages/revalidate-tag-single-arg";

/// Next.js names a call in its messages as `name("argument")`.
pub fn expression(call: &str, argument: &str) -> String {
    format!("{call}({})", Quoted(argument))
}

/// Thrown by an invalidation call in the browser, where `next/cache` exports
/// stand-ins for the server functions.
pub fn server_only(name: &str) -> String {
    format!("`{name}` is only available in a Server Component.")
}

/// Thrown by an invalidation call with no request context (a job's own process).
pub fn store_missing(expression: &str) -> String {
    format!("Invariant: static generation store missing in {expression}")
}

/// Thrown by an invalidation call made while a route renders.
pub fn during_render(route: &str, expression: &str) -> String {
    format!(
        "Route {}: `{expression}` can't be called during render. \
Call it from a Server Action or Route Handler instead.\n\
Learn more: https://nextjs.org/docs/messages/revalidate-in-use-cache",
        Quoted(route)
    )
}

/// Logged by `revalidatePath` for a dynamic pattern given without `type`.
pub fn dynamic_path_without_type(path: &str) -> String {
    format!(
        "Warning: a dynamic page path {} was passed to \"revalidatePath\", but the \"type\" \
parameter is missing. This has no effect by default, see more info here \
https://nextjs.org/docs/app/api-reference/functions/revalidatePath",
        Quoted(path)
    )
}

/// Logged when a cached read names a tag longer than the limit.
pub fn invalid_tags(description: &str, dropped: &[String], max_len: usize) -> String {
    let mut text = format!("Warning: invalid tags passed to {description}: ");
    for tag in dropped {
        text.push_str(&format!(
            "\ntag: {} exceeded max length of {max_len}",
            Quoted(tag)
        ));
    }
    text
}

/// Logged when a cached read names more tags than the limit.
pub fn too_many_tags(description: &str, dropped: &[String]) -> String {
    format!(
        "Warning: exceeded max tag count for {description}, dropped tags: {}",
        dropped.join(", ")
    )
}

/// The model's own warning (Next.js is silent here): the habit of checking
/// the invalidate log line is only useful if a zero stands out.
pub fn zero_matched(target: &str) -> String {
    format!(
        "no cached entry carries {}: nothing was invalidated",
        Quoted(target)
    )
}

/// The revalidation endpoint's reply when the shared secret does not match.
pub const UNAUTHORIZED: &str = "401 Unauthorized: invalid revalidation secret";

#[cfg(test)]
mod tests {
    use super::Quoted;

    #[test]
    fn quotes_as_json_does() {
        for text in [
            "org:acme:all",
            "",
            "a \"b\" \\ c",
            "/(marketing)",
            "\\\"",
            "é",
        ] {
            assert_eq!(
                Quoted(text).to_string(),
                serde_json::to_string(text).unwrap(),
                "{text}"
            );
        }
    }
}
