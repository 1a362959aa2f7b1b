package feedback

// The feedback tool for github.com/mark3labs/mcp-go servers. Needs feedback_core.go beside it.

import (
	"context"
	"encoding/json"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// NewFeedbackTool is the tool as listed: name, title, description and the contract's full input schema.
func NewFeedbackTool() mcp.Tool {
	tool := mcp.NewToolWithRawSchema(ToolName, ToolDescription, json.RawMessage(ToolInputSchema))
	tool.Title = ToolTitle
	return tool
}

// NewFeedbackHandler answers calls to the tool by sending the report to the sidecar.
func NewFeedbackHandler(serverName string, opts *Options) server.ToolHandlerFunc {
	return func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		session := Session{}
		if withInfo, ok := server.ClientSessionFromContext(ctx).(server.SessionWithClientInfo); ok {
			info := withInfo.GetClientInfo()
			session = Session{ClientName: info.Name, ClientVersion: info.Version}
		}
		result := SendFeedback(ctx, request.GetArguments(), serverName, opts, session)
		if result.IsError {
			return mcp.NewToolResultError(result.Text), nil
		}
		return mcp.NewToolResultText(result.Text), nil
	}
}

// RegisterFeedbackTool adds the feedback tool to an mcp-go server; opts may be nil (environment only).
func RegisterFeedbackTool(s *server.MCPServer, serverName string, opts *Options) {
	s.AddTool(NewFeedbackTool(), NewFeedbackHandler(serverName, opts))
}
