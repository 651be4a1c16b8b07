/**
 * A worker process of the eval runner: it creates the grounder once, then answers one `locate`
 * message at a time. It exits when the coordinator goes away (IPC disconnect), so a killed run leaves
 * no orphans. Grounder failures on one item are reported as that item's error, not as a crash.
 */
import { join } from "node:path";
import { GroundpointError } from "../../src/core/errors.js";
import type { Grounder, LocateResult } from "../../src/core/grounder.js";
import { zoomRefine } from "../../src/agent/zoom-refine.js";
import type { RgbImage } from "../../src/core/image.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { createGrounderFromSpec, parseGrounderSpec } from "./grounder-spec.js";
import type { PredictionRecord } from "./prediction-record.js";
import type { CoordinatorMessage, InitMessage, LocateMessage, WorkerMessage } from "./worker-protocol.js";

let grounder: Grounder | undefined;
let settings: InitMessage | undefined;
// Items on the same screenshot are sent to the same worker back to back; decode once.
let cached: { path: string; image: RgbImage } | undefined;
let queue: Promise<void> = Promise.resolve();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function initialise(message: InitMessage): Promise<void> {
  settings = message;
  try {
    grounder = await createGrounderFromSpec(parseGrounderSpec(message.model, message.cwd), { threads: message.threads, device: message.device });
    send({ type: "ready", grounderName: grounder.name });
  } catch (error) {
    send({
      type: "fatal",
      message: error instanceof Error ? error.message : String(error),
      code: GroundpointError.isInstance(error) ? error.code : undefined,
    });
  }
}

/** With `--zoom-refine`: the first point located again in a crop around it (the rest kept); timings gain `refine`. */
async function refineFirstPoint(image: RgbImage, instruction: string, first: LocateResult, locateOptions: { maxCrops?: number }): Promise<LocateResult> {
  const point = first.points[0];
  if (!grounder || settings?.zoomRefine === undefined || first.notFound || point === undefined) return first;
  const started = performance.now();
  const refined = await zoomRefine(image, instruction, point, grounder, { cropSize: settings.zoomRefine.cropSize }, locateOptions);
  if (refined === undefined) return first;
  return {
    ...first,
    points: [refined.point, ...first.points.slice(1)],
    timings: { ...first.timings, refine: performance.now() - started },
  };
}

async function locate(message: LocateMessage): Promise<void> {
  if (!grounder || !settings) throw new Error("eval worker: locate before init");
  const base = { id: message.id, points: [], notFound: false, timings: {}, imageWidth: 0, imageHeight: 0, loadMs: 0, locateMs: 0 };
  let record: PredictionRecord;
  const path = join(settings.imagesRoot, message.image);
  try {
    let loadMs = 0;
    if (cached?.path !== path) {
      const started = performance.now();
      cached = { path, image: await decodeImage(path) };
      loadMs = performance.now() - started;
    }
    const image = cached.image;
    const started = performance.now();
    const locateOptions = settings.maxCrops === undefined ? {} : { maxCrops: settings.maxCrops };
    const first = await grounder.locate(image, message.instruction, locateOptions);
    const result = await refineFirstPoint(image, message.instruction, first, locateOptions);
    const locateMs = performance.now() - started;
    record = {
      ...base,
      // Keep at most 5 points: only the first is scored, the rest are for looking at misses.
      points: result.points.slice(0, 5).map((point) => ({ x: point.x, y: point.y, confidence: point.confidence })),
      notFound: result.notFound,
      timings: { ...result.timings },
      imageWidth: image.width,
      imageHeight: image.height,
      loadMs,
      locateMs,
    };
  } catch (error) {
    record = {
      ...base,
      imageWidth: cached?.path === path ? cached.image.width : 0,
      imageHeight: cached?.path === path ? cached.image.height : 0,
      error: error instanceof Error ? error.message : String(error),
      errorCode: GroundpointError.isInstance(error) ? error.code : "exception",
    };
  }
  send({ type: "result", record });
}

process.on("message", (message: CoordinatorMessage) => {
  queue = queue.then(() => (message.type === "init" ? initialise(message) : locate(message)));
});
process.on("disconnect", () => {
  void grounder?.dispose?.();
  process.exit(0);
});
