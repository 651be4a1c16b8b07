/**
 * Driving `groundpoint mcp` from your own code with the official MCP client: start the server on
 * a page, list its tools, locate and click by description, type into a field. This is what an MCP
 * host (Claude Desktop, Claude Code, an IDE) does on the model's behalf.
 *
 *   npx tsx examples/mcp-client.ts [URL]
 *
 * Runs offline against the bundled demo page by default. In your project, run
 * `npx groundpoint mcp …` instead of `bin/groundpoint.js`.
 */
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

const url = process.argv[2] ?? pathToFileURL("assets/demo/index.html").href;
const client = new Client({ name: "groundpoint-example", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command: process.execPath, args: ["bin/groundpoint.js", "mcp", "--url", url], stderr: "inherit" }));

/** Calls a tool and prints its JSON summary (and whether it returned an image). */
async function call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.find((part) => part.type === "text");
  const summary = JSON.parse(text?.type === "text" ? text.text : "{}") as Record<string, unknown>;
  const image = result.content.some((part) => part.type === "image") ? " [+ image]" : "";
  console.log(`${result.isError ? "✗" : "✓"} ${name}(${JSON.stringify(args)}) → ${JSON.stringify(summary)}${image}`);
  return summary;
}

try {
  const { tools } = await client.listTools();
  console.log(`tools: ${tools.map((tool) => tool.name).join(", ")}`);
  await call("screenshot", {});
  const save = await call("locate", { target: "Save" });
  await call("click", { target: save.point });
  await call("click", { target: "Save" });
  await call("wait_for", { target: "Save", timeout_ms: 5000 });
} finally {
  await client.close();
}
