//! A small static file server on 127.0.0.1, enough for a built mdBook: GET
//! and HEAD, index files, the MIME types a book uses. With a reload counter
//! it also tells pages when a rebuild happened (`cargo xtask serve`); the
//! browser tests serve the built book with it too.
//!
//! It runs for hours under `serve`, so nothing a client sends can make it
//! grow: the request line and headers are capped, idle connections time
//! out, a fixed set of threads answers, and the request log keeps only the
//! latest paths.

use std::collections::VecDeque;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

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

/// The longest request line read, and the most header bytes: a browser's
/// are far shorter; anything longer is refused, not buffered.
const MAX_REQUEST_LINE: u64 = 8 * 1024;
const MAX_HEADERS: u64 = 32 * 1024;
/// How long a connection may sit without sending its request.
const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// Threads answering requests; further connections wait in the queue, then
/// in the listener's backlog.
const WORKERS: usize = 8;
const QUEUE: usize = 64;
/// How many request paths the log keeps (the most recent).
const LOG_LENGTH: usize = 1_000;

pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<VecDeque<String>>>,
}

impl Server {
    /// Serves `root` on 127.0.0.1:`port` (0 picks a free port) from
    /// background threads that live as long as the process.
    pub fn start(
        root: PathBuf,
        port: u16,
        build: Option<Arc<AtomicU64>>,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(Mutex::new(VecDeque::new()));
        let (queue, incoming) = mpsc::sync_channel::<TcpStream>(QUEUE);
        let incoming = Arc::new(Mutex::new(incoming));
        let root = Arc::new(root);
        for _ in 0..WORKERS {
            let (root, build, log) = (Arc::clone(&root), build.clone(), Arc::clone(&requests));
            let incoming = Arc::clone(&incoming);
            thread::spawn(move || {
                loop {
                    let next = incoming.lock().expect("the queue").recv();
                    let Ok(stream) = next else { return };
                    let _ = respond(stream, &root, build.as_deref(), &log);
                }
            });
        }
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if queue.send(stream).is_err() {
                    return;
                }
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

    /// The paths requested so far, in order (the last [`LOG_LENGTH`]).
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .expect("request log")
            .iter()
            .cloned()
            .collect()
    }
}

/// Reads one line of at most `limit` bytes; `None` when it is longer (or
/// the connection ends first).
fn read_line(reader: &mut impl BufRead, limit: u64) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    reader.take(limit).read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

fn respond(
    mut stream: TcpStream,
    root: &Path,
    build: Option<&AtomicU64>,
    log: &Mutex<VecDeque<String>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    stream.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some(request_line) = read_line(&mut reader, MAX_REQUEST_LINE)? else {
        return refuse(stream, reader, "414 URI Too Long");
    };
    // Headers are read and ignored: nothing here depends on them.
    let mut header_bytes = 0;
    loop {
        let Some(header) = read_line(&mut reader, MAX_HEADERS - header_bytes)? else {
            return refuse(stream, reader, "431 Request Header Fields Too Large");
        };
        header_bytes += header.len() as u64;
        if header.trim_end().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    {
        let mut log = log.lock().expect("request log");
        if log.len() == LOG_LENGTH {
            log.pop_front();
        }
        log.push_back(path.to_string());
    }
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

/// Answers a request too large to read with `status`, then reads (a bounded
/// amount of) what the client is still sending, so that closing does not
/// reset the connection before the client reads the answer.
fn refuse(mut stream: TcpStream, reader: impl Read, status: &str) -> std::io::Result<()> {
    send(&mut stream, status, "text/plain", status.as_bytes(), false)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    std::io::copy(&mut reader.take(1 << 20), &mut std::io::sink())?;
    Ok(())
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
        assert!(response.contains("name = \"static-server\""), "{response}");
        assert!(get(&server, "/missing").starts_with("HTTP/1.1 404"));
        assert_eq!(server.requests(), ["/Cargo.toml", "/missing"]);
    }

    #[test]
    fn an_overlong_request_line_or_header_is_refused_and_the_server_goes_on() {
        let server = Server::start(PathBuf::from(env!("CARGO_MANIFEST_DIR")), 0, None).unwrap();
        let long = format!("/{}", "a".repeat(64 * 1024));
        assert!(get(&server, &long).starts_with("HTTP/1.1 414"));
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let header = format!("X-Big: {}\r\n", "b".repeat(1024));
        let headers = header.repeat(64);
        let _ = write!(stream, "GET /Cargo.toml HTTP/1.1\r\n{headers}\r\n");
        let mut response = String::new();
        let _ = std::io::Read::read_to_string(&mut stream, &mut response);
        assert!(response.starts_with("HTTP/1.1 431"), "{response}");
        assert!(get(&server, "/Cargo.toml").starts_with("HTTP/1.1 200 OK"));
        assert_eq!(
            server.requests(),
            ["/Cargo.toml"],
            "refused lines are not logged"
        );
    }

    #[test]
    fn idle_connections_do_not_make_threads_and_the_log_stays_bounded() {
        let threads = || {
            let status = fs::read_to_string("/proc/self/status").unwrap();
            let line = status
                .lines()
                .find(|line| line.starts_with("Threads:"))
                .unwrap();
            line[8..].trim().parse::<usize>().unwrap()
        };
        let server = Server::start(PathBuf::from(env!("CARGO_MANIFEST_DIR")), 0, None).unwrap();
        let before = threads();
        let idle: Vec<TcpStream> = (0..200)
            .map(|_| TcpStream::connect(server.addr).unwrap())
            .collect();
        thread::sleep(Duration::from_millis(300));
        let grown = threads().saturating_sub(before);
        // Other tests start servers meanwhile: a few threads each, not 200.
        assert!(grown < 50, "{grown} more threads for 200 idle connections");
        drop(idle);
        for _ in 0..LOG_LENGTH + 5 {
            get(&server, "/Cargo.toml");
        }
        assert_eq!(server.requests().len(), LOG_LENGTH);
    }

    fn get(server: &Server, path: &str) -> String {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let _ = write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut response = String::new();
        std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
        response
    }
}
