/**
 * `groundpoint mcp --http`: the real CLI serves streamable HTTP; requests without the bearer token
 * get 401, a foreign Host header gets 403, the SDK's client with the token lists and calls the
 * tools, the socket is not reachable on the machine's other addresses, and a non-loopback --host
 * is refused before anything starts.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPageServer, type PageServer } from "./page-server.js";

const root = join(import.meta.dirname, "..", "..");
/** Request options for tool calls: the machine running the tests may be busy; the test's own timeout bounds the wait. */
const slow = { timeout: 300_000 };
const cli = join(root, "bin", "groundpoint.js");
let pages: PageServer;
let server: ChildProcess;
let url: URL;
let token: string;

const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

beforeAll(async () => {
  pages = await startPageServer();
  server = spawn(process.execPath, [cli, "mcp", "--http", "--port", "0", "--url", `${pages.origin}/notes.html`], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`groundpoint mcp exited with ${code}: ${stderr}`)));
    server.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const address = /serving browser at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr)?.[1];
      const bearer = /bearer token (\S+)/.exec(stderr)?.[1];
      if (address && bearer) {
        url = new URL(address);
        token = bearer;
        resolve();
      }
    });
  });
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await pages?.close();
});

/** A raw HTTP POST of an initialize request with the given headers. */
function post(headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(initialize);
  });
}

describe("groundpoint mcp --http", () => {
  it("answers 401 without the bearer token or with a wrong one", async () => {
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(JSON.parse(none.body).error.message).toMatch(/Authorization: Bearer/);
    expect((await post({ authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await post({ authorization: token })).status).toBe(401);
  });

  it("answers 403 to a Host or Origin that is not this loopback address (DNS rebinding)", async () => {
    expect((await post({ authorization: `Bearer ${token}`, host: `attacker.example:${url.port}` })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${token}`, origin: "http://attacker.example" })).status).toBe(403);
  });

  it("serves the SDK client that sends the token", async () => {
    const client = new Client({ name: "http-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(["screenshot", "locate", "click", "type", "press", "scroll", "drag", "wait_for"]);
      const shot = (await client.callTool({ name: "screenshot", arguments: {} }, undefined, slow)) as CallToolResult;
      expect(shot.isError).toBeFalsy();
      expect(shot.content.some((part) => part.type === "image")).toBe(true);
    } finally {
      await client.close();
    }
  }, 60_000);

  const external = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && entry.family === "IPv4")
    .map((entry) => entry!.address);

  it.skipIf(external.length === 0)("is not reachable on the machine's other addresses", async () => {
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: Number(url.port) });
        socket.once("connect", () => {
          socket.destroy();
          resolve("connected");
        });
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(outcome, `port ${url.port} on ${address}`).toBe("ECONNREFUSED");
    }
  });

  it("refuses to bind anything but loopback", () => {
    const result = spawnSync(process.execPath, [cli, "mcp", "--http", "--host", "0.0.0.0", "--url", `${pages.origin}/notes.html`], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/listens on loopback only \(127\.0\.0\.1, ::1 or localhost\), got "0\.0\.0\.0"/);
  }, 60_000);
});
