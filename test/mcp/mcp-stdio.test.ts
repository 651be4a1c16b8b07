/**
 * `groundpoint mcp` over stdio, end to end: the SDK's own MCP client starts the real CLI
 * (`node bin/groundpoint.js mcp --url …`), which launches Chromium on a page served from
 * 127.0.0.1; the client locates and clicks a button and types into a field, and the page reports
 * what it saw to the test's HTTP server. Also: --dry-run touches nothing, --confirm asks through
 * MCP elicitation and acts only on "allow", and refuses when the client cannot be asked.
 */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPageServer, type PageServer } from "./page-server.js";

const root = join(import.meta.dirname, "..", "..");
/** Request options for tool calls: the machine running the tests may be busy; the test's own timeout bounds the wait. */
const slow = { timeout: 300_000 };
let pages: PageServer;
const clients: Client[] = [];

beforeAll(async () => {
  pages = await startPageServer();
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await pages?.close();
});

/** Starts `groundpoint mcp` with `flags` on the notes page and connects a client to it. */
async function connect(flags: string[], client = new Client({ name: "groundpoint-test", version: "1.0.0" })): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(root, "bin", "groundpoint.js"), "mcp", "--url", `${pages.origin}/notes.html`, ...flags],
    cwd: root,
    stderr: "inherit",
  });
  await client.connect(transport, slow);
  clients.push(client);
  return client;
}

function summaryOf(result: unknown): Record<string, unknown> {
  const content = (result as CallToolResult).content;
  const text = content.find((part) => part.type === "text");
  if (!text || text.type !== "text") throw new Error(`no text in ${JSON.stringify(result)}`);
  return JSON.parse(text.text) as Record<string, unknown>;
}

describe("groundpoint mcp over stdio", () => {
  it("lists its tools; locates, clicks and types on a real page, which confirms both", async () => {
    const client = await connect([]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["screenshot", "locate", "click", "type", "press", "scroll", "drag", "wait_for"]);
    const click = tools.find((tool) => tool.name === "click")!;
    expect(click.inputSchema.required).toEqual(["target"]);

    const shot = (await client.callTool({ name: "screenshot", arguments: {} }, undefined, slow)) as CallToolResult;
    const image = shot.content.find((part) => part.type === "image");
    expect(image?.type === "image" && image.mimeType).toBe("image/png");
    const size = await sharp(Buffer.from(image?.type === "image" ? image.data : "", "base64")).metadata();
    expect([size.width, size.height]).toEqual([1280, 800]);

    const located = (await client.callTool({ name: "locate", arguments: { target: "Save" } }, undefined, slow)) as CallToolResult;
    expect(located.isError).toBeFalsy();
    const where = summaryOf(located);
    expect(where.grounder).toBe("ocr");
    // The marked image: the marker ring (radius 13 px on a 1280×800 image) is drawn around the point.
    const marked = located.content.find((part) => part.type === "image");
    const { data, info } = await sharp(Buffer.from(marked?.type === "image" ? marked.data : "", "base64")).raw().toBuffer({ resolveWithObject: true });
    const point = where.point as { x: number; y: number };
    const offset = (point.y * info.width + point.x + 13) * info.channels;
    expect([...data.subarray(offset, offset + 3)]).toEqual([230, 30, 30]);

    const typed = await client.callTool({ name: "type", arguments: { target: "Title", text: "Groceries" } }, undefined, slow);
    expect((typed as CallToolResult).isError).toBeFalsy();
    const input = await pages.waitForEvent((event) => event.type === "input" && event.value === "Groceries");
    expect(input.id).toBe("title");

    const clicked = summaryOf(await client.callTool({ name: "click", arguments: { target: "Save" } }, undefined, slow));
    expect(clicked.done).toMatch(/^click "Save" at \(\d+, \d+\)$/);
    expect(clicked.point).toEqual(where.point);
    await pages.waitForEvent((event) => event.type === "click" && event.id === "save");

    // Coordinates are pixels of the screenshot image: click "Discard" by the point locate gave.
    const discard = summaryOf(await client.callTool({ name: "locate", arguments: { target: "Discard" } }, undefined, slow));
    await client.callTool({ name: "click", arguments: { target: discard.point } }, undefined, slow);
    await pages.waitForEvent((event) => event.type === "click" && event.id === "discard");

    const missing = (await client.callTool({ name: "click", arguments: { target: "Launch rocket" } }, undefined, slow)) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(summaryOf(missing).error).toBe("target_not_found");
  }, 480_000);

  it("--dry-run reports the point and touches nothing", async () => {
    const before = pages.events.length;
    const client = await connect(["--dry-run"]);
    const answer = summaryOf(await client.callTool({ name: "click", arguments: { target: "Discard" } }, undefined, slow));
    expect(answer.dry_run).toBe(true);
    expect(answer.would).toMatch(/^click "Discard" at \(\d+, \d+\)$/);
    const typed = summaryOf(await client.callTool({ name: "type", arguments: { target: "Title", text: "nope" } }, undefined, slow));
    expect(typed.dry_run).toBe(true);
    // The page would have reported a click or an input by now if anything had been done: a real
    // click reaches the page before the tool call returns.
    await client.callTool({ name: "screenshot", arguments: {} }, undefined, slow);
    expect(pages.events.slice(before)).toEqual([]);
  }, 480_000);

  it("--confirm asks through elicitation, acts on allow, not on deny; refuses a client that cannot be asked", async () => {
    const asked: string[] = [];
    const answers = [true, false];
    const asking = new Client({ name: "confirming-client", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
    asking.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: "accept", content: { allow: answers.shift() ?? false } };
    });
    const client = await connect(["--confirm"], asking);
    const before = pages.events.length;
    const allowed = summaryOf(await client.callTool({ name: "click", arguments: { target: "Discard" } }, undefined, slow));
    expect(allowed.done).toMatch(/^click "Discard"/);
    await pages.waitForEvent((event) => pages.events.indexOf(event) >= before && event.type === "click" && event.id === "discard");
    const denied = (await client.callTool({ name: "click", arguments: { target: "Save" } }, undefined, slow)) as CallToolResult;
    expect(denied.isError).toBe(true);
    expect(summaryOf(denied).message).toMatch(/declined by the user/);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatch(/^groundpoint wants to click "Discard" at \(\d+, \d+\)\. Allow it\?$/);

    const mute = await connect(["--confirm"]);
    const refused = (await mute.callTool({ name: "press", arguments: { keys: "Tab" } }, undefined, slow)) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(summaryOf(refused)).toMatchObject({ error: "confirmation_unavailable" });
    await mute.callTool({ name: "screenshot", arguments: {} }, undefined, slow);
    expect(pages.events.slice(before).filter((event) => event.id === "save")).toEqual([]);
  }, 480_000);
});
