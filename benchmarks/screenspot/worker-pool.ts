/**
 * The eval runner's pool of worker processes. Each item is sent to one worker; its answer is appended
 * to the predictions file at once, so a killed run loses at most the items in flight. A worker that
 * runs past the per-item timeout is killed (a CPU-bound model cannot be interrupted any other way)
 * and replaced; the item is recorded as a timeout.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ModelLoadError } from "../../src/core/errors.js";
import type { EvalItem } from "./eval-item.js";
import { appendPrediction, type PredictionRecord } from "./prediction-record.js";
import type { CoordinatorMessage, WorkerMessage } from "./worker-protocol.js";

/** Options of {@link runWorkerPool}. */
export interface WorkerPoolOptions {
  /** Items still to compute, in order. */
  items: readonly EvalItem[];
  imagesRoot: string;
  /** The `--model` value. */
  model: string;
  /** Working directory for a relative `--model`. Default `process.cwd()`. */
  cwd?: string;
  /** Worker processes. Default 1. */
  workers?: number;
  /** Per-item limit in ms, image decoding included; 0 = none. Default 300 000. */
  timeoutMs?: number;
  /** `maxCrops` for every locate call. Default: the grounder's own. */
  maxCrops?: number | undefined;
  /** Zoom refine for every item (see `RunEvaluationOptions.zoomRefine`). Default: off. */
  zoomRefine?: { cropSize: number } | undefined;
  /** onnxruntime threads per operator in each worker. Default: cores ÷ workers, at least 1. */
  threads?: number | undefined;
  /** Where local models run. Default `"cpu"`. */
  device?: "cpu" | "cuda" | undefined;
  /** Where each record is appended as it arrives. */
  predictionsFile: string;
  /**
   * Stop the run when this many first answers are all the same failure (not a timeout): a broken
   * grounder should not burn hours on a full benchmark. 0 = never. Default 5.
   */
  stopAfterSameFailures?: number;
  /** Called after each record is written. */
  onRecord?: (record: PredictionRecord, item: EvalItem) => void;
  /** Where worker stdout goes (a grounder's prints must not mix with `--json` output). Default stderr. */
  workerOutput?: NodeJS.WritableStream;
}

/** What the pool did. */
export interface WorkerPoolResult {
  readonly computed: number;
  readonly grounderName: string | undefined;
  /** Workers killed for running past the timeout, plus workers that crashed. */
  readonly restarts: number;
}

const workerUrl = new URL(import.meta.url.endsWith(".ts") ? "./eval-worker.ts" : "./eval-worker.js", import.meta.url);
// Consecutive worker deaths without a single answer in between that mean the grounder cannot run.
const maxConsecutiveCrashes = 3;

function workerExecArgv(): string[] {
  if (!workerUrl.pathname.endsWith(".ts")) return [];
  // From source the worker is TypeScript: load it through tsx, resolved from this package.
  const tsx = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(tsx).href];
}

interface Slot {
  child: ChildProcess;
  busy: EvalItem | undefined;
  lastImage: string | undefined;
  timer: NodeJS.Timeout | undefined;
  startedAt: number;
  retired: boolean;
}

