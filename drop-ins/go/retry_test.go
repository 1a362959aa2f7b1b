package feedback_test

// Retries on 429 and 5xx and the per-call key, against a scripted loopback server. No clock involved: the
// waits between attempts are recorded instead of slept.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	feedback "dev.patchworkmcp/dropin-go"
	mcpgo "github.com/mark3labs/mcp-go/mcp"
)

type answer struct {
	status     int
	retryAfter string
}

type received struct {
	header http.Header
	body   map[string]any
}

// fakeSidecar answers POST /api/feedback from a script (then 500) and records every request.
type fakeSidecar struct {
	url      string
	mu       sync.Mutex
	script   []answer
	requests []received
}

func startFake(t *testing.T, script ...answer) *fakeSidecar {
	t.Helper()
	fake := &fakeSidecar{script: script}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		fake.mu.Lock()
		fake.requests = append(fake.requests, received{r.Header.Clone(), body})
		next := answer{status: 500}
		if len(fake.script) > 0 {
			next, fake.script = fake.script[0], fake.script[1:]
		}
		fake.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if next.retryAfter != "" {
			w.Header().Set("Retry-After", next.retryAfter)
		}
		w.WriteHeader(next.status)
		if next.status < 300 {
			fmt.Fprint(w, `{"id":"fake-id","status":"recorded"}`)
		} else {
			fmt.Fprintf(w, `{"detail":"scripted answer","code":"scripted_%d","field":null}`, next.status)
		}
	}))
	t.Cleanup(server.Close)
	fake.url = server.URL
	return fake
}

func (f *fakeSidecar) received() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.requests...)
}

func (f *fakeSidecar) keys() map[string]bool {
	keys := map[string]bool{}
	for _, r := range f.received() {
		keys[r.header.Get("Idempotency-Key")] = true
		keys[fmt.Sprint(r.body["idempotency_key"])] = true
	}
	return keys
}

func recordWaits(t *testing.T) *[]time.Duration {
	waits, restore := feedback.RecordWaits()
	t.Cleanup(restore)
	return waits
}

var retryArgs = map[string]any{"what_i_needed": "Export invoices as CSV", "what_i_tried": "list_invoices",
	"gap_type": "missing_tool"}

func send(fake *fakeSidecar, args map[string]any, spool string, apiKey *string) feedback.Result {
	opts := &feedback.Options{SidecarURL: fake.url, SpoolPath: spool, APIKey: apiKey}
	return feedback.SendFeedback(context.Background(), args, "retry", opts, feedback.Session{})
}

// callTool answers a feedback call the way an mcp-go server does: what the agent gets back.
func callTool(t *testing.T, fake *fakeSidecar, args map[string]any, spool string) (bool, string) {
	t.Helper()
	handler := feedback.NewFeedbackHandler("retry", &feedback.Options{SidecarURL: fake.url, SpoolPath: spool})
	request := mcpgo.CallToolRequest{}
	request.Params.Name = "feedback"
	request.Params.Arguments = args
	result, err := handler(context.Background(), request)
	if err != nil || len(result.Content) != 1 {
		t.Fatalf("handler: %v %+v", err, result)
	}
	return result.IsError, result.Content[0].(mcpgo.TextContent).Text
}

func TestRetries429Then503AndSucceedsOnTheThirdAttemptUnderOneKey(t *testing.T) {
	waits := recordWaits(t)
	fake := startFake(t, answer{429, "2"}, answer{503, ""}, answer{201, ""})
	spool := filepath.Join(t.TempDir(), "spool.jsonl")

	isError, text := callTool(t, fake, retryArgs, spool)

	if isError || !strings.HasPrefix(text, "Thank you.") {
		t.Errorf("the agent got isError=%v %q", isError, text)
	}
	if n := len(fake.received()); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	if keys := fake.keys(); len(keys) != 1 {
		t.Errorf("idempotency keys = %v, want one", keys)
	}
	if want := []time.Duration{2 * time.Second, time.Second}; !reflect.DeepEqual(*waits, want) {
		t.Errorf("waits = %v, want %v", *waits, want)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("spool written after a delivery: %v", err)
	}
}

