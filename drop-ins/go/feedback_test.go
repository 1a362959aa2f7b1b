package feedback_test

// The drop-in with real SDK servers (mcp-go and the official go-sdk), driven over stdio by the official
// go-sdk client, against a real sidecar (the one suite.sh started, or one started here).

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	feedback "dev.patchworkmcp/dropin-go"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var (
	root       string
	binaries   = map[string]string{}
	sidecarURL string
	contract   map[string]any
	servers    = []struct{ name, binary string }{
		{"go-mcpgo-example", "mcpgo-server"},
		{"go-gosdk-example", "gosdk-server"},
	}
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wd, _ := os.Getwd()
	root = os.Getenv("PATCHWORK_ROOT")
	if root == "" {
		root = filepath.Join(wd, "..", "..")
	}
	raw, err := os.ReadFile(filepath.Join(root, "drop-ins/contract/feedback-tool.schema.json"))
	must(err)
	must(json.Unmarshal(raw, &contract))
	bin, err := os.MkdirTemp("", "dropin-go-bin-")
	must(err)
	defer os.RemoveAll(bin)
	for _, s := range servers {
		binaries[s.binary] = filepath.Join(bin, s.binary)
		out, err := exec.Command("go", "build", "-o", binaries[s.binary], "./examples/"+s.binary).CombinedOutput()
		if err != nil {
			panic(fmt.Sprintf("building %s: %v\n%s", s.binary, err, out))
		}
	}
	sidecarURL = strings.TrimRight(os.Getenv("SIDECAR_URL"), "/")
	if sidecarURL == "" {
		stop := startSidecar(bin)
		defer stop()
	}
	return m.Run()
}

func startSidecar(dir string) func() {
	java := filepath.Join(os.Getenv("JAVA_HOME"), "bin", "java")
	cmd := exec.Command(java, "-jar", filepath.Join(root, "sidecar/target/patchwork-sidecar.jar"))
	cmd.Env = append(os.Environ(), "FEEDBACK_HOST=127.0.0.1", "FEEDBACK_PORT=0",
		"FEEDBACK_DB_PATH="+filepath.Join(dir, "feedback.db"))
	stderr, err := cmd.StderrPipe()
	must(err)
	must(cmd.Start())
	listening := regexp.MustCompile(`listening on (http://[0-9.:]+)`)
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			if match := listening.FindStringSubmatch(scanner.Text()); match != nil {
				found <- match[1]
			}
		}
	}()
	select {
	case sidecarURL = <-found:
	case <-time.After(60 * time.Second):
		panic("the sidecar did not say 'listening on' within 60 s")
	}
	return func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func connect(t *testing.T, binary, sidecar, spool string) *mcp.ClientSession {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	cmd := exec.Command(binaries[binary])
	cmd.Env = append(os.Environ(), "FEEDBACK_SIDECAR_URL="+sidecar, "FEEDBACK_SPOOL_PATH="+spool)
	client := mcp.NewClient(&mcp.Implementation{Name: "dropin-go-test", Version: "1.0.0"}, nil)
	session, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connecting to %s: %v", binary, err)
	}
	t.Cleanup(func() { _ = session.Close() })
	return session
}

func allFields() map[string]any {
	return map[string]any{
		"what_i_needed":   "Export invoices as CSV",
		"what_i_tried":    "list_invoices then get_invoice per id",
		"gap_type":        "wrong_format",
		"suggestion":      "export_invoices(month, format)",
		"user_goal":       "Send invoices to the accountant",
		"resolution":      "worked_around",
		"tools_available": []any{"echo", "list_invoices"},
		"agent_model":     "claude-sonnet-4-5",
		"session_id":      fmt.Sprintf("sess-go-%d", time.Now().UnixNano()),
		"client_type":     "claude-code",
	}
}

func deadURL(t *testing.T) string {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	address := listener.Addr().String()
	listener.Close()
	return "http://" + address
}

