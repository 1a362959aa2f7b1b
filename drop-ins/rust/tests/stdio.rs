//! The drop-in in an rmcp server (example_server.rs), driven over stdio by the rmcp client, against a real
//! sidecar (the one suite.sh started, or one started here).
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::{RoleClient, ServiceExt};
use serde_json::{json, Map, Value};

mod common;
use common::{contract, list_feedback, replay, sidecar_url, temp_dir};

fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

async fn connect(
    sidecar: &str,
    spool: &Path,
) -> RunningService<RoleClient, rmcp::model::ClientConfig> {
    let command =
        tokio::process::Command::new(env!("CARGO_BIN_EXE_example-server")).configure(|cmd| {
            cmd.env("FEEDBACK_SIDECAR_URL", sidecar)
                .env("FEEDBACK_SPOOL_PATH", spool);
        });
    let transport = TokioChildProcess::builder(command)
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
        .0;
    let info = rmcp::model::ClientConfig::default();
    tokio::time::timeout(Duration::from_secs(30), info.serve(transport))
        .await
        .unwrap()
        .unwrap()
}

fn all_fields() -> Map<String, Value> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    json!({
        "what_i_needed": "Export invoices as CSV",
        "what_i_tried": "list_invoices then get_invoice per id",
        "gap_type": "wrong_format",
        "suggestion": "export_invoices(month, format)",
        "user_goal": "Send invoices to the accountant",
        "resolution": "worked_around",
        "tools_available": ["echo", "list_invoices"],
        "agent_model": "claude-sonnet-4-5",
        "session_id": format!("sess-rust-{nanos}"),
        "client_type": "claude-code"
    })
    .as_object()
    .unwrap()
    .clone()
}

async fn call(
    client: &RunningService<RoleClient, rmcp::model::ClientConfig>,
    fields: Map<String, Value>,
) -> CallToolResult {
    let mut params = CallToolRequestParams::new("feedback");
    params.arguments = Some(fields);
    client.call_tool(params).await.unwrap()
}

fn text(result: &CallToolResult) -> String {
    serde_json::to_value(result).unwrap()["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn embedded_definition_equals_the_contract() {
    let contract = contract();

    assert_eq!(feedback_tool::tool_input_schema(), contract["inputSchema"]);
    assert_eq!(feedback_tool::TOOL_NAME, contract["name"]);
    assert_eq!(feedback_tool::TOOL_TITLE, contract["title"]);
    assert_eq!(feedback_tool::TOOL_DESCRIPTION, contract["description"]);
}

#[test]
fn an_empty_tool_list_is_sent_as_an_array() {
    let args = json!({"what_i_needed": "x", "what_i_tried": "y"});

    let payload = feedback_tool::payload_from_args(args.as_object().unwrap(), "srv");

    assert_eq!(payload["tools_available"], json!([]));
    assert_eq!(payload["gap_type"], json!("other"));
    assert_eq!(payload["source"], json!("dropin-rust"));
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_the_feedback_tool_with_the_contract_schema() {
    let client = connect(&dead_url(), &temp_dir("list").join("spool.jsonl")).await;

    let tools = client.list_all_tools().await.unwrap();

    let tool = tools
        .iter()
        .find(|tool| tool.name == "feedback")
        .expect("feedback is listed");
    let contract = contract();
    assert_eq!(
        Value::Object((*tool.input_schema).clone()),
        contract["inputSchema"]
    );
    assert_eq!(tool.title.as_deref(), contract["title"].as_str());
    assert_eq!(
        tool.description.as_deref(),
        contract["description"].as_str()
    );
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn stores_every_field_of_a_report() {
    let fields = all_fields();
    let client = connect(
        &format!("{}/", sidecar_url()),
        &temp_dir("store").join("spool.jsonl"),
    )
    .await;

    let result = call(&client, fields.clone()).await;

    assert_ne!(result.is_error, Some(true), "{}", text(&result));
    let items = tokio::task::spawn_blocking({
        let session = fields["session_id"].as_str().unwrap().to_string();
        move || list_feedback(&session)
    })
    .await
    .unwrap();
    assert_eq!(items.len(), 1);
    for (field, value) in &fields {
        assert_eq!(&items[0][field], value, "{field}");
    }
    assert_eq!(items[0]["server_name"], json!("rust-example"));
    assert_eq!(items[0]["source"], json!("dropin-rust"));
    assert_eq!(items[0]["user_agent"], json!("PatchworkMCP-Rust/2.0"));
    assert_eq!(items[0]["client_name"], json!("rmcp"));
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn spools_while_the_sidecar_is_down_and_replay_delivers_it_once() {
    let fields = all_fields();
    let spool = temp_dir("spool").join("spool.jsonl");
    let client = connect(&dead_url(), &spool).await;

    let result = call(&client, fields.clone()).await;
    client.cancel().await.unwrap();

    assert_eq!(result.is_error, Some(true));
    assert!(
        text(&result).contains("saved for replay"),
        "{}",
        text(&result)
    );
    let raw = std::fs::read_to_string(&spool).unwrap();
    let lines: Vec<&str> = raw.lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(serde_json::from_str::<Value>(lines[0]).unwrap()["idempotency_key"].is_string());
    replay(&spool);
    std::fs::write(&spool, format!("{}\n", lines[0])).unwrap();
    replay(&spool);
    assert_eq!(std::fs::read_to_string(&spool).unwrap(), "");
    let session = fields["session_id"].as_str().unwrap().to_string();
    assert_eq!(
        tokio::task::spawn_blocking(move || list_feedback(&session))
            .await
            .unwrap()
            .len(),
        1
    );
}
