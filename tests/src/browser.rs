//! Headless Chromium over the DevTools protocol (CDP), synchronously: one
//! WebSocket, one page, the events it sends kept for the test to inspect.
//!
//! CDP rather than WebDriver because the tests must see what WebDriver hides:
//! every console error and every network request the page makes.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How long a page gets to reach a state before the test fails: a bound on
/// hangs, not a performance assertion.
const PATIENCE: Duration = Duration::from_secs(20);

/// How many times a launch is tried: on a loaded machine Chromium's first
/// start (with fresh profiles, several at once) can miss `PATIENCE`.
const LAUNCHES: usize = 3;

/// A Chromium process and its throwaway profile, ended with the value: a
/// launch that fails half-way or a test that panics leaves no orphan.
struct Process {
    child: Child,
    profile: PathBuf,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helper processes may still be writing for a moment.
        for _ in 0..50 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// How long Chromium gets to close before it is killed.
const CLOSING: Duration = Duration::from_secs(5);

pub struct Browser {
    process: Process,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
}

/// Chromium asked to close exits by itself and removes its temporary files;
/// killed outright, it left its profile and scratch folders behind in /tmp,
/// hundreds of them over a few runs.
impl Drop for Browser {
    fn drop(&mut self) {
        self.next_id += 1;
        let close = json!({ "id": self.next_id, "method": "Browser.close" });
        if self.socket.send(Message::text(close.to_string())).is_err() {
            return;
        }
        let deadline = Instant::now() + CLOSING;
        while Instant::now() < deadline && matches!(self.process.child.try_wait(), Ok(None)) {
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Browser {
    pub fn launch() -> anyhow::Result<Browser> {
        Browser::launch_in(&std::env::temp_dir())
    }

    /// Launches Chromium with its profile and its own temporary files in
    /// `scratch`, which it leaves as it found it when dropped.
    pub fn launch_in(scratch: &Path) -> anyhow::Result<Browser> {
        let mut attempt = 1;
        loop {
            match Browser::start(scratch) {
                Ok(browser) => return Ok(browser),
                Err(error) if attempt < LAUNCHES => {
                    eprintln!("Chromium launch {attempt} of {LAUNCHES} failed ({error:#}); again");
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }

    fn start(scratch: &Path) -> anyhow::Result<Browser> {
        static LAUNCHED: AtomicUsize = AtomicUsize::new(0);
        let profile = scratch.join(format!(
            "fresh-reads-chromium-{}-{}",
            std::process::id(),
            LAUNCHED.fetch_add(1, Ordering::SeqCst)
        ));
        let child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                "--window-size=1100,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .env("TMPDIR", scratch)
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {CHROMIUM}: is Debian's chromium installed?"))?;
        let mut process = Process { child, profile };
        let endpoint = devtools_endpoint(&mut process.child)?;
        let (socket, _) =
            tungstenite::connect(&endpoint).context("cannot open the DevTools socket")?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(PATIENCE))?;
        }
        let mut browser = Browser {
            process,
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }))?;
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .context("no session id")?
            .to_string();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            browser.call(&format!("{domain}.enable"), json!({}))?;
        }
        Ok(browser)
    }

    /// Sends one CDP command to the page and waits for its answer, keeping
    /// the events that arrive meanwhile.
    pub fn call(&mut self, method: &str, params: Value) -> anyhow::Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(message.to_string()))?;
        loop {
            let text = match self
                .socket
                .read()
                .with_context(|| format!("no answer to {method}"))?
            {
                Message::Text(text) => text,
                _ => continue,
            };
            let value: Value = serde_json::from_str(text.as_str())?;
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    bail!("{method} failed: {error}");
                }
                return Ok(value["result"].clone());
            }
            if value.get("method").is_some() {
                self.events.push(value);
            }
        }
    }

    pub fn goto(&mut self, url: &str) -> anyhow::Result<()> {
        let navigated = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(error) = navigated.get("errorText") {
            bail!("cannot open {url}: {error}");
        }
        self.wait_for(
            "document.readyState === 'complete'",
            &format!("{url} to load"),
        )?;
        Ok(())
    }

    /// Reloads the page and waits until the new document has loaded: a
    /// marker set on the old page's window tells the two apart.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        self.eval("window.__freshReadsOldPage = true; location.reload(); true")?;
        self.wait_for(
            "window.__freshReadsOldPage === undefined && document.readyState === 'complete'",
            "the page to reload",
        )?;
        Ok(())
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its
    /// value as JSON; a thrown exception is an error.
    pub fn eval(&mut self, expression: &str) -> anyhow::Result<Value> {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            bail!(
                "`{expression}` threw: {}",
                details["exception"]["description"]
            );
        }
        Ok(result["result"]["value"].clone())
    }

    /// `eval` of work that may take longer than one command is given:
    /// axe-core on `print.html`, every exercise of the book on one page,
    /// takes 13 to 20 s on a busy machine. The wait is for a hang, not a
    /// measure of speed.
    pub fn eval_patiently(
        &mut self,
        expression: &str,
        patience: Duration,
    ) -> anyhow::Result<Value> {
        self.set_patience(patience)?;
        let result = self.eval(expression);
        self.set_patience(PATIENCE)?;
        result
    }

    fn set_patience(&mut self, patience: Duration) -> anyhow::Result<()> {
        if let MaybeTlsStream::Plain(stream) = self.socket.get_ref() {
            stream.set_read_timeout(Some(patience))?;
        }
        Ok(())
    }

    /// Polls `expression` until it is truthy and returns its value. An
    /// evaluation that fails (the page is navigating) is tried again.
    pub fn wait_for(&mut self, expression: &str, what: &str) -> anyhow::Result<Value> {
        let start = Instant::now();
        loop {
            let last = match self.eval(expression) {
                Ok(value) if is_truthy(&value) => return Ok(value),
                Ok(value) => format!("stayed {value}"),
                Err(error) => format!("failed: {error}"),
            };
            if start.elapsed() > PATIENCE {
                bail!("gave up waiting for {what} (`{expression}` {last})");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn text(&mut self, selector: &str) -> anyhow::Result<String> {
        let value = self.eval(&format!(
            "document.querySelector({})?.innerText ?? null",
            js_string(selector)
        ))?;
        value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("no element matches `{selector}`"))
    }

    /// The centre of the element, scrolled into view, in viewport pixels.
    fn centre(&mut self, selector: &str) -> anyhow::Result<(f64, f64)> {
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); \
             return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            js_string(selector)
        ))?;
        let xy = rect
            .as_array()
            .ok_or_else(|| anyhow!("no element matches `{selector}`"))?;
        Ok((xy[0].as_f64().unwrap_or(0.0), xy[1].as_f64().unwrap_or(0.0)))
    }

    /// A real mouse click (move, press, release) on the element's centre.
    pub fn click(&mut self, selector: &str) -> anyhow::Result<()> {
        let (x, y) = self.centre(selector)?;
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1 }),
            )?;
        }
        self.settle()
    }

    /// A mouse drag from the centre of one element to the centre of another,
    /// through intermediate moves as a hand would make them.
    pub fn drag(&mut self, from: &str, to: &str) -> anyhow::Result<()> {
        let (x0, y0) = self.centre(from)?;
        let (x1, y1) = self.position(to)?;
        let mouse = |kind: &str, x: f64, y: f64, buttons: u8| json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1 });
        self.call("Input.dispatchMouseEvent", mouse("mouseMoved", x0, y0, 0))?;
        self.call("Input.dispatchMouseEvent", mouse("mousePressed", x0, y0, 1))?;
        for step in 1..=10 {
            let t = f64::from(step) / 10.0;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            self.call("Input.dispatchMouseEvent", mouse("mouseMoved", x, y, 1))?;
        }
        self.call(
            "Input.dispatchMouseEvent",
            mouse("mouseReleased", x1, y1, 0),
        )?;
        self.settle()
    }

    /// The same drag with a finger on a touch screen.
    pub fn touch_drag(&mut self, from: &str, to: &str) -> anyhow::Result<()> {
        self.call(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": true, "maxTouchPoints": 1 }),
        )?;
        let (x0, y0) = self.centre(from)?;
        let (x1, y1) = self.position(to)?;
        let touch = |kind: &str, points: Value| json!({ "type": kind, "touchPoints": points });
        self.call(
            "Input.dispatchTouchEvent",
            touch("touchStart", json!([{ "x": x0, "y": y0 }])),
        )?;
        for step in 1..=10 {
            let t = f64::from(step) / 10.0;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            self.call(
                "Input.dispatchTouchEvent",
                touch("touchMove", json!([{ "x": x, "y": y }])),
            )?;
        }
        self.call("Input.dispatchTouchEvent", touch("touchEnd", json!([])))?;
        self.settle()
    }

    /// The centre of an element without scrolling it, so a drag's target
    /// stays where the drag started measuring.
    fn position(&mut self, selector: &str) -> anyhow::Result<(f64, f64)> {
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            js_string(selector)
        ))?;
        let xy = rect
            .as_array()
            .ok_or_else(|| anyhow!("no element matches `{selector}`"))?;
        Ok((xy[0].as_f64().unwrap_or(0.0), xy[1].as_f64().unwrap_or(0.0)))
    }

    /// A tap on a touch screen.
    pub fn tap(&mut self, selector: &str) -> anyhow::Result<()> {
        self.call(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": true, "maxTouchPoints": 1 }),
        )?;
        let (x, y) = self.centre(selector)?;
        self.call(
            "Input.dispatchTouchEvent",
            json!({ "type": "touchStart", "touchPoints": [{ "x": x, "y": y }] }),
        )?;
        self.call(
            "Input.dispatchTouchEvent",
            json!({ "type": "touchEnd", "touchPoints": [] }),
        )?;
        self.settle()
    }

    /// Presses and releases a key, as a keyboard would: `Tab`, `Shift+Tab`,
    /// `Enter`, ` ` (Space), `Escape`, the arrows, `Home`, `End`, or a letter.
    pub fn press(&mut self, key: &str) -> anyhow::Result<()> {
        let (modifiers, key) = match key.strip_prefix("Shift+") {
            Some(key) => (8, key),
            None => (0, key),
        };
        let (code, key_code, text) = key_codes(key)?;
        let mut down = json!({
            "type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": key_code,
            "nativeVirtualKeyCode": key_code, "modifiers": modifiers,
        });
        if let Some(text) = text {
            down["text"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": key_code, "modifiers": modifiers }),
        )?;
        self.settle()
    }

    /// Waits for the page to finish reacting to an input: the microtasks in
    /// which Yew renders, then two frames. Reading the page sooner can see
    /// the state before the input under load.
    fn settle(&mut self) -> anyhow::Result<()> {
        self.eval(
            "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))",
        )?;
        Ok(())
    }

    /// The element that has focus, described for assertions and messages.
    pub fn focused(&mut self) -> anyhow::Result<String> {
        let value = self.eval(
            "(() => { const e = document.activeElement; if (!e) return ''; \
             return e.tagName.toLowerCase() + (e.type ? '[' + e.type + ']' : '') + ' ' + \
             (e.innerText || e.value || '').trim().slice(0, 60); })()",
        )?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Emulates a phone screen of `width` × `height` CSS pixels (touch on),
    /// and reloads so the page lays itself out for it.
    pub fn phone(&mut self, width: u32, height: u32) -> anyhow::Result<()> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true }),
        )?;
        self.call(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": true, "maxTouchPoints": 1 }),
        )?;
        self.reload()
    }

    /// Runs `script` before any of the page's own scripts on every page
    /// opened from now on.
    pub fn before_scripts(&mut self, script: &str) -> anyhow::Result<()> {
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )?;
        Ok(())
    }

    /// Lets downloads land in `dir`, as a reader's browser would save them.
    pub fn download_to(&mut self, dir: &Path) -> anyhow::Result<()> {
        self.call(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir.to_string_lossy() }),
        )?;
        Ok(())
    }

    /// Chooses `file` in the file input `selector`, as the file dialog would.
    pub fn choose_file(&mut self, selector: &str, file: &Path) -> anyhow::Result<()> {
        let found = self.call(
            "Runtime.evaluate",
            json!({ "expression": format!("document.querySelector({})", js_string(selector)) }),
        )?;
        let object = found["result"]["objectId"]
            .as_str()
            .ok_or_else(|| anyhow!("no element matches `{selector}`"))?
            .to_string();
        self.call(
            "DOM.setFileInputFiles",
            json!({ "files": [file.to_string_lossy()], "objectId": object }),
        )?;
        self.settle()
    }

    /// Sets mdBook's theme the way its theme menu does, and reloads.
    pub fn use_theme(&mut self, theme: &str) -> anyhow::Result<()> {
        self.eval(&format!(
            "localStorage.setItem('mdbook-theme', {})",
            js_string(theme)
        ))?;
        self.reload()?;
        self.wait_for(
            &format!(
                "document.documentElement.classList.contains({})",
                js_string(theme)
            ),
            "the theme",
        )?;
        Ok(())
    }

    /// A PNG of the element (with a margin), or of the viewport for `None`.
    pub fn screenshot(&mut self, selector: Option<&str>, path: &Path) -> anyhow::Result<()> {
        let mut params = json!({ "format": "png" });
        if let Some(selector) = selector {
            self.centre(selector)?;
            let rect = self.eval(&format!(
                "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
                 return [r.x + scrollX, r.y + scrollY, r.width, r.height]; }})()",
                js_string(selector)
            ))?;
            let r: Vec<f64> = rect
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64)
                .collect();
            params["clip"] = json!({ "x": r[0] - 12.0, "y": r[1] - 12.0, "width": r[2] + 24.0, "height": r[3] + 24.0, "scale": 1 });
            params["captureBeyondViewport"] = json!(true);
        }
        let shot = self.call("Page.captureScreenshot", params)?;
        let png = base64_decode(shot["data"].as_str().context("no screenshot data")?)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Console errors, uncaught exceptions and failed loads seen so far.
    pub fn console_errors(&mut self) -> anyhow::Result<Vec<String>> {
        self.eval("1")?; // collects the events already sent
        Ok(self
            .events
            .iter()
            .filter_map(|event| {
                let params = &event["params"];
                match event["method"].as_str()? {
                    "Runtime.exceptionThrown" => Some(params["exceptionDetails"].to_string()),
                    "Runtime.consoleAPICalled"
                        if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(params["args"].to_string())
                    }
                    "Log.entryAdded" if params["entry"]["level"] == "error" => {
                        Some(params["entry"]["text"].to_string())
                    }
                    _ => None,
                }
            })
            .collect())
    }

    /// Every URL the page asked the network for so far.
    pub fn requests(&mut self) -> anyhow::Result<Vec<String>> {
        self.eval("1")?;
        Ok(self
            .events
            .iter()
            .filter(|event| event["method"] == "Network.requestWillBeSent")
            .filter_map(|event| {
                event["params"]["request"]["url"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect())
    }
}

/// Reads Chromium's stderr for the DevTools address, then keeps draining it
/// so a full pipe never blocks the browser.
fn devtools_endpoint(child: &mut Child) -> anyhow::Result<String> {
    let stderr = child.stderr.take().context("no stderr")?;
    let (found, endpoint) = mpsc::channel();
    thread::spawn(move || {
        let mut found = Some(found);
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("DevTools listening on ")
                && let Some(found) = found.take()
            {
                let _ = found.send(url.trim().to_string());
            }
        }
    });
    endpoint
        .recv_timeout(PATIENCE)
        .context("Chromium did not print its DevTools address")
}

fn key_codes(key: &str) -> anyhow::Result<(&'static str, u32, Option<&'static str>)> {
    Ok(match key {
        "Tab" => ("Tab", 9, None),
        "Enter" => ("Enter", 13, Some("\r")),
        " " => ("Space", 32, Some(" ")),
        "Escape" => ("Escape", 27, None),
        "ArrowLeft" => ("ArrowLeft", 37, None),
        "ArrowUp" => ("ArrowUp", 38, None),
        "ArrowRight" => ("ArrowRight", 39, None),
        "ArrowDown" => ("ArrowDown", 40, None),
        "Home" => ("Home", 36, None),
        "End" => ("End", 35, None),
        "s" => ("KeyS", 83, Some("s")),
        "/" => ("Slash", 191, Some("/")),
        _ => bail!("no key code for `{key}`"),
    })
}

fn is_truthy(value: &Value) -> bool {
    !matches!(value, Value::Null | Value::Bool(false)) && value != &json!(0) && value != &json!("")
}

/// A string as a JavaScript literal.
pub fn js_string(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

fn base64_decode(text: &str) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes().filter(|&b| b != b'=') {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => bail!("not base64: {}", byte as char),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64() {
        assert_eq!(base64_decode("RnJlc2ggUmVhZHM=").unwrap(), b"Fresh Reads");
        assert_eq!(base64_decode("iVBORw0KGgo=").unwrap(), b"\x89PNG\r\n\x1a\n");
        assert!(base64_decode("a*b").is_err());
    }
}