func listFeedback(t *testing.T, filters url.Values) []map[string]any {
	t.Helper()
	response, err := http.Get(sidecarURL + "/api/feedback?" + filters.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	var items []map[string]any
	if err := json.NewDecoder(response.Body).Decode(&items); err != nil {
		t.Fatalf("GET /api/feedback answered %d: %v", response.StatusCode, err)
	}
	return items
}

func normalize(t *testing.T, value any) any {
	t.Helper()
	raw, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEmbeddedDefinitionEqualsTheContract(t *testing.T) {
	var schema any
	if err := json.Unmarshal([]byte(feedback.ToolInputSchema), &schema); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(schema, contract["inputSchema"]) {
		t.Errorf("ToolInputSchema differs from the contract")
	}
	if feedback.ToolName != contract["name"] || feedback.ToolTitle != contract["title"] ||
		feedback.ToolDescription != contract["description"] {
		t.Errorf("name, title or description differ from the contract")
	}
}

func TestEmptyToolListIsSentAsAnArray(t *testing.T) {
	report := feedback.BuildReport(map[string]any{"what_i_needed": "x", "what_i_tried": "y"}, "srv", feedback.Session{})

	raw, _ := json.Marshal(report)

	if !strings.Contains(string(raw), `"tools_available":[]`) || report["gap_type"] != "other" {
		t.Errorf("report = %s", raw)
	}
}

func TestListsTheFeedbackToolWithTheContractSchema(t *testing.T) {
	for _, s := range servers {
		t.Run(s.binary, func(t *testing.T) {
			session := connect(t, s.binary, deadURL(t), filepath.Join(t.TempDir(), "spool.jsonl"))

			tools, err := session.ListTools(context.Background(), nil)

			if err != nil {
				t.Fatal(err)
			}
			for _, tool := range tools.Tools {
				if tool.Name == "feedback" {
					if !reflect.DeepEqual(normalize(t, tool.InputSchema), contract["inputSchema"]) {
						t.Errorf("listed schema %v differs from the contract", normalize(t, tool.InputSchema))
					}
					if tool.Title != contract["title"] || tool.Description != contract["description"] {
						t.Errorf("title or description differ from the contract")
					}
					return
				}
			}
			t.Fatal("no feedback tool listed")
		})
	}
}

func TestStoresEveryFieldOfAReport(t *testing.T) {
	for _, s := range servers {
		t.Run(s.binary, func(t *testing.T) {
			fields := allFields()
			session := connect(t, s.binary, sidecarURL+"/", filepath.Join(t.TempDir(), "spool.jsonl"))

			result, err := session.CallTool(context.Background(), &mcp.CallToolParams{Name: "feedback", Arguments: fields})

			if err != nil || result.IsError {
				t.Fatalf("call failed: %v %v", err, normalize(t, result))
			}
			items := listFeedback(t, url.Values{"session_id": {fields["session_id"].(string)}})
			if len(items) != 1 {
				t.Fatalf("stored %d reports, want 1", len(items))
			}
			for field, want := range fields {
				if !reflect.DeepEqual(items[0][field], want) {
					t.Errorf("%s = %v, want %v", field, items[0][field], want)
				}
			}
			want := map[string]any{"server_name": s.name, "source": "dropin-go",
				"user_agent": "PatchworkMCP-Go/2.0", "client_name": "dropin-go-test"}
			for field, value := range want {
				if items[0][field] != value {
					t.Errorf("%s = %v, want %v", field, items[0][field], value)
				}
			}
		})
	}
}

func TestSpoolsWhileTheSidecarIsDownAndReplayDeliversItOnce(t *testing.T) {
	fields := allFields()
	spool := filepath.Join(t.TempDir(), "spool.jsonl")
	session := connect(t, "mcpgo-server", deadURL(t), spool)

	result, err := session.CallTool(context.Background(), &mcp.CallToolParams{Name: "feedback", Arguments: fields})

	if err != nil || !result.IsError {
		t.Fatalf("want an isError result, got %v %v", err, normalize(t, result))
	}
	if text := result.Content[0].(*mcp.TextContent).Text; !strings.Contains(text, "saved for replay") {
		t.Errorf("text = %q", text)
	}
	raw, err := os.ReadFile(spool)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"idempotency_key"`) {
		t.Fatalf("spool = %q", raw)
	}
	replay(t, spool)
	must(os.WriteFile(spool, []byte(lines[0]+"\n"), 0o600))
	replay(t, spool)
	if raw, _ := os.ReadFile(spool); len(raw) != 0 {
		t.Errorf("spool not emptied: %q", raw)
	}
	if items := listFeedback(t, url.Values{"session_id": {fields["session_id"].(string)}}); len(items) != 1 {
		t.Errorf("stored %d reports after two replays, want 1", len(items))
	}
}

func replay(t *testing.T, spool string) {
	t.Helper()
	java := filepath.Join(os.Getenv("JAVA_HOME"), "bin", "java")
	cmd := exec.Command(java, "-cp", filepath.Join(root, "proxy/target/patchwork-proxy.jar"),
		"dev.patchworkmcp.proxy.replay.ReplayCommand", spool)
	cmd.Env = append(os.Environ(), "FEEDBACK_SIDECAR_URL="+sidecarURL)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("replay: %v\n%s", err, out)
	}
}
