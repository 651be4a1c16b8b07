/**
 * Streamable HTTP for the MCP server, on loopback only and behind a bearer token.
 *
 * The server binds 127.0.0.1 (or ::1 / localhost) and refuses any other host: a pointer that clicks
 * on your screen must not be reachable from the network. Every request needs
 * `Authorization: Bearer <token>` (compared in constant time; 401 otherwise), and its `Host` (and
 * `Origin`, when a browser sends one) must name the loopback address, so that a web page cannot
 * reach the server through DNS rebinding (403). One MCP session per client, all on one runner.
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { InvalidInputError } from "../core/errors.js";
import { createMcpServer, type McpServerOptions } from "./mcp-server.js";
import type { ToolRunner } from "./tool-runner.js";

/** Hosts the HTTP transport may bind: loopback only. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "::1", "localhost"];

/** Default port of `groundpoint mcp --http`: 8931. */
export const DEFAULT_HTTP_PORT = 8931;

/** Largest request body accepted: 4 MiB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions extends McpServerOptions {
  /** Loopback host to bind. Default `"127.0.0.1"`; anything not loopback throws `InvalidInputError`. */
  host?: string;
  /** TCP port; 0 picks a free one. Default {@link DEFAULT_HTTP_PORT}. */
  port?: number;
  /** The bearer token clients must send. Default: 32 random bytes, base64url (see `token` of the result). */
  token?: string;
}

/** A running HTTP transport. */
export interface RunningHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8931/mcp`. */
  readonly url: string;
  /** The bearer token (the one given, or the one generated). */
  readonly token: string;
  /** Stops accepting requests and closes every session. */
  close(): Promise<void>;
}

/** Throws unless `host` is a loopback name or address. */
export function checkLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.includes(host)) {
    throw new InvalidInputError(
      "host",
      `groundpoint mcp listens on loopback only (127.0.0.1, ::1 or localhost), got ${JSON.stringify(host)}: a server that clicks on this screen must not be reachable from the network. ` +
        "To reach it from another machine, tunnel to the loopback port (e.g. ssh -L).",
    );
  }
}

/** True when the `Host` (or `Origin` host) header names the loopback address and our port. */
export function isLoopbackAuthority(authority: string | undefined, port: number): boolean {
  if (authority === undefined) return false;
  const match = /^(\[::1\]|127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(authority.trim());
  return match !== null && (match[2] === undefined ? port === 80 : Number(match[2]) === port);
}

function sameToken(given: string, expected: Buffer): boolean {
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

function reply(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new InvalidInputError("body", `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/**
 * Serves the MCP tools on `runner` over streamable HTTP at `http://<host>:<port>/mcp`.
 * @throws InvalidInputError for a host that is not loopback, or an empty token
 */
export async function startHttpServer(runner: ToolRunner, options: HttpServerOptions = {}): Promise<RunningHttpServer> {
  const host = options.host ?? "127.0.0.1";
  checkLoopbackHost(host);
  const token = options.token ?? randomBytes(32).toString("base64url");
  if (token.trim() === "") throw new InvalidInputError("token", "the bearer token must not be empty.");
  const expected = Buffer.from(token);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let port = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackAuthority(request.headers.host, port)) {
      reply(response, 403, "Forbidden: the Host header must name the loopback address this server listens on.");
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !isLoopbackAuthority(origin.replace(/^https?:\/\//i, ""), port)) {
      reply(response, 403, "Forbidden: requests from web pages of other origins are refused.");
      return;
    }
    const authorization = request.headers.authorization ?? "";
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (bearer === undefined || !sameToken(bearer.trim(), expected)) {
      reply(response, 401, "Unauthorized: send Authorization: Bearer <token> (printed by groundpoint mcp at start).", { "www-authenticate": 'Bearer realm="groundpoint"' });
      return;
    }
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/mcp") {
      reply(response, 404, "Not found: the MCP endpoint is /mcp.");
      return;
    }
    const sessionId = request.headers["mcp-session-id"];
    const known = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    const body = request.method === "POST" ? await readJson(request) : undefined;
    if (known) {
      await known.handleRequest(request, response, body);
      return;
    }
    if (request.method !== "POST" || !isInitializeRequest(body)) {
      reply(response, typeof sessionId === "string" ? 404 : 400, typeof sessionId === "string" ? "Unknown MCP session; initialize a new one." : "Bad request: initialize an MCP session first.");
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await createMcpServer(runner, options).connect(transport);
    await transport.handleRequest(request, response, body);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, error instanceof SyntaxError || InvalidInputError.isInstance(error) ? 400 : 500, (error as Error).message);
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_HTTP_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${port}/mcp`,
    token,
    async close() {
      for (const transport of sessions.values()) await transport.close().catch(() => undefined);
      sessions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
