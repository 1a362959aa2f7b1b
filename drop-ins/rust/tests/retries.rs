//! Retries on 429 and 5xx against a scripted loopback server. No clock involved: each test's `sleep` records
//! the waits instead of sleeping.
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use feedback_tool::{Options, Outcome, Retry};
use serde_json::{json, Value};

mod common;
use common::fake::FakeSidecar;
use common::{list_feedback, replay, temp_dir};

fn report(session_id: &str) -> Value {
    let args = json!({"what_i_needed": "Export invoices as CSV", "what_i_tried": "list_invoices",
        "gap_type": "missing_tool", "session_id": session_id});
    Value::Object(feedback_tool::payload_from_args(
        args.as_object().unwrap(),
        "retry",
    ))
}

fn options(fake: &FakeSidecar, spool: &PathBuf, sleep: fn(Duration)) -> Options {
    Options {
        sidecar_url: Some(fake.url.clone()),
        api_key: Some(String::new()),
        spool_path: Some(spool.clone()),
        retry: Retry {
            sleep,
            ..Retry::default()
        },
    }
}

fn send(fake: &FakeSidecar, spool: &PathBuf, sleep: fn(Duration)) -> Outcome {
    feedback_tool::send_feedback(
        &report("sess-rust-retry"),
        Some(&options(fake, spool, sleep)),
    )
}

/// What the agent gets back from an rmcp server: the tool result's error flag and text.
async fn call_tool(session_id: &str, options: &Options) -> (Option<bool>, String) {
    let args = report(session_id).as_object().unwrap().clone();
    let result = feedback_tool::call_feedback(args, "retry", options, None).await;
    let text = serde_json::to_value(&result).unwrap()["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (result.is_error, text)
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_429_then_503_and_succeeds_on_the_third_attempt_under_one_key() {
    static WAITS: Mutex<Vec<Duration>> = Mutex::new(Vec::new());
    fn record(wait: Duration) {
        WAITS.lock().unwrap().push(wait);
    }
    let fake = FakeSidecar::start(&[(429, Some("2")), (503, None), (201, None)]);
    let spool = temp_dir("retry-ok").join("spool.jsonl");

    let (is_error, text) = call_tool("sess-rust-retry", &options(&fake, &spool, record)).await;

    assert_eq!(is_error, Some(false), "{text}");
    assert!(text.starts_with("Thank you."), "{text}");
    assert_eq!(fake.requests(), 3);
    assert_eq!(fake.keys().len(), 1, "{:?}", fake.keys());
    assert_eq!(
        *WAITS.lock().unwrap(),
        [Duration::from_secs(2), Duration::from_secs(1)]
    );
    assert!(!spool.exists());
}

#[test]
fn a_long_retry_after_is_capped_and_an_http_date_falls_back_to_the_backoff() {
    static WAITS: Mutex<Vec<Duration>> = Mutex::new(Vec::new());
    fn record(wait: Duration) {
        WAITS.lock().unwrap().push(wait);
    }
    let fake = FakeSidecar::start(&[
        (429, Some("3600")),
        (503, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        (201, None),
    ]);

    let outcome = send(&fake, &temp_dir("retry-cap").join("spool.jsonl"), record);

    assert!(!outcome.is_error, "{}", outcome.text);
    let policy = Retry::default();
    assert_eq!(
        *WAITS.lock().unwrap(),
        [policy.max_retry_after, policy.backoff[1]]
    );
}

#[test]
fn a_rejected_report_is_neither_retried_nor_spooled() {
    static WAITS: Mutex<Vec<Duration>> = Mutex::new(Vec::new());
    fn record(wait: Duration) {
        WAITS.lock().unwrap().push(wait);
    }
    let fake = FakeSidecar::start(&[(422, None), (201, None)]);
    let spool = temp_dir("retry-rejected").join("spool.jsonl");

    let outcome = send(&fake, &spool, record);

    assert!(outcome.is_error);
    assert!(
        outcome.text.contains("rejected") && outcome.text.contains("scripted_422"),
        "{}",
        outcome.text
    );
    assert_eq!(fake.requests(), 1);
    assert!(WAITS.lock().unwrap().is_empty());
    assert!(!spool.exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn still_failing_after_three_attempts_is_spooled_once_and_replayed_once() {
    static WAITS: Mutex<Vec<Duration>> = Mutex::new(Vec::new());
    fn record(wait: Duration) {
        WAITS.lock().unwrap().push(wait);
    }
    let fake = FakeSidecar::start(&[(429, Some("1")), (503, None), (503, None), (201, None)]);
    let spool = temp_dir("retry-spool").join("spool.jsonl");
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let session = format!("sess-rust-retry-{nanos}");

    let (is_error, text) = call_tool(&session, &options(&fake, &spool, record)).await;

    assert_eq!(is_error, Some(true), "{text}");
    assert!(
        text.contains("HTTP 503") && text.contains("saved for replay"),
        "{text}"
    );
    assert_eq!(fake.requests(), 3);
    assert_eq!(
        *WAITS.lock().unwrap(),
        [Duration::from_secs(1), Duration::from_secs(1)]
    );
    let raw = std::fs::read_to_string(&spool).unwrap();
    let lines: Vec<&str> = raw.lines().collect();
    assert_eq!(lines.len(), 1);
    let spooled: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        fake.keys(),
        [spooled["idempotency_key"].as_str().unwrap().to_string()]
    );
    replay(&spool);
    std::fs::write(&spool, format!("{}\n", lines[0])).unwrap();
    replay(&spool);
    assert_eq!(std::fs::read_to_string(&spool).unwrap(), "");
    let stored = tokio::task::spawn_blocking(move || list_feedback(&session).len());
    assert_eq!(stored.await.unwrap(), 1);
}
