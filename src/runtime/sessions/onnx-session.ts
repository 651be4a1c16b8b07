import { availableParallelism } from "node:os";
import * as ort from "onnxruntime-node";
import { InvalidInputError, ModelLoadError } from "../../core/errors.js";
import type { ModelManifest } from "../model-package/model-manifest.js";
import type { ModelPackage } from "../model-package/load-model-package.js";

/** Where the ONNX graphs run. */
export type ExecutionDevice = "cpu" | "cuda";

/** Options for the sessions of one model package. */
export interface SessionOptions {
  /** `"cpu"` (default) or `"cuda"` (needs onnxruntime-node's CUDA binaries, see the README). */
  readonly device?: ExecutionDevice;
  /** Threads onnxruntime uses inside one operator. Default: the number of logical cores. */
  readonly intraOpThreads?: number;
  /** CUDA device index when `device` is `"cuda"`. Default 0. */
  readonly cudaDeviceId?: number;
  /**
   * Keep onnxruntime's CPU memory arena. Default true: without it every call gets its large ViT and
   * prefill buffers from glibc, which maps buffers above its (history-dependent, at most 32 MiB)
   * threshold fresh and unmaps them on free, so each call pays page faults and kernel zeroing for
   * them: MolmoPoint-Nano's prefill of 1,230 tokens took 1,214 ms CPU with 45,886 minor faults without
   * the arena, 166 ms with 10 faults with it; a whole 1920×1080 locate at 6 crops 2,131 ms CPU
   * instead of 525 (bench/nano-prefill.bench.ts, bench/nano-size.bench.ts; tools/TRAINING-NANO.md).
   * The price is memory held between calls at the peak of the largest call: nano at 8 crops peak RSS
   * 722 MiB instead of 591–645 MiB; the tiny test package at 48 crops 1.7 GiB instead of 0.65 GiB.
   * Pass false where memory matters more than latency.
   */
  readonly cpuMemoryArena?: boolean;
}

/** The hint for a CUDA request that onnxruntime-node cannot serve. */
export const CUDA_INSTALL_HINT =
  "onnxruntime-node's CUDA binaries are not bundled with the npm package: install CUDA 12 and cuDNN 9, then run `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` (it downloads them), or use device \"cpu\".";

/** Resolves the session options' defaults and validates them. */
export function resolveSessionOptions(options: SessionOptions = {}): Required<SessionOptions> {
  const device = options.device ?? "cpu";
  if (device !== "cpu" && device !== "cuda") throw new InvalidInputError("device", `device must be "cpu" or "cuda", got ${JSON.stringify(device)}.`);
  const intraOpThreads = options.intraOpThreads ?? availableParallelism();
  if (!Number.isInteger(intraOpThreads) || intraOpThreads < 1) {
    throw new InvalidInputError("intraOpThreads", `intraOpThreads must be a positive integer, got ${String(options.intraOpThreads)}.`);
  }
  return { device, intraOpThreads, cudaDeviceId: options.cudaDeviceId ?? 0, cpuMemoryArena: options.cpuMemoryArena ?? true };
}

/**
 * Creates the inference session of one graph of a package and checks that its input and output
 * names are the ones the manifest declares (the runtime feeds them by name).
 *
 * @throws ModelLoadError naming the graph file: unreadable ONNX, names that differ from the
 *   manifest, or a CUDA request onnxruntime-node cannot serve (with what to install).
 */
export async function createGraphSession(modelPackage: ModelPackage, graphName: keyof ModelManifest["graphs"], options: SessionOptions = {}): Promise<ort.InferenceSession> {
  const resolved = resolveSessionOptions(options);
  const graph = modelPackage.manifest.graphs[graphName];
  const path = modelPackage.resolve(graph.path);
  const cudaBundled = ort.listSupportedBackends().some((backend) => backend.name === "cuda" && backend.bundled);
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: resolved.device === "cuda" ? [{ name: "cuda", deviceId: resolved.cudaDeviceId }] : ["cpu"],
    intraOpNumThreads: resolved.intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    enableCpuMemArena: resolved.cpuMemoryArena,
  };
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (resolved.device === "cuda") {
      throw new ModelLoadError(`Cannot run ${graph.path} on CUDA: ${message}.${cudaBundled ? "" : ` ${CUDA_INSTALL_HINT}`}`, { file: graph.path, cause: error });
    }
    throw new ModelLoadError(`onnxruntime cannot load ${path}: ${message}. The graph is corrupt or needs a newer onnxruntime-node.`, { file: graph.path, cause: error });
  }
  const missing = [
    ...graph.inputs.filter((io) => !session.inputNames.includes(io.name)).map((io) => `input ${io.name}`),
    ...graph.outputs.filter((io) => !session.outputNames.includes(io.name)).map((io) => `output ${io.name}`),
  ];
  if (missing.length > 0) {
    await session.release();
    throw new ModelLoadError(
      `${graph.path} does not have the ${missing.join(", ")} that manifest.json declares (graph inputs: ${session.inputNames.join(", ")}; outputs: ${session.outputNames.join(", ")}). The graph and manifest come from different exports.`,
      { file: graph.path },
    );
  }
  return session;
}
