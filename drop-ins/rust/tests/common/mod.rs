//! Shared by the test binaries: the real sidecar, temp dirs, reading stored reports and running replay.
#![allow(dead_code)]
pub mod fake;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub fn root() -> PathBuf {
    std::env::var_os("PATCHWORK_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

pub fn java() -> PathBuf {
    let home =
        std::env::var_os("JAVA_HOME").unwrap_or_else(|| "/usr/lib/jvm/temurin-25-jdk-amd64".into());
    PathBuf::from(home).join("bin/java")
}

pub fn contract() -> Value {
    let raw = std::fs::read_to_string(root().join("drop-ins/contract/feedback-tool.schema.json"))
        .unwrap();
    serde_json::from_str(&raw).unwrap()
}

/// The shared sidecar's URL: SIDECAR_URL from suite.sh, or a sidecar started once for this test binary.
pub fn sidecar_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("SIDECAR_URL") {
            return url.trim_end_matches('/').to_string();
        }
        let dir = temp_dir("sidecar");
        let mut child: Child = Command::new(java())
            .arg("-jar")
            .arg(root().join("sidecar/target/patchwork-sidecar.jar"))
            .env("FEEDBACK_HOST", "127.0.0.1")
            .env("FEEDBACK_PORT", "0")
            .env("FEEDBACK_DB_PATH", dir.join("feedback.db"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(Ok(line)) = stderr.next() {
            if let Some(at) = line.find("listening on http://") {
                let url: String = line[at + 13..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                // Keep draining its log so that it never blocks on a full pipe; it lives as long as this
                // test binary (suite.sh passes SIDECAR_URL instead and stops its own).
                std::thread::spawn(move || stderr.for_each(drop));
                std::mem::forget(child);
                return url;
            }
            assert!(
                Instant::now() < deadline,
                "the sidecar did not start within 60 s"
            );
        }
        panic!("the sidecar exited before listening");
    })
}

pub fn temp_dir(name: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir =
        std::env::temp_dir().join(format!("dropin-rust-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn list_feedback(session_id: &str) -> Vec<Value> {
    let url = sidecar_url();
    let authority = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    use std::io::{Read, Write};
    write!(stream, "GET /api/feedback?session_id={session_id} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n").unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut raw = Vec::new();
    let mut buffer = [0u8; 8192];
    // Read until the announced body has arrived (the server may keep the connection open).
    loop {
        let read = stream.read(&mut buffer).unwrap();
        raw.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&raw).to_string();
        if read == 0
            || text.find("\r\n\r\n").is_some_and(|end| {
                let head = text[..end].to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|l| l.trim().parse::<usize>().ok());
                length.is_some_and(|length| raw.len() >= end + 4 + length)
                    || (length.is_none() && text.ends_with("0\r\n\r\n"))
            })
        {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&raw).to_string();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "GET /api/feedback: {answer}"
    );
    let body = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let start = body.find('[').unwrap();
    let end = body.rfind(']').unwrap();
    serde_json::from_str(&body[start..=end]).unwrap()
}

pub fn replay(spool: &Path) {
    let output = Command::new(java())
        .arg("-cp")
        .arg(root().join("proxy/target/patchwork-proxy.jar"))
        .arg("dev.patchworkmcp.proxy.replay.ReplayCommand")
        .arg(spool)
        .env("FEEDBACK_SIDECAR_URL", sidecar_url())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "replay: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
