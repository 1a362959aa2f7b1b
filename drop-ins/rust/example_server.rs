//! A tiny stdio MCP server on rmcp with one tool of its own plus the feedback drop-in.
use feedback_tool::{feedback_route, Options};
use rmcp::handler::server::{router::tool::ToolRouter, wrapper::Parameters};
use rmcp::model::{ServerCapabilities, ServerConfig};
use rmcp::{schemars, tool, tool_handler, tool_router, ServerHandler, ServiceExt};

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct EchoArgs {
    text: String,
}

#[derive(Clone)]
struct Example {
    tool_router: ToolRouter<Example>,
}

#[tool_router]
impl Example {
    fn new() -> Self {
        let tool_router =
            Self::tool_router().with_route(feedback_route("rust-example", Options::default()));
        Self { tool_router }
    }

    #[tool(description = "Echoes its text")]
    fn echo(&self, Parameters(EchoArgs { text }): Parameters<EchoArgs>) -> String {
        text
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Example {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = Example::new().serve(rmcp::transport::stdio()).await?;
    service.waiting().await?;
    Ok(())
}
