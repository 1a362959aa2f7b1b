//! A scripted loopback sidecar: answers each POST with the next (status, Retry-After) of its script (then
//! 500) and records every request's headers (lower-cased names) and JSON body.
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::Value;

pub struct Received {
    pub headers: HashMap<String, String>,
    pub body: Value,
}

pub struct FakeSidecar {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeSidecar {
    pub fn start(script: &[(u16, Option<&str>)]) -> FakeSidecar {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let mut script: Vec<(u16, Option<String>)> = script
            .iter()
            .map(|(status, retry_after)| (*status, retry_after.map(str::to_string)))
            .collect();
        script.reverse();
        let log = received.clone();
        // Lives until the test binary exits; each connection is one request (the drop-in sends
        // Connection: close).
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Some(request) = read_request(&stream) else {
                    continue;
                };
                log.lock().unwrap().push(request);
                let (status, retry_after) = script.pop().unwrap_or((500, None));
                answer(stream, status, retry_after);
            }
        });
        FakeSidecar { url, received }
    }

    pub fn requests(&self) -> usize {
        self.received.lock().unwrap().len()
    }

    /// Every value of `header` in the requests, in order (`None` where a request had none).
    pub fn header(&self, header: &str) -> Vec<Option<String>> {
        let received = self.received.lock().unwrap();
        received
            .iter()
            .map(|r| r.headers.get(header).cloned())
            .collect()
    }

    /// The distinct idempotency keys seen in headers and bodies.
    pub fn keys(&self) -> Vec<String> {
        let received = self.received.lock().unwrap();
        let mut keys: Vec<String> = received
            .iter()
            .flat_map(|r| {
                [
                    r.headers
                        .get("idempotency-key")
                        .cloned()
                        .unwrap_or_default(),
                    r.body["idempotency_key"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                ]
            })
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

/// One request's headers (lower-cased names) and JSON body; None if the peer went away mid-request.
fn read_request(stream: &TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut headers = HashMap::new();
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let Some((name, value)) = line.trim_end().split_once(':') else {
            break;
        };
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Some(Received { headers, body })
}

fn answer(mut stream: TcpStream, status: u16, retry_after: Option<String>) {
    let body = if status < 300 {
        r#"{"id":"fake-id","status":"recorded"}"#.to_string()
    } else {
        format!(r#"{{"detail":"scripted answer","code":"scripted_{status}","field":null}}"#)
    };
    let retry_after = retry_after
        .map(|value| format!("Retry-After: {value}\r\n"))
        .unwrap_or_default();
    let _ = write!(
        stream,
        "HTTP/1.1 {status} Scripted\r\nContent-Type: application/json\r\n{retry_after}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}
