package feedback_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
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
