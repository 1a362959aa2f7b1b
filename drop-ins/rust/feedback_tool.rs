//! PatchworkMCP feedback tool for Rust MCP servers: the official `rmcp` SDK, plus plain functions usable
//! from any framework.
//!
//! Copy this file into your crate (`mod feedback_tool;`). With an rmcp `ToolRouter`:
//!
//! ```text
//! tool_router: Self::tool_router().with_route(feedback_tool::feedback_route("my-server", Options::default()))
//! ```
//!
//! Elsewhere: list [`feedback_tool`] / [`tool_input_schema`] and answer calls with
//! [`send_feedback`] (blocking) or [`call_feedback`] (async, returns an rmcp `CallToolResult`).
//!
//! When an agent hits a wall it calls `feedback`; the report is posted to the PatchworkMCP sidecar
//! (`FEEDBACK_SIDECAR_URL`, default `http://127.0.0.1:8099`; `FEEDBACK_API_KEY`) with up to three
//! attempts under one idempotency key (waiting 0.5 s then 1 s, or the sidecar's `Retry-After` up to
//! 5 s; see [`Retry`]). When the sidecar cannot take it, the report is appended to a spool file
//! (`FEEDBACK_SPOOL_PATH`, default `./patchwork-feedback-spool.jsonl`) for `patchwork replay`, and the
//! tool answers with `isError: true`. The payload is never logged. HTTP is plain `std::net` (no TLS: the
//! sidecar listens on loopback; put a local TLS terminator in front or swap `post` for your HTTP client
//! if yours is remote). The schema equals drop-ins/contract/feedback-tool.schema.json (tested).

use std::fs::OpenOptions;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rmcp::handler::server::router::tool::ToolRoute;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::model::{CallToolResponse, CallToolResult, ContentBlock, JsonObject, Tool};
use serde_json::{json, Map, Value};

pub const TOOL_NAME: &str = "feedback";
pub const TOOL_TITLE: &str = "Report a capability gap";
/// Tells agents when to call the tool (directive wording works better than passive wording).
pub const TOOL_DESCRIPTION: &str = concat!(
    "REQUIRED: call this tool BEFORE you answer the user whenever this server could not fully do what",
    " was needed. Call it when: (1) no tool here does what you needed; (2) a tool returned ",
    "incomplete, unexpected or wrongly shaped results; (3) you are about to tell the user something ",
    "is impossible or unavailable; (4) you had to approximate, guess or work around a limitation. Be ",
    "specific: name the exact tool, parameter or data you needed, what you tried (tool names and what",
    " they returned), and what would have worked. Your report goes to the server's developers and is ",
    "used to add the missing capability. It does not change your current task; after calling it, ",
    "continue helping the user."
);
/// The tool's input schema (enums, descriptions, required), equal to the contract.
pub const TOOL_INPUT_SCHEMA: &str = r#"{
  "type": "object",
  "properties": {
    "what_i_needed": {
      "type": "string",
      "description": "The capability, data or tool you were looking for. Be specific about the action, e.g. 'search cost events by a context field such as run_id'.",
      "minLength": 1,
      "maxLength": 10000
    },
    "what_i_tried": {
      "type": "string",
      "description": "The tools or approaches you tried first, with tool names and what each returned.",
      "minLength": 1,
      "maxLength": 10000
    },
    "gap_type": {
      "type": "string",
      "enum": [
        "missing_tool",
        "incomplete_results",
        "missing_parameter",
        "wrong_format",
        "other"
      ],
      "description": "missing_tool: no tool does this. incomplete_results: a tool ran but returned too little. missing_parameter: a tool exists but lacks a needed parameter or filter. wrong_format: results came back in an unusable shape. other: anything else."
    },
    "suggestion": {
      "type": "string",
      "description": "What would have helped: the tool, parameter or change you would add, with its inputs and outputs.",
      "maxLength": 10000
    },
    "user_goal": {
      "type": "string",
      "description": "The user's original request that led to this gap.",
      "maxLength": 10000
    },
    "resolution": {
      "type": "string",
      "enum": [
        "blocked",
        "worked_around",
        "partial"
      ],
      "description": "blocked: you could not do it at all. worked_around: you got there another way. partial: you did only part of it."
    },
    "tools_available": {
      "type": "array",
      "items": {
        "type": "string",
        "maxLength": 200
      },
      "description": "Names of the tools on this server that you considered or tried.",
      "maxItems": 500
    },
    "agent_model": {
      "type": "string",
      "description": "Your model id, if you know it (e.g. claude-sonnet-4-5).",
      "maxLength": 200
    },
    "session_id": {
      "type": "string",
      "description": "The conversation or session id, if you have one.",
      "maxLength": 200
    },
    "client_type": {
      "type": "string",
      "description": "The MCP client you are running in, if known (e.g. claude-desktop, claude-code, cursor, vscode).",
      "maxLength": 200
    }
  },
  "required": [
    "what_i_needed",
    "what_i_tried",
    "gap_type"
  ]
}"#;
pub const GAP_TYPES: [&str; 5] = [
    "missing_tool",
    "incomplete_results",
    "missing_parameter",
    "wrong_format",
    "other",
];
pub const RESOLUTIONS: [&str; 3] = ["blocked", "worked_around", "partial"];
pub const DEFAULT_SIDECAR_URL: &str = "http://127.0.0.1:8099";
pub const DEFAULT_SPOOL_PATH: &str = "patchwork-feedback-spool.jsonl";
pub const USER_AGENT: &str = "PatchworkMCP-Rust/2.0";
pub const SOURCE: &str = "dropin-rust";

