//! The drop-in in an rmcp server (example_server.rs), driven over stdio by the rmcp client, against a real
//! sidecar (the one suite.sh started, or one started here).
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::{RoleClient, ServiceExt};
use serde_json::{json, Map, Value};

fn root() -> PathBuf {
    std::env::var_os("PATCHWORK_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

fn java() -> PathBuf {
    let home =
        std::env::var_os("JAVA_HOME").unwrap_or_else(|| "/usr/lib/jvm/temurin-25-jdk-amd64".into());
    PathBuf::from(home).join("bin/java")
}

fn contract() -> Value {
    let raw = std::fs::read_to_string(root().join("drop-ins/contract/feedback-tool.schema.json"))
        .unwrap();
    serde_json::from_str(&raw).unwrap()
}

/// The shared sidecar's URL: SIDECAR_URL from suite.sh, or a sidecar started once for this test binary.
fn sidecar_url() -> &'static str {
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

fn temp_dir(name: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir =
        std::env::temp_dir().join(format!("dropin-rust-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

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

fn list_feedback(session_id: &str) -> Vec<Value> {
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

fn replay(spool: &Path) {
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
