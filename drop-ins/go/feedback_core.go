// Package feedback is the PatchworkMCP feedback tool for Go MCP servers.
//
// Copy feedback_core.go (no SDK dependency) plus the file for your SDK: feedback_tool.go for
// github.com/mark3labs/mcp-go, feedback_tool_gosdk.go for github.com/modelcontextprotocol/go-sdk. Rename the
// package to yours.
//
// When an agent hits a wall it calls "feedback"; the report is posted to the PatchworkMCP sidecar
// (FEEDBACK_SIDECAR_URL, default http://127.0.0.1:8099; FEEDBACK_API_KEY) with up to three attempts under
// one idempotency key (waiting 0.5 s then 1 s, or the sidecar's Retry-After up to 5 s). When the sidecar
// cannot take it, the report is appended to a spool file (FEEDBACK_SPOOL_PATH, default
// ./patchwork-feedback-spool.jsonl) for `patchwork replay`, and the tool answers with isError true. The payload is never logged. The schema equals
// drop-ins/contract/feedback-tool.schema.json (tested).
package feedback

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	ToolName  = "feedback"
	ToolTitle = "Report a capability gap"
	// ToolDescription tells agents when to call the tool (directive wording works better than passive).
	ToolDescription = "REQUIRED: call this tool BEFORE you answer the user whenever this server could not fully do what" +
		" was needed. Call it when: (1) no tool here does what you needed; (2) a tool returned " +
		"incomplete, unexpected or wrongly shaped results; (3) you are about to tell the user something " +
		"is impossible or unavailable; (4) you had to approximate, guess or work around a limitation. Be " +
		"specific: name the exact tool, parameter or data you needed, what you tried (tool names and what" +
		" they returned), and what would have worked. Your report goes to the server's developers and is " +
		"used to add the missing capability. It does not change your current task; after calling it, " +
		"continue helping the user."

	DefaultSidecarURL = "http://127.0.0.1:8099"
	DefaultSpoolPath  = "patchwork-feedback-spool.jsonl"
	UserAgent         = "PatchworkMCP-Go/2.0"
	Source            = "dropin-go"
)

// ToolInputSchema is the tool's JSON schema (enums, descriptions, required), equal to the contract.
const ToolInputSchema = `{
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
}`

var (
	// GapTypes and Resolutions are the allowed values of gap_type and resolution.
	GapTypes    = []string{"missing_tool", "incomplete_results", "missing_parameter", "wrong_format", "other"}
	Resolutions = []string{"blocked", "worked_around", "partial"}

	stringFields = []string{"what_i_needed", "what_i_tried", "gap_type", "suggestion", "user_goal",
		"resolution", "agent_model", "session_id", "client_type"}
	backoff       = []time.Duration{500 * time.Millisecond, time.Second}
	maxRetryAfter = 5 * time.Second
	// wait pauses between attempts; the tests replace it (export_test.go) to record the waits instead.
	wait      = sleepContext
	spoolLock sync.Mutex
	client    = &http.Client{
		Timeout: 5 * time.Second,
		Transport: &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
			MaxIdleConnsPerHost: 5,
			IdleConnTimeout:     90 * time.Second,
		},
	}
)

const thanks = "Thank you. Your feedback has been recorded and will be used to improve this server's capabilities."

// Options override FEEDBACK_SIDECAR_URL, FEEDBACK_API_KEY and FEEDBACK_SPOOL_PATH for one server. A nil
// pointer field means "use the environment"; a pointer to "" for APIKey disables auth.
type Options struct {
	SidecarURL string
	APIKey     *string
	SpoolPath  string
}

// Session holds what the SDK knows about the caller, added to the report when known.
type Session struct {
	ClientName    string
	ClientVersion string
}

// Result is what to tell the agent: the text and whether it is an error (isError).
type Result struct {
	Text    string
	IsError bool
}

// BuildReport turns the tool's arguments into the sidecar body: known fields, tools_available as an
// array (never null), server name, source and a fresh idempotency key.
func BuildReport(args map[string]any, serverName string, session Session) map[string]any {
	if serverName == "" {
		serverName = "unknown"
	}
	report := map[string]any{"server_name": serverName}
	for _, field := range stringFields {
		if value, ok := args[field]; ok && value != nil {
			report[field] = value
		}
	}
	if gap, ok := report["gap_type"].(string); !ok || strings.TrimSpace(gap) == "" {
		report["gap_type"] = "other"
	}
	report["tools_available"] = toolNames(args["tools_available"])
	if session.ClientName != "" {
		report["client_name"] = session.ClientName
	}
	if session.ClientVersion != "" {
		report["client_version"] = session.ClientVersion
	}
	report["source"] = Source
	report["idempotency_key"] = newKey()
	return report
}

func toolNames(value any) []any {
	names := []any{}
	switch v := value.(type) {
	case []any:
		names = append(names, v...)
	case []string:
		for _, name := range v {
			names = append(names, name)
		}
	case string:
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				names = append(names, name)
			}
		}
	}
	return names
}

