/**
 * A real HTTP server on 127.0.0.1 for the MCP tests: serves the pages of `test/mcp/pages/` and
 * collects the events those pages POST to `/event` (the page's own confirmation of what happened).
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** An event a test page reported. */
export interface PageEvent {
  readonly type: string;
  readonly id?: string | null;
  readonly value?: string;
  readonly [key: string]: unknown;
}

/** The running page server. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every event received so far, in order. */
  readonly events: PageEvent[];
  /** Resolves once an event matching `predicate` arrived (polls the list; the test's own timeout bounds it). */
  waitForEvent(predicate: (event: PageEvent) => boolean): Promise<PageEvent>;
  close(): Promise<void>;
}

const pagesDir = join(import.meta.dirname, "pages");

/** Starts the server on a free loopback port. */
export async function startPageServer(): Promise<PageServer> {
  const events: PageEvent[] = [];
  const server: Server = createServer((request, response) => {
    if (request.method === "POST" && request.url === "/event") {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        events.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as PageEvent);
        response.writeHead(204).end();
      });
      return;
    }
    const name = (request.url ?? "/").replace(/^\/+/, "").split("?")[0] ?? "";
    if (!/^[a-z0-9-]+\.html$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(pagesDir, name)).then(
      (body) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    events,
    async waitForEvent(predicate) {
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
