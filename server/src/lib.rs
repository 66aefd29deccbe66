//! A small static file server on 127.0.0.1, enough for a built mdBook: GET
//! and HEAD, index files, the MIME types a book uses. With a reload counter
//! it also tells pages when a rebuild happened (`cargo xtask serve`).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const RELOAD_PATH: &str = "/__fresh-reads/build";

/// Polls the build number and reloads the page when it changes.
const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null;
  setInterval(function () {
    fetch("/__fresh-reads/build", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (build) {
      if (seen !== null && build !== seen) { location.reload(); }
      seen = build;
    }, function () {});
  }, 1000);
})();
</script>"#;

pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `root` on 127.0.0.1:`port` (0 picks a free port) from a
    /// background thread that lives as long as the process.
    pub fn start(
        root: PathBuf,
        port: u16,
        build: Option<Arc<AtomicU64>>,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        let root = Arc::new(root);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, build, log) = (Arc::clone(&root), build.clone(), Arc::clone(&log));
                thread::spawn(move || {
                    let _ = respond(stream, &root, build.as_deref(), &log);
                });
            }
        });
        Ok(Server { addr, requests })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The paths requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("request log").clone()
    }
}

fn respond(
    mut stream: TcpStream,
    root: &Path,
    build: Option<&AtomicU64>,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Headers are read and ignored: nothing here depends on them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    log.lock().expect("request log").push(path.to_string());
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET or HEAD only",
            head_only,
        );
    }
    if let (Some(build), RELOAD_PATH) = (build, path) {
        let number = build.load(Ordering::SeqCst).to_string();
        return send(
            &mut stream,
            "200 OK",
            "text/plain",
            number.as_bytes(),
            head_only,
        );
    }
    let Some(file) = resolve(root, path) else {
        return send(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            head_only,
        );
    };
    let mut body = fs::read(&file)?;
    let mime = mime(&file);
    if build.is_some() && mime.starts_with("text/html") {
        let html = String::from_utf8_lossy(&body).replacen(
            "</body>",
            &format!("{RELOAD_SCRIPT}</body>"),
            1,
        );
        body = html.into_bytes();
    }
    send(&mut stream, "200 OK", mime, &body, head_only)
}

/// The file a URL path names, never outside `root`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|ext| ext.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(root, "/src/lib.rs").is_some());
        assert!(
            resolve(root, "/src/").is_none(),
            "a folder without index.html"
        );
        assert!(resolve(root, "/../Cargo.toml").is_none());
        assert!(resolve(root, "/src/%2e%2e/%2e%2e/Cargo.toml").is_none());
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
    }

    #[test]
    fn serves_files_with_their_type_and_logs_requests() {
        let server = Server::start(PathBuf::from(env!("CARGO_MANIFEST_DIR")), 0, None).unwrap();
        let response = get(&server, "/Cargo.toml");
        assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
        assert!(response.contains("name = \"course-tests\""), "{response}");
        assert!(get(&server, "/missing").starts_with("HTTP/1.1 404"));
        assert_eq!(server.requests(), ["/Cargo.toml", "/missing"]);
    }

    fn get(server: &Server, path: &str) -> String {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut response = String::new();
        std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
        response
    }
}
