package feedback

// The feedback tool for servers on the official github.com/modelcontextprotocol/go-sdk. Needs
// feedback_core.go beside it.

import (
	"context"
	"encoding/json"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// NewGoSDKFeedbackTool is the tool as listed: name, title, description and the contract's full input schema.
func NewGoSDKFeedbackTool() *mcp.Tool {
	return &mcp.Tool{
		Name:        ToolName,
		Title:       ToolTitle,
		Description: ToolDescription,
		InputSchema: json.RawMessage(ToolInputSchema),
	}
}

// NewGoSDKFeedbackHandler answers calls to the tool by sending the report to the sidecar.
func NewGoSDKFeedbackHandler(serverName string, opts *Options) mcp.ToolHandler {
	return func(ctx context.Context, request *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		args := map[string]any{}
		if len(request.Params.Arguments) > 0 {
			if err := json.Unmarshal(request.Params.Arguments, &args); err != nil {
				return errorResult("The feedback arguments are not a JSON object: " + err.Error()), nil
			}
		}
		session := Session{}
		if request.Session != nil {
			if params := request.Session.InitializeParams(); params != nil && params.ClientInfo != nil {
				session = Session{ClientName: params.ClientInfo.Name, ClientVersion: params.ClientInfo.Version}
			}
		}
		result := SendFeedback(ctx, args, serverName, opts, session)
		if result.IsError {
			return errorResult(result.Text), nil
		}
		return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: result.Text}}}, nil
	}
}

// RegisterGoSDKFeedbackTool adds the feedback tool to an official go-sdk server; opts may be nil.
func RegisterGoSDKFeedbackTool(s *mcp.Server, serverName string, opts *Options) {
	s.AddTool(NewGoSDKFeedbackTool(), NewGoSDKFeedbackHandler(serverName, opts))
}

func errorResult(text string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: text}}, IsError: true}
}
