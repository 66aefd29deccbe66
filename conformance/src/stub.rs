//! The stub the Next.js app talks to: the database (rows, per-actor
//! transactions, each read's value and a generation number for every time a
//! value is computed), the gates that hold each server step until the
//! harness releases it, and the errors the app reports.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;
use cache_engine::app::App;

use crate::http::query;

/// Generations handed out while the server runs start here, so a value
/// computed while `next build` prerendered stays told apart.
pub const RUN_GENERATIONS: u64 = 1_000_000;

/// A value computed by the app: which read, and its generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    pub read: String,
    pub generation: u64,
}

#[derive(Default)]
struct Db {
    app: App,
    rows: BTreeMap<String, String>,
    transactions: BTreeMap<String, BTreeMap<String, Option<String>>>,
    next_gen: u64,
    computed: Vec<Computed>,
    waiting: BTreeSet<(String, usize)>,
    released: BTreeSet<(String, usize)>,
    errors: Vec<(String, String)>,
    last_activity: Option<Instant>,
}

/// The running stub; dropped, it stops answering.
#[derive(Clone)]
pub struct Stub {
    shared: Arc<(Mutex<Db>, Condvar)>,
    pub port: u16,
}

impl Stub {
    /// Serve `app`'s rows on a free loopback port.
    pub fn start(app: &App, first_gen: u64) -> Result<Stub> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let db = Db {
            app: app.clone(),
            rows: app
                .rows
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            next_gen: first_gen,
            ..Db::default()
        };
        let stub = Stub {
            shared: Arc::new((Mutex::new(db), Condvar::new())),
            port,
        };
        let serving = stub.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let stub = serving.clone();
                thread::spawn(move || stub.answer(stream));
            }
        });
        Ok(stub)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.shared
            .0
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Everything computed so far.
    pub fn computed(&self) -> Vec<Computed> {
        self.db().computed.clone()
    }

    /// Errors the app reported: (actor, message).
    pub fn errors(&self) -> Vec<(String, String)> {
        self.db().errors.clone()
    }

    /// A write from outside the app (a job's own process).
    pub fn write(&self, row: &str, value: Option<&str>) {
        let mut db = self.db();
        match value {
            Some(value) => db.rows.insert(row.into(), value.into()),
            None => db.rows.remove(row),
        };
    }

    /// Whether the actor's request is held at the gate of `step`.
    pub fn is_waiting(&self, actor: &str, step: usize) -> bool {
        self.db().waiting.contains(&(actor.to_string(), step))
    }

    /// Let the actor's request run `step`.
    pub fn release(&self, actor: &str, step: usize) {
        self.db().released.insert((actor.to_string(), step));
        self.shared.1.notify_all();
    }

    /// Wait until, for `quiet`, the app has made no call here and the
    /// server (asked through `server_idle`) has used no CPU: the background
    /// work a response did not wait for (an entry recomputed, a page
    /// regenerated and stored) has finished. At most `limit`.
    pub fn settle(&self, quiet: Duration, limit: Duration, mut server_idle: impl FnMut() -> bool) {
        let start = Instant::now();
        let mut server_quiet_since = start;
        loop {
            thread::sleep(Duration::from_millis(25));
            if !server_idle() {
                server_quiet_since = Instant::now();
            }
            let last = self.db().last_activity;
            let idle = last.is_none_or(|at| at.elapsed() >= quiet)
                && server_quiet_since.elapsed() >= quiet;
            if (idle && start.elapsed() >= quiet) || start.elapsed() >= limit {
                return;
            }
        }
    }

    fn answer(&self, stream: TcpStream) {
        let mut reader = BufReader::new(match stream.try_clone() {
            Ok(s) => s,
            Err(_) => return,
        });
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        // Headers are not needed: every parameter is in the query.
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => break,
                Ok(_) if header == "\r\n" || header == "\n" => break,
                Ok(_) => {}
            }
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        let (path, query_text) = target.split_once('?').unwrap_or((target, ""));
        let params: BTreeMap<String, String> = query(query_text).into_iter().collect();
        let param = |name: &str| params.get(name).cloned().unwrap_or_default();
        let (status, body) = match path {
            "/read" => self.read(&param("key")),
            "/gate" => {
                self.gate(&param("actor"), param("step").parse().unwrap_or(usize::MAX));
                (200, "ok".into())
            }
            "/begin" => {
                self.db()
                    .transactions
                    .insert(param("actor"), BTreeMap::new());
                (200, "ok".into())
            }
            "/write" | "/delete" => {
                let value = (path == "/write").then(|| param("value"));
                let mut db = self.db();
                match db.transactions.get_mut(&param("actor")) {
                    Some(writes) => {
                        writes.insert(param("row"), value);
                    }
                    None => {
                        match value {
                            Some(value) => db.rows.insert(param("row"), value),
                            None => db.rows.remove(&param("row")),
                        };
                    }
                }
                (200, "ok".into())
            }
            "/commit" => {
                let mut db = self.db();
                let writes = db.transactions.remove(&param("actor")).unwrap_or_default();
                for (row, value) in writes {
                    match value {
                        Some(value) => db.rows.insert(row, value),
                        None => db.rows.remove(&row),
                    };
                }
                (200, "ok".into())
            }
            "/rollback" => {
                self.db().transactions.remove(&param("actor"));
                (200, "ok".into())
            }
            "/error" => {
                self.db().errors.push((param("actor"), param("message")));
                (200, "ok".into())
            }
            _ => (404, format!("no stub route {path}")),
        };
        self.db().last_activity = Some(Instant::now());
        let mut stream = stream;
        let _ = write!(
            stream,
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }

    fn read(&self, key: &str) -> (u16, String) {
        let mut db = self.db();
        let Some(read) = db.app.read(key) else {
            return (404, format!("no read named {key}"));
        };
        let rows = db
            .rows
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let value = read.value(&rows);
        db.next_gen += 1;
        let generation = db.next_gen;
        db.computed.push(Computed {
            read: key.into(),
            generation,
        });
        let body = serde_json::json!({ "value": value, "gen": generation }).to_string();
        (200, body)
    }

    fn gate(&self, actor: &str, step: usize) {
        let key = (actor.to_string(), step);
        let (lock, wake) = &*self.shared;
        let mut db = lock.lock().unwrap_or_else(|poison| poison.into_inner());
        db.waiting.insert(key.clone());
        db.last_activity = Some(Instant::now());
        while !db.released.contains(&key) {
            db = wake
                .wait_timeout(db, Duration::from_secs(120))
                .unwrap_or_else(|poison| poison.into_inner())
                .0;
        }
        db.waiting.remove(&key);
    }
}
