//! The per-call API key against a scripted loopback server. Its own test binary: it sets FEEDBACK_API_KEY,
//! which no other test may see.
use std::time::Duration;

use feedback_tool::{Options, Retry};
use serde_json::{json, Value};

mod common;
use common::fake::FakeSidecar;
use common::temp_dir;

#[test]
fn a_per_call_key_overrides_the_environment_and_an_empty_one_sends_no_authorization() {
    std::env::set_var("FEEDBACK_API_KEY", "environment-key");
    let fake = FakeSidecar::start(&[(201, None), (201, None), (201, None)]);
    let args = json!({"what_i_needed": "x", "what_i_tried": "y", "gap_type": "other"});
    let report = Value::Object(feedback_tool::payload_from_args(
        args.as_object().unwrap(),
        "keyed",
    ));
    let with_key = |api_key: Option<&str>| Options {
        sidecar_url: Some(fake.url.clone()),
        api_key: api_key.map(str::to_string),
        spool_path: Some(temp_dir("api-key").join("spool.jsonl")),
        retry: Retry {
            sleep: |_: Duration| panic!("no retry expected"),
            ..Retry::default()
        },
    };

    feedback_tool::send_feedback(&report, Some(&with_key(Some("per-call-key"))));
    feedback_tool::send_feedback(&report, Some(&with_key(Some(""))));
    feedback_tool::send_feedback(&report, Some(&with_key(None)));

    assert_eq!(
        fake.header("authorization"),
        [
            Some("Bearer per-call-key".to_string()),
            None,
            Some("Bearer environment-key".to_string())
        ]
    );
}