// SendFeedback posts one report (the tool's arguments) and returns what to tell the agent.
func SendFeedback(ctx context.Context, args map[string]any, serverName string, opts *Options, session Session) Result {
	if opts == nil {
		opts = &Options{}
	}
	report := BuildReport(args, serverName, session)
	base := firstNonEmpty(opts.SidecarURL, os.Getenv("FEEDBACK_SIDECAR_URL"), DefaultSidecarURL)
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	apiKey := os.Getenv("FEEDBACK_API_KEY")
	if opts.APIKey != nil {
		apiKey = *opts.APIKey
	}
	status, reason, delivered := deliver(ctx, base+"/api/feedback", strings.TrimSpace(apiKey), report)
	if delivered {
		return Result{Text: thanks}
	}
	log.Printf("PatchworkMCP feedback not delivered: %s", reason)
	if status == 400 || status == 413 || status == 422 {
		return Result{IsError: true, Text: "Feedback was rejected by the PatchworkMCP sidecar (" + reason +
			"). Fix the arguments and call feedback again."}
	}
	spool, _ := filepath.Abs(firstNonEmpty(opts.SpoolPath, os.Getenv("FEEDBACK_SPOOL_PATH"), DefaultSpoolPath))
	if err := appendSpool(spool, report); err != nil {
		return Result{IsError: true, Text: fmt.Sprintf("Feedback could not be delivered (%s) and could not be "+
			"saved for replay (%v). Continue helping the user.", reason, err)}
	}
	return Result{IsError: true, Text: "Feedback could not be delivered yet (" + reason + "). It was saved for " +
		"replay in " + spool + " and will be sent with `patchwork replay`. You do not need to call feedback " +
		"again; continue helping the user."}
}

// deliver makes up to three attempts under one idempotency key; it retries on 429, 5xx and network errors.
func deliver(ctx context.Context, endpoint, apiKey string, report map[string]any) (int, string, bool) {
	body, err := json.Marshal(report)
	if err != nil {
		return 0, "the report could not be encoded: " + err.Error(), false
	}
	status, reason, retryAfter := 0, "not attempted", ""
	for attempt := 0; attempt <= len(backoff); attempt++ {
		if attempt > 0 {
			if wait(ctx, retryDelay(attempt, retryAfter)) != nil {
				return status, reason + "; cancelled", false
			}
		}
		retryAfter = ""
		request, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
		if err != nil {
			return 0, "FEEDBACK_SIDECAR_URL is not a valid URL: " + err.Error(), false
		}
		request.Header.Set("Content-Type", "application/json")
		request.Header.Set("User-Agent", UserAgent)
		request.Header.Set("Idempotency-Key", report["idempotency_key"].(string))
		if apiKey != "" {
			request.Header.Set("Authorization", "Bearer "+apiKey)
		}
		response, err := client.Do(request)
		if err != nil {
			status, reason = 0, "the sidecar at "+endpoint+" is unreachable ("+shortError(err)+")"
			continue
		}
		answer, _ := io.ReadAll(io.LimitReader(response.Body, 64*1024))
		response.Body.Close()
		status = response.StatusCode
		if status >= 200 && status < 300 {
			return status, "ok", true
		}
		reason = fmt.Sprintf("the sidecar answered HTTP %d%s", status, errorSummary(answer))
		if status != 429 && status < 500 {
			break
		}
		retryAfter = response.Header.Get("Retry-After")
	}
	return status, reason, false
}

// retryDelay is the wait before attempt (1 or 2): the answer's Retry-After in whole seconds, capped at
// maxRetryAfter, or else the backoff step.
func retryDelay(attempt int, retryAfter string) time.Duration {
	if seconds, err := strconv.ParseUint(strings.TrimSpace(retryAfter), 10, 32); err == nil {
		return min(time.Duration(seconds)*time.Second, maxRetryAfter)
	}
	return backoff[attempt-1]
}

func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

func errorSummary(answer []byte) string {
	var problem struct {
		Code   string `json:"code"`
		Detail string `json:"detail"`
	}
	if json.Unmarshal(answer, &problem) != nil || problem.Code == "" {
		return ""
	}
	if problem.Detail == "" {
		return " (" + problem.Code + ")"
	}
	return " (" + problem.Code + ": " + problem.Detail + ")"
}

func shortError(err error) string {
	var netErr net.Error
	if ok := asNetError(err, &netErr); ok && netErr.Timeout() {
		return "timeout"
	}
	if strings.Contains(err.Error(), "connection refused") {
		return "connection refused"
	}
	return err.Error()
}

func asNetError(err error, target *net.Error) bool {
	for err != nil {
		if e, ok := err.(net.Error); ok {
			*target = e
			return true
		}
		unwrapper, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = unwrapper.Unwrap()
	}
	return false
}

func appendSpool(path string, report map[string]any) error {
	line, err := json.Marshal(report)
	if err != nil {
		return err
	}
	spoolLock.Lock()
	defer spoolLock.Unlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer file.Close()
	_, err = file.Write(append(line, '\n'))
	return err
}

func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func firstNonEmpty(values ...string) string {
	for _, value := range values {
		if strings.TrimSpace(value) != "" {
			return value
		}
	}
	return ""
}
