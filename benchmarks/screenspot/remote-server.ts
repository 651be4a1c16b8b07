/**
 * The server side of the remote grounding protocol (`src/grounders/remote-grounder.ts`): wraps any Grounder in an
 * HTTP server. Calls run one at a time, in arrival order (a local model is CPU- or GPU-bound; running
 * two at once only makes both slower).
 *
 * Run one: `npx tsx benchmarks/screenspot/remote-server.ts --model ocr --port 8080`, then
 * `groundpoint eval … --model http://localhost:8080`.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GroundpointError } from "../../src/core/errors.js";
import type { Grounder } from "../../src/core/grounder.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { createGrounderFromSpec, parseGrounderSpec } from "./grounder-spec.js";
import { remoteLocateRequestSchema } from "../../src/grounders/remote-grounder.js";

/** Options of {@link createGroundingServer}. */
export interface GroundingServerOptions {
  grounder: Grounder;
  /** Largest request body accepted. Default 64 MiB (a 6K screenshot as base64 PNG fits). */
  maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** An HTTP server answering `POST` (any path) with the grounder's LocateResult. Call `listen` on it. */
export function createGroundingServer(options: GroundingServerOptions): Server {
  const limit = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let queue: Promise<unknown> = Promise.resolve();
  return createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (request.method !== "POST") {
      reply(405, { error: "POST a JSON body {image: base64 PNG, instruction, maxCrops?, maxPoints?}" });
      return;
    }
    const handle = async () => {
      const raw = await readBody(request, limit);
      let body;
      try {
        body = remoteLocateRequestSchema.parse(JSON.parse(raw.toString("utf8")));
      } catch (error) {
        throw new HttpError(400, `not a locate request: ${(error as Error).message.slice(0, 300)}`);
      }
      const image = await decodeImage(Buffer.from(body.image, "base64"));
      const result = await options.grounder.locate(image, body.instruction, {
        ...(body.maxCrops === undefined ? {} : { maxCrops: body.maxCrops }),
        ...(body.maxPoints === undefined ? {} : { maxPoints: body.maxPoints }),
      });
      return { points: result.points.map((point) => ({ x: point.x, y: point.y, confidence: point.confidence })), notFound: result.notFound, timings: result.timings };
    };
    const run = queue.then(handle);
    queue = run.catch(() => undefined);
    run.then(
      (result) => reply(200, result),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : GroundpointError.isInstance(error) && error.code === "invalid_input" ? 400 : 500;
        reply(status, { error: error instanceof Error ? error.message : String(error) });
      },
    );
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: "string", default: "ocr" }, port: { type: "string", default: "8080" }, host: { type: "string", default: "127.0.0.1" } } });
  const grounder = await createGrounderFromSpec(parseGrounderSpec(values.model));
  const server = createGroundingServer({ grounder });
  server.listen(Number(values.port), values.host, () => process.stderr.write(`grounding server (${grounder.name}) on http://${values.host}:${values.port}/v1/locate\n`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
