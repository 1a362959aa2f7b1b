//! The drop-in's answer under MCP 2026-07-28 (rmcp 3.11 serves it: server/discover, no initialize, `_meta` on every
//! request), read as raw JSON-RPC lines so the check does not depend on what a client fills in.
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

mod common;
use common::temp_dir;

const MODERN: &str = "2026-07-28";

#[test]
fn the_wire_answer_to_a_2026_07_28_feedback_call_has_result_type_complete() {
    let spool = temp_dir("era").join("spool.jsonl");
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let meta = json!({
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientInfo": {"name": "raw-wire-test", "version": "0.1"},
        "io.modelcontextprotocol/clientCapabilities": {}
    });
    let messages = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": meta}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"_meta": meta, "name": "feedback",
            "arguments": {"what_i_needed": "a", "what_i_tried": "b", "gap_type": "other"}}}),
    ];

    let answers = exchange(&dead_url, &spool, &messages);

    let versions = answers[0]["result"]["supportedVersions"]
        .as_array()
        .unwrap();
    assert!(versions.contains(&json!(MODERN)), "{}", answers[0]);
    assert!(
        answers[0]["result"]["capabilities"]["tools"].is_object(),
        "{}",
        answers[0]
    );
    assert_eq!(
        answers[1]["result"]["resultType"], "complete",
        "{}",
        answers[1]
    );
    assert_eq!(
        answers[1]["result"]["isError"], true,
        "the sidecar is down: spooled"
    );
    assert!(answers[1]["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .contains("saved for replay"));
    assert_eq!(std::fs::read_to_string(&spool).unwrap().lines().count(), 1);
}

/// Writes the messages to the example server's stdin and returns the answers in id order, keeping stdin open
/// until every answer is in (the server stops at the end of its input).
fn exchange(sidecar: &str, spool: &std::path::Path, messages: &[Value]) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_example-server"))
        .env("FEEDBACK_SIDECAR_URL", sidecar)
        .env("FEEDBACK_SPOOL_PATH", spool)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for message in messages {
        writeln!(stdin, "{message}").unwrap();
    }
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(value) = serde_json::from_str::<Value>(&line) {
                if value.get("id").is_some() && sender.send(value).is_err() {
                    return;
                }
            }
        }
    });
    let mut answers: Vec<Value> = (0..messages.len())
        .map(|_| {
            receiver
                .recv_timeout(Duration::from_secs(60))
                .expect("an answer within 60 s")
        })
        .collect();
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    answers.sort_by_key(|answer| answer["id"].as_i64());
    answers
}
