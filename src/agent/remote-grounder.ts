/**
 * The client of a remote grounding service (`model: "http://gpu-box:8000"`), so that many agents can
 * share one GPU server running the 8B model. The protocol is the one the eval harness speaks
 * (benchmarks/screenspot/remote-grounder.ts): one JSON request, one JSON answer.
 *
 * ```
 * POST <url>            (a URL without a path gets /v1/locate)
 * { "image": "<PNG, base64>", "instruction": "Save button", "maxCrops": 48, "maxPoints": 1 }
 * → 200 { "points": [{ "x": 812.5, "y": 40, "confidence": 0.93 }], "notFound": false, "timings": { … } }
 * → 4xx/5xx { "error": "what went wrong" }
 * ```
 * Points are in pixels of the image sent.
 */
import { z } from "zod";
import { ModelLoadError, throwIfAborted } from "../core/errors.js";
import type { Grounder, LocateOptions, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";
import { encodeImage } from "../image/decode-image.js";

const answerSchema = z.object({
  points: z.array(z.object({ x: z.number(), y: z.number(), confidence: z.number() })),
  notFound: z.boolean(),
  timings: z.record(z.string(), z.number()).default({}),
});

/** The URL requests go to: the given one, or `/v1/locate` on its host when it has no path. */
export function remoteEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = "/v1/locate";
  return parsed.href;
}

/** A grounder that asks the service at `url`; `headers` go with every request (e.g. authorization). */
export function createRemoteGrounder(url: string, headers: Record<string, string> = {}): Grounder {
  const endpoint = remoteEndpoint(url);
  return {
    name: `remote(${new URL(endpoint).host})`,
    async locate(image: RgbImage, instruction: string, options: LocateOptions = {}): Promise<LocateResult> {
      throwIfAborted(options.signal);
      const started = performance.now();
      const png = await encodeImage(image, { format: "png" });
      const encode = performance.now() - started;
      let response: Response;
      const sent = performance.now();
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ image: png.toString("base64"), instruction, maxCrops: options.maxCrops, maxPoints: options.maxPoints }),
          signal: options.signal ?? null,
        });
      } catch (error) {
        throwIfAborted(options.signal);
        throw new ModelLoadError(`the grounding service at ${endpoint} cannot be reached (${(error as Error).message}); is it running?`, { cause: error });
      }
      const text = await response.text();
      if (!response.ok) {
        let detail = text.slice(0, 300);
        try {
          detail = String((JSON.parse(text) as { error?: unknown }).error ?? detail);
        } catch {
          // Not JSON: the raw text says more than nothing.
        }
        throw new ModelLoadError(`the grounding service at ${endpoint} answered ${response.status}: ${detail}`);
      }
      let answer: z.infer<typeof answerSchema>;
      try {
        answer = answerSchema.parse(JSON.parse(text));
      } catch (error) {
        throw new ModelLoadError(`the grounding service at ${endpoint} answered outside the protocol (${(error as Error).message.slice(0, 200)}).`, { cause: error });
      }
      return { points: answer.points, notFound: answer.notFound, timings: { ...answer.timings, encode, roundTrip: performance.now() - sent } };
    },
  };
}
