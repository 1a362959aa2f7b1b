// A tiny stdio MCP server on github.com/mark3labs/mcp-go plus the feedback drop-in.
package main

import (
	"context"
	"log"

	feedback "dev.patchworkmcp/dropin-go"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("go-mcpgo-example", "1.0.0")
	s.AddTool(mcp.NewTool("echo", mcp.WithDescription("Echoes its text"), mcp.WithString("text")),
		func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultText(request.GetString("text", "")), nil
		})
	feedback.RegisterFeedbackTool(s, "go-mcpgo-example", nil)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
