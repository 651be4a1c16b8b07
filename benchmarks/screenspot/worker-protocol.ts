/**
 * Messages between the eval coordinator and its worker processes (Node IPC, structured clone).
 */
import type { PredictionRecord } from "./prediction-record.js";

/** Sent once, right after the fork. */
export interface InitMessage {
  readonly type: "init";
  /** The `--model` value, resolved in the worker. */
  readonly model: string;
  /** Working directory for relative `--model` paths. */
  readonly cwd: string;
  readonly imagesRoot: string;
  /** Passed to every `locate` call when set. */
  readonly maxCrops: number | undefined;
  /** Locate again in a crop of this side around the first point on large screens; undefined = off. */
  readonly zoomRefine: { readonly cropSize: number } | undefined;
  /** onnxruntime threads per operator for local models. */
  readonly threads: number | undefined;
  readonly device: "cpu" | "cuda" | undefined;
}

/** One item to locate. */
export interface LocateMessage {
  readonly type: "locate";
  readonly id: string;
  /** Relative to `imagesRoot`. */
  readonly image: string;
  readonly instruction: string;
}

export type CoordinatorMessage = InitMessage | LocateMessage;

export type WorkerMessage =
  | { readonly type: "ready"; readonly grounderName: string }
  | { readonly type: "fatal"; readonly message: string; readonly code: string | undefined }
  | { readonly type: "result"; readonly record: PredictionRecord };