const STRING_FIELDS: [&str; 9] = [
    "what_i_needed",
    "what_i_tried",
    "gap_type",
    "suggestion",
    "user_goal",
    "resolution",
    "agent_model",
    "session_id",
    "client_type",
];
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(5);
const THANKS: &str = "Thank you. Your feedback has been recorded and will be used to improve this server's capabilities.";
static SPOOL_LOCK: Mutex<()> = Mutex::new(());

/// Per-server overrides; `None` falls back to FEEDBACK_SIDECAR_URL, FEEDBACK_API_KEY, FEEDBACK_SPOOL_PATH.
/// `api_key: Some(String::new())` disables auth.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub sidecar_url: Option<String>,
    pub api_key: Option<String>,
    pub spool_path: Option<PathBuf>,
    pub retry: Retry,
}

/// How deliveries wait between attempts: one wait per retry (`backoff`), or the sidecar's `Retry-After` in
/// whole seconds up to `max_retry_after`. `sleep` does the waiting (tests record the waits instead).
#[derive(Clone, Debug)]
pub struct Retry {
    pub backoff: Vec<Duration>,
    pub max_retry_after: Duration,
    pub sleep: fn(Duration),
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            backoff: vec![Duration::from_millis(500), Duration::from_millis(1000)],
            max_retry_after: Duration::from_secs(5),
            sleep: std::thread::sleep,
        }
    }
}

impl Retry {
    /// The wait before attempt `attempt` (1-based retry number): `Retry-After` capped, else the backoff step.
    pub fn delay(&self, attempt: usize, retry_after: Option<&str>) -> Duration {
        match retry_after
            .map(str::trim)
            .and_then(|value| value.parse::<u64>().ok())
        {
            Some(seconds) => Duration::from_secs(seconds).min(self.max_retry_after),
            None => self.backoff[attempt - 1],
        }
    }
}

/// What to tell the agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    pub is_error: bool,
}

/// The tool's input schema as JSON.
pub fn tool_input_schema() -> Value {
    serde_json::from_str(TOOL_INPUT_SCHEMA).expect("the embedded feedback schema is valid JSON")
}

/// The tool as rmcp lists it: name, title, description and the full input schema.
pub fn feedback_tool() -> Tool {
    let schema: JsonObject = serde_json::from_str(TOOL_INPUT_SCHEMA)
        .expect("the embedded feedback schema is valid JSON");
    let mut tool = Tool::new(TOOL_NAME, TOOL_DESCRIPTION, Arc::new(schema));
    tool.title = Some(TOOL_TITLE.to_string());
    tool
}

/// A route for an rmcp `ToolRouter<S>` (e.g. from `#[tool_router]`): `.with_route(feedback_route(...))`.
pub fn feedback_route<S: Send + Sync + 'static>(
    server_name: &str,
    options: Options,
) -> ToolRoute<S> {
    let server_name = server_name.to_string();
    ToolRoute::new_dyn(feedback_tool(), move |context: ToolCallContext<'_, S>| {
        let server_name = server_name.clone();
        let options = options.clone();
        let client = context.request_context.peer.peer_info().map(|info| {
            (
                info.client_info.name.clone(),
                info.client_info.version.clone(),
            )
        });
        let arguments = context.arguments.clone().unwrap_or_default();
        Box::pin(async move {
            Ok(CallToolResponse::Complete(
                call_feedback(arguments, &server_name, &options, client).await,
            ))
        }) as Pin<Box<dyn Future<Output = _> + Send + '_>>
    })
}

