// Runs a model package's ONNX graphs in onnxruntime-node on the inputs written by
// `python3 -m tools.molmopoint.export --verify DIR` and prints the max |ORT - expected| per output.
//
//   node tools/check-onnx.mjs PACKAGE_DIR VERIFY_DIR [--tolerance 1e-4]
//
// Exit status 1 when an output is missing or off by more than the tolerance. Also loads tokenizer.json with
// @huggingface/tokenizers and checks that plain text encodes to its UTF-8 bytes for byte-level test tokenizers.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { Tokenizer } from "@huggingface/tokenizers";

const [packageDir, verifyDir, ...rest] = process.argv.slice(2);
if (!packageDir || !verifyDir) {
  console.error("usage: node tools/check-onnx.mjs PACKAGE_DIR VERIFY_DIR [--tolerance 1e-4]");
  process.exit(2);
}
const toleranceIndex = rest.indexOf("--tolerance");
const tolerance = toleranceIndex >= 0 ? Number(rest[toleranceIndex + 1]) : 1e-4;

/** Minimal .npy (v1/v2, little-endian, C order) reader for f4, i8, i4, u1. */
function readNpy(path) {
  const buffer = readFileSync(path);
  const major = buffer[6];
  const headerLength = major === 1 ? buffer.readUInt16LE(8) : buffer.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buffer.subarray(start, start + headerLength).toString("latin1");
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  const data = buffer.subarray(start + headerLength);
  const bytes = new Uint8Array(data.byteLength);
  bytes.set(data);
  const types = { "<f4": ["float32", Float32Array], "<i8": ["int64", BigInt64Array], "<i4": ["int32", Int32Array], "|u1": ["uint8", Uint8Array] };
  const [type, Array_] = types[descr];
  return { type, shape, data: new Array_(bytes.buffer) };
}

const load = (name) => readNpy(join(verifyDir, `${name}.npy`));
const manifest = JSON.parse(readFileSync(join(packageDir, "manifest.json"), "utf8"));

function maxError(actual, expected) {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let index = 0; index < actual.length; index++) {
    const difference = Math.abs(actual[index] - expected[index]);
    if (!(difference <= worst)) worst = Number.isNaN(difference) ? Infinity : difference;
  }
  return worst;
}

let failed = false;
async function runGraph(graph, prefix) {
  const session = await ort.InferenceSession.create(join(packageDir, manifest.graphs[graph].path), { intraOpNumThreads: 2 });
  const feeds = {};
  for (const input of manifest.graphs[graph].inputs) {
    const array = load(`${prefix}_in_${input.name}`);
    feeds[input.name] = new ort.Tensor(array.type, array.data, array.shape);
  }
  const started = performance.now();
  const outputs = await session.run(feeds);
  const milliseconds = performance.now() - started;
  for (const output of manifest.graphs[graph].outputs) {
    const expectedPath = join(verifyDir, `${prefix}_out_${output.name}.npy`);
    if (!existsSync(expectedPath)) continue;
    const error = maxError(outputs[output.name].data, load(`${prefix}_out_${output.name}`).data);
    const ok = error <= tolerance;
    failed ||= !ok;
    console.log(`${graph} (${prefix}) ${output.name} [${outputs[output.name].dims}]: max |ORT - expected| ${error.toExponential(2)} ${ok ? "ok" : "FAIL"}`);
  }
  console.log(`${graph} (${prefix}) ran in ${milliseconds.toFixed(1)} ms`);
}

await runGraph("vision", "vision");
await runGraph("decoder", "prefill");
await runGraph("decoder", "step");

const tokenizerJson = JSON.parse(readFileSync(join(packageDir, manifest.tokenizer.path), "utf8"));
const tokenizerConfig = manifest.tokenizer.configPath ? JSON.parse(readFileSync(join(packageDir, manifest.tokenizer.configPath), "utf8")) : {};
const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
const text = "Click the Save button, then «OK»";
const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
const bytes = [...Buffer.from(text, "utf8")];
const byteLevel = tokenizerJson.model.merges.length === 0;
const tokenizerOk = !byteLevel || JSON.stringify(ids) === JSON.stringify(bytes);
failed ||= !tokenizerOk;
console.log(`tokenizer: ${ids.length} ids for ${JSON.stringify(text)}; decode round trip ${JSON.stringify(tokenizer.decode(ids))} ${tokenizerOk ? "ok" : "FAIL"}`);
process.exit(failed ? 1 : 0);
