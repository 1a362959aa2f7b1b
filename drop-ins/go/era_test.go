package feedback_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Both example servers (go-sdk v1.8.0 and mcp-go v1.2.1) answer server/discover, so the go-sdk client runs MCP
// 2026-07-28 with them by default (no initialize, _meta on every request); asked for 2025-11-25 it uses the
// initialize handshake. The feedback call is recorded in either era.
func TestEachServerAnswersTheFeedbackCallInBothEras(t *testing.T) {
	for _, s := range servers {
		for _, version := range []string{"2026-07-28", "2025-11-25"} {
			t.Run(s.binary+"/"+version, func(t *testing.T) {
				fields := allFields()
				session := connectAt(t, s.binary, version)

				result, err := session.CallTool(context.Background(), &mcp.CallToolParams{Name: "feedback", Arguments: fields})

				if got := session.InitializeResult().ProtocolVersion; got != version {
					t.Errorf("negotiated %q, want %q", got, version)
				}
				if err != nil || result.IsError {
					t.Fatalf("call failed: %v %v", err, normalize(t, result))
				}
				items := listFeedback(t, url.Values{"session_id": {fields["session_id"].(string)}})
				if len(items) != 1 || items[0]["server_name"] != s.name || items[0]["client_name"] != "dropin-go-test" {
					t.Fatalf("stored %v, want one report of %s from dropin-go-test", items, s.name)
				}
			})
		}
	}
}

func connectAt(t *testing.T, binary, version string) *mcp.ClientSession {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	cmd := exec.Command(binaries[binary])
	cmd.Env = append(os.Environ(), "FEEDBACK_SIDECAR_URL="+sidecarURL, "FEEDBACK_SPOOL_PATH="+filepath.Join(t.TempDir(), "spool.jsonl"))
	client := mcp.NewClient(&mcp.Implementation{Name: "dropin-go-test", Version: "1.0.0"}, nil)
	session, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, &mcp.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		t.Fatalf("connecting to %s at %s: %v", binary, version, err)
	}
	t.Cleanup(func() { _ = session.Close() })
	return session
}

// Raw JSON-RPC lines, so the check does not depend on what the client fills in: server/discover, then a
// tools/call carrying the 2026-07-28 _meta and no initialize; the feedback result has resultType "complete".
func TestTheWireAnswerToA20260728FeedbackCallHasResultTypeComplete(t *testing.T) {
	meta := `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",` +
		`"io.modelcontextprotocol/clientInfo":{"name":"raw-wire-test","version":"0.1"},` +
		`"io.modelcontextprotocol/clientCapabilities":{}}`
	messages := []string{
		`{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{` + meta + `}}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{` + meta +
			`,"name":"feedback","arguments":{"what_i_needed":"a","what_i_tried":"b","gap_type":"other"}}}`,
	}
	for _, s := range servers {
		t.Run(s.binary, func(t *testing.T) {
			spool := filepath.Join(t.TempDir(), "spool.jsonl")

			answers := exchange(t, s.binary, spool, messages)

			discover := answers[1]["result"].(map[string]any)
			if !strings.Contains(fmt.Sprint(discover["supportedVersions"]), "2026-07-28") {
				t.Errorf("supportedVersions = %v", discover["supportedVersions"])
			}
			call, _ := answers[2]["result"].(map[string]any)
			if call["resultType"] != "complete" || call["isError"] != true {
				t.Errorf("feedback answer = %v, want resultType complete and isError (spooled)", answers[2])
			}
			if data, err := os.ReadFile(spool); err != nil || strings.Count(string(data), "\n") != 1 {
				t.Errorf("spool = %q, %v; want one report", data, err)
			}
		})
	}
}

// exchange writes the lines to the server's stdin and returns the answers by id, keeping stdin open until every
// answer is in (a server stops at the end of its input).
func exchange(t *testing.T, binary, spool string, messages []string) map[float64]map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binaries[binary])
	cmd.Env = append(os.Environ(), "FEEDBACK_SIDECAR_URL="+deadURL(t), "FEEDBACK_SPOOL_PATH="+spool)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	for _, message := range messages {
		fmt.Fprintln(stdin, message)
	}
	answers := map[float64]map[string]any{}
	lines := bufio.NewScanner(stdout)
	for len(answers) < len(messages) && lines.Scan() {
		var answer map[string]any
		if json.Unmarshal(lines.Bytes(), &answer) == nil && answer["id"] != nil {
			answers[answer["id"].(float64)] = answer
		}
	}
	if len(answers) < len(messages) {
		t.Fatalf("%d answers of %d: %v", len(answers), len(messages), answers)
	}
	return answers
}