/// Sends a report without blocking the async runtime and returns the rmcp tool result.
pub async fn call_feedback(
    arguments: JsonObject,
    server_name: &str,
    options: &Options,
    client: Option<(String, String)>,
) -> CallToolResult {
    let mut payload = payload_from_args(&arguments, server_name);
    if let Some((name, version)) = client {
        payload.insert("client_name".into(), Value::String(name));
        payload.insert("client_version".into(), Value::String(version));
    }
    let options = options.clone();
    let outcome =
        tokio::task::spawn_blocking(move || send_feedback(&Value::Object(payload), Some(&options)))
            .await
            .unwrap_or_else(|error| Outcome {
                text: format!("Feedback could not be sent ({error})."),
                is_error: true,
            });
    let content = vec![ContentBlock::text(outcome.text)];
    if outcome.is_error {
        CallToolResult::error(content)
    } else {
        CallToolResult::success(content)
    }
}

/// The sidecar body for the tool's arguments: known fields, `tools_available` always an array, the
/// server name, source and a fresh idempotency key.
pub fn payload_from_args(args: &Map<String, Value>, server_name: &str) -> Map<String, Value> {
    let mut payload = Map::new();
    let name = if server_name.is_empty() {
        "unknown"
    } else {
        server_name
    };
    payload.insert("server_name".into(), json!(name));
    for field in STRING_FIELDS {
        if let Some(value) = args.get(field).filter(|value| !value.is_null()) {
            payload.insert(field.into(), value.clone());
        }
    }
    let gap_ok = payload
        .get("gap_type")
        .and_then(Value::as_str)
        .is_some_and(|gap| !gap.trim().is_empty());
    if !gap_ok {
        payload.insert("gap_type".into(), json!("other"));
    }
    let tools = match args.get("tools_available") {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::String(text)) => text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| json!(name))
            .collect(),
        _ => Vec::new(),
    };
    payload.insert("tools_available".into(), Value::Array(tools));
    payload.insert("source".into(), json!(SOURCE));
    payload.insert("idempotency_key".into(), json!(new_key()));
    payload
}

/// Posts one report (a [`payload_from_args`] body) to the sidecar; blocking. Up to three attempts under
/// one idempotency key; on final failure the report is spooled (unless the sidecar rejected it as invalid).
pub fn send_feedback(payload: &Value, options: Option<&Options>) -> Outcome {
    let defaults = Options::default();
    let options = options.unwrap_or(&defaults);
    let mut payload = payload.clone();
    if payload
        .get("idempotency_key")
        .and_then(Value::as_str)
        .is_none()
    {
        payload["idempotency_key"] = json!(new_key());
    }
    let base = options
        .sidecar_url
        .clone()
        .filter(|url| !url.trim().is_empty())
        .or_else(|| {
            std::env::var("FEEDBACK_SIDECAR_URL")
                .ok()
                .filter(|url| !url.trim().is_empty())
        })
        .unwrap_or_else(|| DEFAULT_SIDECAR_URL.to_string());
    let endpoint = format!("{}/api/feedback", base.trim().trim_end_matches('/'));
    let api_key = options
        .api_key
        .clone()
        .unwrap_or_else(|| std::env::var("FEEDBACK_API_KEY").unwrap_or_default());
    let (status, reason) = match deliver(&endpoint, api_key.trim(), &payload, &options.retry) {
        Ok(()) => {
            return Outcome {
                text: THANKS.to_string(),
                is_error: false,
            }
        }
        Err(failure) => failure,
    };
    eprintln!("PatchworkMCP feedback not delivered: {reason}");
    if matches!(status, Some(400 | 413 | 422)) {
        return Outcome {
            text: format!("Feedback was rejected by the PatchworkMCP sidecar ({reason}). Fix the arguments and call feedback again."),
            is_error: true,
        };
    }
    let spool = options
        .spool_path
        .clone()
        .or_else(|| {
            std::env::var_os("FEEDBACK_SPOOL_PATH")
                .filter(|path| !path.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SPOOL_PATH));
    let spool = std::path::absolute(&spool).unwrap_or(spool);
    match append_spool(&spool, &payload) {
        Ok(()) => Outcome {
            text: format!(
                "Feedback could not be delivered yet ({reason}). It was saved for replay in {} and will be sent with `patchwork replay`. You do not need to call feedback again; continue helping the user.",
                spool.display()
            ),
            is_error: true,
        },
        Err(error) => Outcome {
            text: format!(
                "Feedback could not be delivered ({reason}) and could not be saved for replay ({error} on {}). Continue helping the user.",
                spool.display()
            ),
            is_error: true,
        },
    }
}

fn deliver(
    endpoint: &str,
    api_key: &str,
    payload: &Value,
    retry: &Retry,
) -> Result<(), (Option<u16>, String)> {
    let body = serde_json::to_vec(payload)
        .map_err(|error| (None, format!("the report could not be encoded: {error}")))?;
    let key = payload["idempotency_key"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut failure = (None, "not attempted".to_string());
    let mut retry_after: Option<String> = None;
    for attempt in 0..=retry.backoff.len() {
        if attempt > 0 {
            (retry.sleep)(retry.delay(attempt, retry_after.as_deref()));
        }
        retry_after = None;
        match post(endpoint, api_key, &key, &body) {
            Ok(answer) if (200..300).contains(&answer.status) => return Ok(()),
            Ok(answer) => {
                let status = answer.status;
                failure = (
                    Some(status),
                    format!(
                        "the sidecar answered HTTP {status}{}",
                        error_summary(&answer.body)
                    ),
                );
                if status != 429 && status < 500 {
                    break;
                }
                retry_after = answer.retry_after;
            }
            Err(error) => {
                failure = (
                    None,
                    format!("the sidecar at {endpoint} is unreachable ({error})"),
                )
            }
        }
    }
    Err(failure)
}

/// The parts of an answer that delivery looks at.
struct Answer {
    status: u16,
    body: String,
    retry_after: Option<String>,
}

/// One HTTP/1.1 POST over `std::net`: 2 s to connect, 5 s for the whole exchange.
fn post(endpoint: &str, api_key: &str, key: &str, body: &[u8]) -> Result<Answer, String> {
    let rest = endpoint
        .strip_prefix("http://")
        .ok_or_else(|| format!("FEEDBACK_SIDECAR_URL must start with http:// (got {endpoint})"))?;
    let (authority, path) = rest
        .split_once('/')
        .map(|(a, p)| (a, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let address = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let started = Instant::now();
    let socket = address
        .to_socket_addrs()
        .map_err(|error| error.to_string())?
        .next()
        .ok_or_else(|| format!("{authority} does not resolve"))?;
    let mut stream = TcpStream::connect_timeout(&socket, CONNECT_TIMEOUT)
        .map_err(|error| error.kind().to_string())?;
    let remaining = TOTAL_TIMEOUT
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(100));
    stream
        .set_write_timeout(Some(remaining))
        .map_err(|error| error.to_string())?;
    stream
        .set_read_timeout(Some(remaining))
        .map_err(|error| error.to_string())?;
    let auth = if api_key.is_empty() {
        String::new()
    } else {
        format!("Authorization: Bearer {api_key}\r\n")
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nUser-Agent: {USER_AGENT}\r\nIdempotency-Key: {key}\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body))
        .map_err(|error| error.kind().to_string())?;
    let answer = read_response(&mut stream, started)?;
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| "the answer was not HTTP".to_string())?;
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let retry_after = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("retry-after")
            .then(|| value.trim().to_string())
    });
    Ok(Answer {
        status,
        body: body.to_string(),
        retry_after,
    })
}

