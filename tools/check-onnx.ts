// Runs a model package's ONNX graphs in onnxruntime-node on the inputs written by
// `python3 -m tools.molmopoint.export --verify DIR` and prints the max |ORT - expected| per output.
//
//   npx tsx tools/check-onnx.ts PACKAGE_DIR VERIFY_DIR [--tolerance 1e-4]
//
// Exit status 1 when an output is missing or off by more than the tolerance. Also loads tokenizer.json with
// @huggingface/tokenizers and checks that plain text encodes to its UTF-8 bytes for byte-level test tokenizers.
// The .npy files are read with the tests' reader (test/helpers/read-npy.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import * as ort from "onnxruntime-node";
import type { ModelManifest } from "../src/runtime/model-package/model-manifest.js";
import { readNpy, type NpyArray } from "../test/helpers/read-npy.js";

const [packageDir, verifyDir, ...rest] = process.argv.slice(2);
if (!packageDir || !verifyDir) {
  console.error("usage: npx tsx tools/check-onnx.ts PACKAGE_DIR VERIFY_DIR [--tolerance 1e-4]");
  process.exit(2);
}
const toleranceIndex = rest.indexOf("--tolerance");
const tolerance = toleranceIndex >= 0 ? Number(rest[toleranceIndex + 1]) : 1e-4;

/** An .npy array as an onnxruntime tensor of the same element type and shape. */
function toTensor(array: NpyArray, path: string): ort.Tensor {
  const { data, shape } = array;
  if (data instanceof Float32Array) return new ort.Tensor("float32", data, shape);
  if (data instanceof BigInt64Array) return new ort.Tensor("int64", data, shape);
  if (data instanceof Int32Array) return new ort.Tensor("int32", data, shape);
  if (data instanceof Uint8Array && array.dtype === "|u1") return new ort.Tensor("uint8", data, shape);
  throw new Error(`${path}: dtype ${array.dtype} is not a graph input type (f4, i8, i4, u1)`);
}

const npyPath = (name: string): string => join(verifyDir, `${name}.npy`);
const manifest = JSON.parse(readFileSync(join(packageDir, "manifest.json"), "utf8")) as ModelManifest;

function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let index = 0; index < actual.length; index++) {
    const difference = Math.abs(actual[index]! - expected[index]!);
    if (!(difference <= worst)) worst = Number.isNaN(difference) ? Infinity : difference;
  }
  return worst;
}

let failed = false;
async function runGraph(graph: keyof ModelManifest["graphs"], prefix: string): Promise<void> {
  const session = await ort.InferenceSession.create(join(packageDir!, manifest.graphs[graph].path), { intraOpNumThreads: 2 });
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of manifest.graphs[graph].inputs) {
    const path = npyPath(`${prefix}_in_${input.name}`);
    feeds[input.name] = toTensor(readNpy(path), path);
  }
  const started = performance.now();
  const outputs = await session.run(feeds);
  const milliseconds = performance.now() - started;
  for (const output of manifest.graphs[graph].outputs) {
    const expectedPath = npyPath(`${prefix}_out_${output.name}`);
    if (!existsSync(expectedPath)) continue;
    const actual = outputs[output.name]!;
    const error = maxError(actual.data as ArrayLike<number>, readNpy(expectedPath).data as ArrayLike<number>);
    const ok = error <= tolerance;
    failed ||= !ok;
    console.log(`${graph} (${prefix}) ${output.name} [${actual.dims.join(",")}]: max |ORT - expected| ${error.toExponential(2)} ${ok ? "ok" : "FAIL"}`);
  }
  console.log(`${graph} (${prefix}) ran in ${milliseconds.toFixed(1)} ms`);
}

await runGraph("vision", "vision");
await runGraph("decoder", "prefill");
await runGraph("decoder", "step");

const tokenizerJson = JSON.parse(readFileSync(join(packageDir, manifest.tokenizer.path), "utf8")) as { model: { merges: unknown[] } };
const tokenizerConfig: object = manifest.tokenizer.configPath ? JSON.parse(readFileSync(join(packageDir, manifest.tokenizer.configPath), "utf8")) : {};
const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
const text = "Click the Save button, then «OK»";
const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
const bytes = [...Buffer.from(text, "utf8")];
const byteLevel = tokenizerJson.model.merges.length === 0;
const tokenizerOk = !byteLevel || JSON.stringify(ids) === JSON.stringify(bytes);
failed ||= !tokenizerOk;
console.log(`tokenizer: ${ids.length} ids for ${JSON.stringify(text)}; decode round trip ${JSON.stringify(tokenizer.decode(ids))} ${tokenizerOk ? "ok" : "FAIL"}`);
process.exit(failed ? 1 : 0);
