/**
 * The LLM integration room's public exports: the MCP server and its HTTP transport, the tool
 * runner, tool definitions generated from one zod schema per action, and the executors for
 * Anthropic's and OpenAI's computer-use tools.
 */
export { ToolRunner, DEFAULT_SCROLL_PX, DEFAULT_WAIT_FOR_MS } from "./tool-runner.js";
export type { ConfirmAction, ConfirmRequest, RunToolOptions, ToolOutput, ToolRunnerOptions } from "./tool-runner.js";
export { createMcpServer, toCallToolResult, ConfirmationUnavailableError, GROUNDPOINT_VERSION } from "./mcp-server.js";
export type { McpServerOptions } from "./mcp-server.js";
export { startHttpServer, checkLoopbackHost, DEFAULT_HTTP_PORT, LOOPBACK_HOSTS } from "./http-transport.js";
export type { HttpServerOptions, RunningHttpServer } from "./http-transport.js";
export { actionSchemas, actionNames, clickElementSchema, pointSchema, targetSchema } from "./tool-schemas.js";
export type { ActionInput, ActionName, ClickElementInput } from "./tool-schemas.js";
export {
  clickElementTool,
  groundpointTools,
  inputJsonSchema,
  toAnthropicTool,
  toOpenAiChatTool,
  toOpenAiResponsesTool,
  toVercelAiTools,
} from "./tool-formats.js";
export type { JsonSchema, ToolDefinition, VercelAiTool } from "./tool-formats.js";
export { ANTHROPIC_IMAGE_BUDGET, OPENAI_IMAGE_BUDGET, fitToBudget, imageToModel, modelToImage, modelRegionToImageBox } from "./model-image-space.js";
export type { ImageBudget, ModelImageSpace } from "./model-image-space.js";
export { ComputerSession } from "./computer-session.js";
export type { ClickElementResult, ComputerSessionOptions } from "./computer-session.js";
export { AnthropicComputer, ANTHROPIC_COMPUTER_BETA, ANTHROPIC_COMPUTER_TOOL_TYPE, SCROLL_NOTCH_PX, anthropicComputerInputSchema } from "./anthropic-computer.js";
export type { AnthropicComputerInput, AnthropicComputerOptions, AnthropicResultContent, AnthropicToolResult, AnthropicToolUse } from "./anthropic-computer.js";
export { OpenAiComputer, DEFAULT_OPENAI_WAIT_MS, openAiComputerActionSchema } from "./openai-computer.js";
export type { OpenAiComputerAction, OpenAiComputerCall, OpenAiComputerCallOutput, OpenAiComputerOptions, OpenAiSafetyCheck } from "./openai-computer.js";