func TestALongRetryAfterIsCappedAndAnHTTPDateFallsBackToTheBackoff(t *testing.T) {
	waits := recordWaits(t)
	fake := startFake(t, answer{429, "3600"}, answer{503, "Wed, 21 Oct 2015 07:28:00 GMT"}, answer{201, ""})

	result := send(fake, retryArgs, filepath.Join(t.TempDir(), "spool.jsonl"), nil)

	if result.IsError {
		t.Errorf("result = %+v", result)
	}
	if want := []time.Duration{feedback.MaxRetryAfter, feedback.Backoff[1]}; !reflect.DeepEqual(*waits, want) {
		t.Errorf("waits = %v, want %v", *waits, want)
	}
}

func TestARejectedReportIsNeitherRetriedNorSpooled(t *testing.T) {
	waits := recordWaits(t)
	fake := startFake(t, answer{422, ""}, answer{201, ""})
	spool := filepath.Join(t.TempDir(), "spool.jsonl")

	result := send(fake, retryArgs, spool, nil)

	if !result.IsError || !strings.Contains(result.Text, "rejected") || !strings.Contains(result.Text, "scripted_422") {
		t.Errorf("result = %+v", result)
	}
	if n := len(fake.received()); n != 1 || len(*waits) != 0 {
		t.Errorf("%d attempts and waits %v, want 1 and none", n, *waits)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("a rejected report was spooled: %v", err)
	}
}

func TestStillFailingAfterThreeAttemptsIsSpooledOnceAndReplayedOnce(t *testing.T) {
	waits := recordWaits(t)
	fake := startFake(t, answer{429, "1"}, answer{503, ""}, answer{503, ""}, answer{201, ""})
	spool := filepath.Join(t.TempDir(), "spool.jsonl")
	args := map[string]any{"session_id": fmt.Sprintf("sess-go-retry-%d", time.Now().UnixNano())}
	for k, v := range retryArgs {
		args[k] = v
	}

	isError, text := callTool(t, fake, args, spool)

	if !isError || !strings.Contains(text, "HTTP 503") || !strings.Contains(text, "saved for replay") {
		t.Errorf("the agent got isError=%v %q", isError, text)
	}
	if n := len(fake.received()); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	if want := []time.Duration{time.Second, time.Second}; !reflect.DeepEqual(*waits, want) {
		t.Errorf("waits = %v, want %v", *waits, want)
	}
	raw, err := os.ReadFile(spool)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	var spooled map[string]any
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &spooled) != nil {
		t.Fatalf("spool = %q, want one JSON line", raw)
	}
	if keys := fake.keys(); len(keys) != 1 || !keys[fmt.Sprint(spooled["idempotency_key"])] {
		t.Errorf("spooled key %v, sent keys %v", spooled["idempotency_key"], keys)
	}
	replay(t, spool)
	must(os.WriteFile(spool, []byte(lines[0]+"\n"), 0o600))
	replay(t, spool)
	if raw, _ := os.ReadFile(spool); len(raw) != 0 {
		t.Errorf("spool not emptied: %q", raw)
	}
	if items := listFeedback(t, url.Values{"session_id": {args["session_id"].(string)}}); len(items) != 1 {
		t.Errorf("stored %d reports after two replays, want 1", len(items))
	}
}

func TestAPerCallKeyOverridesTheEnvironmentAndAnEmptyOneSendsNoAuthorization(t *testing.T) {
	t.Setenv("FEEDBACK_API_KEY", "environment-key")
	fake := startFake(t, answer{201, ""}, answer{201, ""}, answer{201, ""})
	spool := filepath.Join(t.TempDir(), "spool.jsonl")
	perCall, none := "per-call-key", ""

	send(fake, retryArgs, spool, &perCall)
	send(fake, retryArgs, spool, &none)
	send(fake, retryArgs, spool, nil)

	var got []string
	for _, r := range fake.received() {
		got = append(got, r.header.Get("Authorization"))
	}
	if want := []string{"Bearer per-call-key", "", "Bearer environment-key"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Authorization headers = %q, want %q", got, want)
	}
}
