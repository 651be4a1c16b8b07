// One decode step (past 512) of a decoder graph from tools/molmopoint/measure_quantisation.py:
// session RSS, median step time over 10 runs, and the max logit difference to fp32.onnx in the same folder.
//   node tools/measure-decoder-step.mjs /tmp/quant/int8.onnx
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";

const path = process.argv[2];
const layers = 8, kvHeads = 2, headDim = 128, hidden = 1024, past = 512;
const rssBefore = process.memoryUsage().rss;
const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 2 });
const rssSession = process.memoryUsage().rss - rssBefore;
const feeds = {
  inputs_embeds: new ort.Tensor("float32", new Float32Array(hidden).map((_, i) => Math.sin(i)), [1, 1, hidden]),
  attention_mask: new ort.Tensor("float32", new Float32Array(past + 1), [1, 1, 1, past + 1]),
  position_ids: new ort.Tensor("int64", BigInt64Array.from([BigInt(past)]), [1, 1]),
};
for (let layer = 0; layer < layers; layer++) {
  for (const kind of ["key", "value"]) {
    const data = new Float32Array(kvHeads * past * headDim).map((_, j) => Math.cos(j * 0.01) * 0.1);
    feeds[`past_${kind}_${layer}`] = new ort.Tensor("float32", data, [1, kvHeads, past, headDim]);
  }
}
let outputs = await session.run(feeds);
const times = [];
for (let run = 0; run < 10; run++) {
  const started = performance.now();
  outputs = await session.run(feeds);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const logits = outputs.logits.data;
writeFileSync(`${path}.logits`, Buffer.from(logits.buffer));
const reference = join(dirname(path), "fp32.onnx.logits");
let maxError = null;
if (existsSync(reference)) {
  const expected = new Float32Array(new Uint8Array(readFileSync(reference)).buffer);
  maxError = 0;
  for (let index = 0; index < expected.length; index++) maxError = Math.max(maxError, Math.abs(expected[index] - logits[index]));
}
console.log(JSON.stringify({ path, rssSessionMB: Math.round(rssSession / 1e6), medianStepMs: Number(times[5].toFixed(1)), maxLogitErrorVsFp32: maxError }));
