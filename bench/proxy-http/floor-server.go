// The HTTP floor: a Streamable HTTP MCP endpoint that answers from memory (initialize, tools/list, an echo
// tools/call) with nothing behind it, so a client's round trip to it is the client's and the loopback's own cost.
// Built and started by bench/proxy-http/run.sh with the system Go toolchain; standard library only.
// Usage: floor-server <port>
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type request struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params struct {
		ProtocolVersion string `json:"protocolVersion"`
		Arguments       struct {
			Message string `json:"message"`
		} `json:"arguments"`
	} `json:"params"`
}

func answer(w http.ResponseWriter, id json.RawMessage, result any) {
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func mcp(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete {
		return
	}
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	data, _ := io.ReadAll(r.Body)
	var req request
	if json.Unmarshal(data, &req) != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if len(req.ID) == 0 {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	switch req.Method {
	case "initialize":
		w.Header().Set("Mcp-Session-Id", "floor")
		answer(w, req.ID, map[string]any{
			"protocolVersion": req.Params.ProtocolVersion,
			"capabilities":    map[string]any{"tools": map[string]any{}},
			"serverInfo":      map[string]any{"name": "floor", "version": "1.0.0"},
		})
	case "tools/list":
		answer(w, req.ID, map[string]any{"tools": []any{map[string]any{
			"name":        "echo",
			"inputSchema": map[string]any{"type": "object", "properties": map[string]any{"message": map[string]any{"type": "string"}}},
		}}})
	case "tools/call":
		answer(w, req.ID, map[string]any{"content": []any{map[string]any{"type": "text", "text": "Echo: " + req.Params.Arguments.Message}}})
	default:
		answer(w, req.ID, map[string]any{})
	}
}

func main() {
	http.HandleFunc("/mcp", mcp)
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
