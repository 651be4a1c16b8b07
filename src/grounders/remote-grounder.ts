/**
 * A grounder that asks a remote grounding service over HTTP, so that many agents can share one GPU
 * server. The protocol is one JSON request and one JSON answer:
 *
 * ```
 * POST <url>            (a URL without a path gets /v1/locate)
 * { "image": "<PNG, base64>", "instruction": "Save button", "maxCrops": 48, "maxPoints": 1 }
 * → 200 { "points": [{ "x": 812.5, "y": 40, "confidence": 0.93 }], "notFound": false,
 *         "timings": { "preprocess": 31, "vision": 420, "prefill": 180, "decode": 22 } }
 * → 4xx/5xx { "error": "what went wrong" }
 * ```
 * Points are in pixels of the image sent. `maxCrops` and `maxPoints` are omitted when not set.
 */
import { z } from "zod";
import { ModelLoadError, throwIfAborted } from "../core/errors.js";
import type { Grounder, LocateOptions, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";
import { encodeImage } from "../image/decode-image.js";

/** The request body of the remote grounding protocol. */
export const remoteLocateRequestSchema = z.object({
  image: z.string().min(1),
  instruction: z.string(),
  maxCrops: z.number().int().positive().optional(),
  maxPoints: z.number().int().positive().optional(),
});

/** The success body of the remote grounding protocol: a LocateResult. */
export const remoteLocateResponseSchema = z.object({
  points: z.array(z.object({ x: z.number(), y: z.number(), confidence: z.number() })),
  notFound: z.boolean(),
  timings: z.record(z.string(), z.number()),
});

/** Options of {@link createRemoteGrounder}. */
export interface RemoteGrounderOptions {
  /** The service URL; without a path, `/v1/locate` is used. */
  url: string;
  /** Extra request headers, e.g. an authorization header. Default none. */
  headers?: Record<string, string>;
}

/** The URL the client posts to. */
export function remoteLocateUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = "/v1/locate";
  return parsed.href;
}

/** Creates a client for a remote grounding service. */
export function createRemoteGrounder(options: RemoteGrounderOptions): Grounder {
  const endpoint = remoteLocateUrl(options.url);
  return {
    name: `remote(${new URL(endpoint).host})`,
    async locate(image: RgbImage, instruction: string, locateOptions: LocateOptions = {}): Promise<LocateResult> {
      throwIfAborted(locateOptions.signal);
      const started = performance.now();
      // PNG is lossless: the server sees exactly our pixels.
      const png = await encodeImage(image, { format: "png" });
      const encodeMs = performance.now() - started;
      const body = remoteLocateRequestSchema.parse({
        image: png.toString("base64"),
        instruction,
        maxCrops: locateOptions.maxCrops,
        maxPoints: locateOptions.maxPoints,
      });
      let response: Response;
      const sent = performance.now();
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...options.headers },
          body: JSON.stringify(body),
          signal: locateOptions.signal ?? null,
        });
      } catch (error) {
        throwIfAborted(locateOptions.signal);
        throw new ModelLoadError(`The remote grounder at ${endpoint} cannot be reached (${(error as Error).message}); is the service running?`, { cause: error });
      }
      const text = await response.text();
      if (!response.ok) {
        let detail = text.slice(0, 300);
        try {
          detail = String((JSON.parse(text) as { error?: unknown }).error ?? detail);
        } catch {
          // not JSON: keep the raw text
        }
        throw new ModelLoadError(`The remote grounder at ${endpoint} answered ${response.status}: ${detail}`);
      }
      let parsed: z.infer<typeof remoteLocateResponseSchema>;
      try {
        parsed = remoteLocateResponseSchema.parse(JSON.parse(text));
      } catch (error) {
        throw new ModelLoadError(`The remote grounder at ${endpoint} sent an answer outside the protocol (${(error as Error).message.slice(0, 200)}).`, { cause: error });
      }
      const roundTrip = performance.now() - sent;
      return { points: parsed.points, notFound: parsed.notFound, timings: { ...parsed.timings, encode: encodeMs, roundTrip } };
    },
  };
}
