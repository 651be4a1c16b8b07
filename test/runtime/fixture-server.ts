/**
 * A real HTTP server on 127.0.0.1 serving a folder, with `Range: bytes=N-` support and fault
 * injection (cut a response after some bytes, serve a file with a changed byte), for the
 * `model pull` tests.
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import type { AddressInfo } from "node:net";

/** One request the server saw. */
export interface SeenRequest {
  readonly path: string;
  readonly range: string | undefined;
  readonly status: number;
}

/** Faults to inject; each applies once per listed path unless noted. */
export interface Faults {
  /** Send full headers but only this many body bytes, then destroy the socket (first request of each path). */
  cutAfterBytes?: Map<string, number>;
  /** Flip one byte of the served file (every request). */
  corrupt?: Set<string>;
  /** Ignore Range headers and always answer 200 with the whole file. */
  noRangeSupport?: boolean;
}

export interface FixtureServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  readonly faults: Faults;
  close(): Promise<void>;
}

export async function startFixtureServer(root: string, faults: Faults = {}): Promise<FixtureServer> {
  const requests: SeenRequest[] = [];
  const alreadyCut = new Set<string>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname).replace(/^\/+/, "");
      const range = request.headers.range;
      let body: Buffer;
      try {
        if (normalize(path).startsWith("..")) throw new Error("outside");
        body = await readFile(join(root, path));
      } catch {
        requests.push({ path, range, status: 404 });
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      if (faults.corrupt?.has(path)) {
        body = Buffer.from(body);
        const middle = Math.floor(body.length / 2);
        body[middle] = body[middle]! ^ 0xff;
      }
      let start = 0;
      const match = range === undefined || faults.noRangeSupport ? null : /^bytes=(\d+)-$/.exec(range);
      if (match) start = Number(match[1]);
      if (start >= body.length && match) {
        requests.push({ path, range, status: 416 });
        response.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        return;
      }
      const status = match ? 206 : 200;
      const slice = body.subarray(start);
      requests.push({ path, range, status });
      response.writeHead(status, {
        "content-length": String(slice.length),
        "accept-ranges": "bytes",
        ...(match ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
      });
      const cut = faults.cutAfterBytes?.get(path);
      if (cut !== undefined && !alreadyCut.has(path)) {
        alreadyCut.add(path);
        response.write(slice.subarray(0, cut), () => {
          // Give the client the bytes, then drop the connection mid-body.
          setTimeout(() => response.socket?.destroy(), 20);
        });
        return;
      }
      response.end(slice);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