/** Runs the items through a pool of worker processes; resolves when every item has a record. */
export function runWorkerPool(options: WorkerPoolOptions): Promise<WorkerPoolResult> {
  const pending = [...options.items];
  const timeoutMs = options.timeoutMs ?? 300_000;
  const workerCount = Math.max(1, Math.min(options.workers ?? 1, pending.length));
  const output = options.workerOutput ?? process.stderr;
  const slots = new Set<Slot>();
  let outstanding = pending.length;
  let computed = 0;
  let restarts = 0;
  let consecutiveCrashes = 0;
  let grounderName: string | undefined;
  let finished = false;
  const stopAfter = options.stopAfterSameFailures ?? 5;
  // While every answer so far is the same failure: its message; undefined once anything else came.
  let sameFailure: string | undefined = "";

  return new Promise<WorkerPoolResult>((resolve, reject) => {
    if (outstanding === 0) {
      resolve({ computed: 0, grounderName: undefined, restarts: 0 });
      return;
    }

    const shutdown = () => {
      finished = true;
      for (const slot of slots) retire(slot);
    };
    const fail = (error: Error) => {
      if (finished) return;
      shutdown();
      reject(error);
    };

    const record = (slot: Slot, prediction: PredictionRecord, item: EvalItem) => {
      appendPrediction(options.predictionsFile, prediction);
      computed += 1;
      outstanding -= 1;
      options.onRecord?.(prediction, item);
      const failure = prediction.error !== undefined && prediction.errorCode !== "timeout" ? prediction.error : undefined;
      sameFailure = sameFailure !== undefined && failure !== undefined && (sameFailure === "" || sameFailure === failure) ? failure : undefined;
      if (stopAfter > 0 && computed >= stopAfter && sameFailure !== undefined && outstanding > 0) {
        fail(
          new ModelLoadError(
            `--model ${options.model} failed on the first ${computed} items with the same error: "${sameFailure}". Fix the grounder, then run again with --retry-errors (the failed items are in ${options.predictionsFile}).`,
          ),
        );
        return;
      }
      if (outstanding === 0 && !finished) {
        shutdown();
        resolve({ computed, grounderName, restarts });
      } else {
        dispatch(slot);
      }
    };

    const retire = (slot: Slot) => {
      slot.retired = true;
      if (slot.timer) clearTimeout(slot.timer);
      if (slot.child.connected) slot.child.disconnect();
      slots.delete(slot);
    };

    const takeNext = (slot: Slot): EvalItem | undefined => {
      // Prefer an item on the screenshot this worker already decoded.
      const sameImage = slot.lastImage === undefined ? -1 : pending.findIndex((item) => item.image === slot.lastImage);
      const index = sameImage >= 0 ? sameImage : 0;
      return pending.splice(index, 1)[0];
    };

    const dispatch = (slot: Slot) => {
      if (finished || slot.retired) return;
      const item = takeNext(slot);
      if (item === undefined) {
        retire(slot);
        return;
      }
      slot.busy = item;
      slot.lastImage = item.image;
      slot.startedAt = performance.now();
      if (timeoutMs > 0) slot.timer = setTimeout(() => onTimeout(slot, item), timeoutMs);
      const message: CoordinatorMessage = { type: "locate", id: item.id, image: item.image, instruction: item.instruction };
      slot.child.send(message);
    };

    const failedRecord = (item: EvalItem, error: string, errorCode: string, elapsed: number): PredictionRecord => ({
      id: item.id,
      points: [],
      notFound: false,
      timings: {},
      imageWidth: item.imageSize?.[0] ?? 0,
      imageHeight: item.imageSize?.[1] ?? 0,
      loadMs: 0,
      locateMs: elapsed,
      error,
      errorCode,
    });

    const onTimeout = (slot: Slot, item: EvalItem) => {
      if (finished || slot.busy !== item) return;
      slot.busy = undefined;
      retire(slot);
      slot.child.kill("SIGKILL");
      restarts += 1;
      spawnIfNeeded();
      record(slot, failedRecord(item, `timed out after ${timeoutMs} ms`, "timeout", timeoutMs), item);
    };

    const spawnIfNeeded = () => {
      const busyOrStarting = [...slots].length;
      if (!finished && pending.length > 0 && busyOrStarting < workerCount) spawn();
    };

    const spawn = () => {
      const child = fork(fileURLToPath(workerUrl), [], {
        execArgv: workerExecArgv(),
        stdio: ["ignore", "pipe", "inherit", "ipc"],
      });
      child.stdout?.pipe(output, { end: false });
      const slot: Slot = { child, busy: undefined, lastImage: undefined, timer: undefined, startedAt: 0, retired: false };
      slots.add(slot);
      child.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          grounderName = message.grounderName;
          dispatch(slot);
        } else if (message.type === "fatal") {
          fail(new ModelLoadError(`--model ${options.model}: ${message.message}`));
        } else if (message.type === "result") {
          const item = slot.busy;
          if (item === undefined || item.id !== message.record.id) return;
          if (slot.timer) clearTimeout(slot.timer);
          slot.busy = undefined;
          consecutiveCrashes = 0;
          record(slot, message.record, item);
        }
      });
      child.on("exit", (code, signal) => {
        if (finished || slot.retired) return;
        slots.delete(slot);
        slot.retired = true;
        if (slot.timer) clearTimeout(slot.timer);
        consecutiveCrashes += 1;
        restarts += 1;
        const item = slot.busy;
        if (consecutiveCrashes >= maxConsecutiveCrashes) {
          fail(new ModelLoadError(`--model ${options.model}: worker processes died ${consecutiveCrashes} times in a row (last: code ${code}, signal ${signal}); run with --workers 1 and look at the stderr above.`));
          return;
        }
        spawnIfNeeded();
        if (item) record(slot, failedRecord(item, `worker exited (code ${code}, signal ${signal})`, "worker_exit", performance.now() - slot.startedAt), item);
      });
      child.on("error", (error) => fail(error));
      const init: CoordinatorMessage = {
        type: "init",
        model: options.model,
        cwd: options.cwd ?? process.cwd(),
        imagesRoot: options.imagesRoot,
        maxCrops: options.maxCrops,
        zoomRefine: options.zoomRefine,
        threads: options.threads ?? Math.max(1, Math.floor(availableParallelism() / workerCount)),
        device: options.device,
      };
      child.send(init);
    };

    for (let index = 0; index < workerCount; index += 1) spawn();
  });
}
