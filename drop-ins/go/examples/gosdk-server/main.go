// A tiny stdio MCP server on the official github.com/modelcontextprotocol/go-sdk plus the feedback drop-in.
package main

import (
	"context"
	"log"

	feedback "dev.patchworkmcp/dropin-go"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type echoArgs struct {
	Text string `json:"text"`
}

func main() {
	s := mcp.NewServer(&mcp.Implementation{Name: "go-gosdk-example", Version: "1.0.0"}, nil)
	mcp.AddTool(s, &mcp.Tool{Name: "echo", Description: "Echoes its text"},
		func(ctx context.Context, request *mcp.CallToolRequest, args echoArgs) (*mcp.CallToolResult, any, error) {
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: args.Text}}}, nil, nil
		})
	feedback.RegisterGoSDKFeedbackTool(s, "go-gosdk-example", nil)
	if err := s.Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		log.Fatal(err)
	}
}