/// Reads one response: until the body announced by Content-Length (or the last chunk) has arrived, so a
/// server that keeps the connection open does not cost the whole timeout.
fn read_response(stream: &mut TcpStream, started: Instant) -> Result<Vec<u8>, String> {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        if started.elapsed() > TOTAL_TIMEOUT {
            return Err("timed out".into());
        }
        let read = stream
            .read(&mut buffer)
            .map_err(|error| error.kind().to_string())?;
        if read == 0 {
            return Ok(answer);
        }
        answer.extend_from_slice(&buffer[..read]);
        if answer.len() > 256 * 1024 || response_complete(&answer) {
            return Ok(answer);
        }
    }
}

fn response_complete(answer: &[u8]) -> bool {
    let Some(end) = answer.windows(4).position(|window| window == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
    let body = &answer[end + 4..];
    if let Some(length) = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
    {
        return length
            .trim()
            .parse::<usize>()
            .is_ok_and(|length| body.len() >= length);
    }
    if head.contains("transfer-encoding: chunked") {
        return body.ends_with(b"0\r\n\r\n");
    }
    false
}

fn error_summary(body: &str) -> String {
    // Chunked bodies carry a size line first; the JSON object starts at the first '{'.
    let json_start = body.find('{').unwrap_or(body.len());
    let json_end = body.rfind('}').map(|end| end + 1).unwrap_or(body.len());
    let problem: Value =
        serde_json::from_str(body.get(json_start..json_end).unwrap_or("")).unwrap_or(Value::Null);
    match (problem["code"].as_str(), problem["detail"].as_str()) {
        (Some(code), Some(detail)) => format!(" ({code}: {detail})"),
        (Some(code), None) => format!(" ({code})"),
        _ => String::new(),
    }
}

fn append_spool(path: &Path, payload: &Value) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(payload)?;
    line.push(b'\n');
    let _guard = SPOOL_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    file.write_all(&line)
}

/// A random version-4 UUID from the OS's entropy (no extra crate).
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_err()
    {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes = (nanos ^ (std::process::id() as u128) << 64).to_le_bytes();
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
