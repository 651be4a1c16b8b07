/**
 * The MCP server: groundpoint's small tool surface (screenshot, locate, click, type, press,
 * scroll, drag, wait_for) registered on an `McpServer` of the official SDK, each tool with its one
 * zod schema. Transports are attached by the caller (stdio, or `http-transport.ts`).
 *
 * Confirmation over MCP: with `confirm`, every action asks the client through MCP elicitation
 * (`elicitation/create`, a one-field form "allow": yes/no) before it touches the screen, and acts
 * at the point that was shown. A client that does not declare the elicitation capability cannot be
 * asked, so actions are refused with an error that says so: never acted on silently.
 */
import { createRequire } from "node:module";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { GroundpointError } from "../core/errors.js";
import { groundpointTools } from "./tool-formats.js";
import type { ConfirmRequest, ToolOutput, ToolRunner } from "./tool-runner.js";

/** The package version, reported to MCP clients. */
export const GROUNDPOINT_VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/** Options of {@link createMcpServer}. */
export interface McpServerOptions {
  /** Ask the client (MCP elicitation) before every action. Default false. */
  confirm?: boolean;
}

/** The client cannot be asked for a confirmation (no elicitation capability). */
export class ConfirmationUnavailableError extends GroundpointError {
  constructor(message: string) {
    super("confirmation_unavailable", message);
    this.name = "ConfirmationUnavailableError";
  }
}

const readOnlyTools = new Set(["screenshot", "locate", "wait_for"]);

const instructions =
  "groundpoint points at things on a real screen. Prefer targets in words (\"Save button\", \"the Email field\"): a local grounding model " +
  "finds them on the full-resolution screen. Coordinates, when you give them, are pixels of the latest image the screenshot or locate tool returned.";

/** Turns a tool's output into an MCP tool result: the summary as JSON text, then the image. */
export function toCallToolResult(output: ToolOutput): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: JSON.stringify(output.summary) }];
  if (output.image) content.push({ type: "image", data: output.image.data, mimeType: output.image.mimeType });
  return { content, ...(output.ok ? {} : { isError: true }) };
}

/** Asks the connected client to allow one action, through MCP elicitation. */
async function elicitConfirmation(server: McpServer, request: ConfirmRequest): Promise<boolean> {
  if (!server.server.getClientCapabilities()?.elicitation) {
    throw new ConfirmationUnavailableError(
      `groundpoint mcp runs with --confirm, and this MCP client cannot answer confirmation requests (it does not declare the elicitation capability), ` +
        `so "${request.message}" was not done. Use a client that supports elicitation, or restart the server without --confirm (or with --dry-run).`,
    );
  }
  const answer = await server.server.elicitInput({
    mode: "form",
    message: `groundpoint wants to ${request.message}. Allow it?`,
    requestedSchema: {
      type: "object",
      properties: { allow: { type: "boolean", title: "Allow", description: `Allow: ${request.message}` } },
      required: ["allow"],
    },
  });
  return answer.action === "accept" && answer.content?.["allow"] === true;
}

/**
 * An `McpServer` with groundpoint's tools on `runner`. Connect it to a transport
 * (`await server.connect(new StdioServerTransport())`); one runner may serve several servers.
 * `runner` may still be loading (a promise): the server then answers `initialize` and lists its
 * tools at once, and tool calls wait for the device and the grounder.
 */
export function createMcpServer(runner: ToolRunner | Promise<ToolRunner>, options: McpServerOptions = {}): McpServer {
  const server = new McpServer({ name: "groundpoint", version: GROUNDPOINT_VERSION }, { capabilities: { tools: {} }, instructions });
  for (const tool of groundpointTools()) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.schema,
        annotations: { readOnlyHint: readOnlyTools.has(tool.name), destructiveHint: false, openWorldHint: false },
      },
      async (args: unknown, extra: { signal: AbortSignal }) => {
        const output = await (await runner).run(tool.name, args, {
          signal: extra.signal,
          ...(options.confirm ? { confirm: (request: ConfirmRequest) => elicitConfirmation(server, request) } : {}),
        });
        return toCallToolResult(output);
      },
    );
  }
  return server;
}
