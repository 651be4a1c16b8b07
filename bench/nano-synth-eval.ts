/**
 * Scores a model package through the TS runtime (onnxruntime-node, MolmoPointGrounder) on a held-out
 * synthetic set written by tools/synth: point inside the element's box for element instructions, and
 * not-found for the screen's negatives, with a breakdown by instruction kind (recovered from the wording,
 * bench/nano-instruction-kind.ts). The PyTorch validation of tools/molmopoint/train.py emulates this
 * decode; this bench is the real one.
 *
 *   npx tsx bench/nano-synth-eval.ts PACKAGE SYNTH_DIR [--screens 40] [--per-screen 9] [--negatives 3]
 *       [--max-crops 8] [--threads 2] [--arena on|off] [--questions FILE.jsonl] [--out RESULTS.jsonl] [--quiet]
 *
 * Questions: every k-th element of each screen (first instruction of a rotating index, so all kinds occur)
 * and the first negatives; or, with `--questions`, exactly the lines of a JSONL file with `screen`,
 * `instruction`, `box` (null = negative) and optionally the reference's `patch`, `subpatch`, `location`
 * (null patch = no-more-points): then the TS tokens are compared with the reference's, item by item.
 *
 * The vision graph's outputs are reused between questions on the same screen (memoised on a hash of the
 * pixel values, which the graph maps deterministically to its outputs): the points are those of separate
 * locate calls, at a third of the CPU. So the latency medians printed are those of the calls that ran the
 * vision graph (one per screen). `--resume` continues an interrupted run from its `--out` file.
 */
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { decodeImage } from "../src/image/decode-image.js";
import type { VisionOutputs } from "../src/runtime/molmopoint/graph-runner.js";
import { createMolmoPointGrounder } from "../src/runtime/molmopoint/molmopoint-grounder.js";
import type { ImageInputs } from "../src/runtime/molmopoint/molmopoint-model.js";
import { median } from "./median.js";
import { instructionKind, type RecoveredKind, type SynthElement } from "./nano-instruction-kind.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    screens: { type: "string", default: "40" },
    "per-screen": { type: "string", default: "9" },
    negatives: { type: "string", default: "3" },
    "max-crops": { type: "string", default: "8" },
    threads: { type: "string", default: "2" },
    arena: { type: "string", default: "on" },
    questions: { type: "string" },
    out: { type: "string" },
    quiet: { type: "boolean", default: false },
    resume: { type: "boolean", default: false },
  },
});
const [packageDir, synthDir] = positionals;
if (!packageDir || !synthDir) throw new Error("usage: npx tsx bench/nano-synth-eval.ts PACKAGE SYNTH_DIR [--screens N] [--questions FILE]");

interface Screen { id: string; image: string; width: number; height: number; elements: SynthElement[]; negatives: string[] }
interface Question {
  screen: string;
  instruction: string;
  box: [number, number, number, number] | null;
  kind: RecoveredKind | "negative";
  reference?: { patch: number | null; subpatch: number | null; location: number | null; hit?: boolean };
}

const screens: Screen[] = (await readFile(join(synthDir, "shard-00000.jsonl"), "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Screen);
const byId = new Map(screens.map((screen) => [screen.id, screen]));

function kindOf(screen: Screen, instruction: string, box: readonly number[]): RecoveredKind {
  const element = screen.elements.find((candidate) => candidate.box.every((value, index) => value === box[index]) && candidate.instructions.includes(instruction));
  return element ? instructionKind(instruction, element) : "other";
}

async function readQuestions(): Promise<Question[]> {
  if (values.questions) {
    const lines = (await readFile(values.questions, "utf8")).split("\n").filter(Boolean);
    return lines.map((line) => {
      const record = JSON.parse(line) as { screen: string; instruction: string; box: [number, number, number, number] | null; patch?: number | null; subpatch?: number | null; location?: number | null; hit?: boolean };
      const screen = byId.get(record.screen);
      if (!screen) throw new Error(`${values.questions}: screen ${record.screen} is not in ${synthDir}`);
      return {
        screen: record.screen,
        instruction: record.instruction,
        box: record.box,
        kind: record.box === null ? "negative" : kindOf(screen, record.instruction, record.box),
        reference: record.patch === undefined ? undefined : { patch: record.patch ?? null, subpatch: record.subpatch ?? null, location: record.location ?? null, hit: record.hit },
      };
    });
  }
  const questions: Question[] = [];
  let rotation = 0;
  for (const screen of screens.slice(0, Number(values.screens))) {
    const elements = screen.elements.filter((element) => element.instructions.length > 0);
    const count = Math.min(Number(values["per-screen"]), elements.length);
    const stride = Math.max(1, Math.floor(elements.length / count));
    for (let i = 0; i < count; i++) {
      const element = elements[i * stride]!;
      const instruction = element.instructions[rotation++ % element.instructions.length]!;
      questions.push({ screen: screen.id, instruction, box: [...element.box], kind: instructionKind(instruction, element) });
    }
    for (const instruction of screen.negatives.slice(0, Number(values.negatives))) questions.push({ screen: screen.id, instruction, box: null, kind: "negative" });
  }
  return questions;
}

const questions = await readQuestions();
const maxCrops = Number(values["max-crops"]);
const grounder = await createMolmoPointGrounder(packageDir, { intraOpThreads: Number(values.threads), cpuMemoryArena: values.arena === "on", check: "size" });
const model = grounder.model;
const encodeImage = model.encodeImage.bind(model);
let lastVision: { key: string; outputs: Promise<VisionOutputs> } | undefined;
let visionRan = false;
/** FNV-1a over the float bits: equal keys mean equal inputs (up to a 2^-32 collision chance per screen). */
function inputKey(image: ImageInputs, options: { vitFeatures?: boolean }): string {
  const bits = new Uint32Array(image.pixelValues.buffer, image.pixelValues.byteOffset, image.pixelValues.length);
  let hash = 0x811c9dc5;
  for (let index = 0; index < bits.length; index++) hash = Math.imul(hash ^ bits[index]!, 0x01000193);
  const pooling = image.pooling.reduce((sum, value, index) => (sum + value * (index + 1)) | 0, 0);
  return `${image.crops}:${bits.length}:${hash >>> 0}:${pooling}:${options.vitFeatures === true}`;
}
model.encodeImage = (image, options = {}) => {
  const key = inputKey(image, options);
  if (lastVision?.key !== key) {
    lastVision = { key, outputs: encodeImage(image, options) };
    visionRan = true;
  }
  return lastVision.outputs;
};

interface Outcome { kind: string; correct: boolean; tokens: { patch: number; subpatch: number; location: number } | null; reference?: Question["reference"]; cold: boolean }
const done: Outcome[] = [];
if (values.out && values.resume) {
  const lines = (await readFile(values.out, "utf8").catch(() => "")).split("\n").filter(Boolean);
  for (const line of lines) done.push(JSON.parse(line) as Outcome);
} else if (values.out) {
  await writeFile(values.out, "");
}
const perKind = new Map<string, { items: number; correct: number }>();
const agreement = { compared: 0, sameAnswer: 0, samePatch: 0, sameToken: 0 };
const wall: number[] = [];
const cpu: number[] = [];
const stages: Record<string, number[]> = { preprocess: [], vision: [], prefill: [], decode: [] };
let firstTokenNotAnswerStart = 0;

/** Counts one outcome; returns the reference's answer for the log line ("" without a reference). */
function tally(kind: string, correct: boolean, tokens: Outcome["tokens"], reference: Question["reference"]): string {
  const counts = perKind.get(kind) ?? { items: 0, correct: 0 };
  counts.items++;
  if (correct) counts.correct++;
  perKind.set(kind, counts);
  if (!reference) return "";
  agreement.compared++;
  const referencePointed = reference.patch !== null;
  if (referencePointed === (tokens !== null)) agreement.sameAnswer++;
  if (referencePointed && tokens && tokens.patch === reference.patch) {
    agreement.samePatch++;
    if (tokens.subpatch === reference.subpatch && tokens.location === reference.location) agreement.sameToken++;
  } else if (!referencePointed && tokens === null) {
    agreement.samePatch++;
    agreement.sameToken++;
  }
  return ` ref ${referencePointed ? `p${reference.patch} s${reference.subpatch} l${reference.location}` : "NMP"}`;
}
let image: Awaited<ReturnType<typeof decodeImage>> | undefined;
let imageScreen = "";
for (const [index, question] of questions.entries()) {
  const screen = byId.get(question.screen)!;
  const previous = done[index];
  if (previous) {
    tally(question.kind, previous.correct, previous.tokens, question.reference);
    continue;
  }
  if (imageScreen !== screen.id) {
    image = await decodeImage(join(synthDir, screen.image));
    imageScreen = screen.id;
  }
  visionRan = false;
  const cpuBefore = process.cpuUsage();
  const result = await grounder.locate(image!, question.instruction, { maxCrops });
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  if (visionRan) {
    cpu.push(cpuMs);
    wall.push(result.timings.total!);
    for (const stage of Object.keys(stages)) stages[stage]!.push(result.timings[stage]!);
  }
  if (result.generatedIds[0] !== 60) firstTokenNotAnswerStart++;
  const point = result.points[0];
  let correct: boolean;
  if (question.box === null) {
    correct = result.notFound;
  } else {
    const [x1, y1, x2, y2] = question.box;
    // half-open box, as tools/molmopoint's validation (nano_data.inside)
    correct = point !== undefined && point.x >= x1 && point.x < x2 && point.y >= y1 && point.y < y2;
  }
  const tokens = point?.tokens ?? null;
  const comparison = tally(question.kind, correct, tokens, question.reference);
  if (values.out) {
    await appendFile(values.out, `${JSON.stringify({ ...question, tokens, point: point ? { x: point.x, y: point.y, confidence: point.confidence } : null, correct, cold: visionRan, stopReason: result.stopReason, generatedIds: result.generatedIds, timings: result.timings, cpuMs })}\n`);
  }
  if (!values.quiet) {
    const answer = point ? `(${point.x.toFixed(0)}, ${point.y.toFixed(0)}) p${tokens!.patch} s${tokens!.subpatch} l${tokens!.location}` : `not found (${result.stopReason})`;
    console.log(`${screen.id} ${correct ? "OK  " : "FAIL"} ${question.kind.padEnd(14)} "${question.instruction}" ${question.box ? `box [${question.box.join(",")}]` : "(absent)"} -> ${answer}${comparison}`);
  }
}
await grounder.dispose();

const positives = [...perKind].filter(([kind]) => kind !== "negative").reduce((sum, [, tally]) => ({ items: sum.items + tally.items, correct: sum.correct + tally.correct }), { items: 0, correct: 0 });
const negatives = perKind.get("negative") ?? { items: 0, correct: 0 };
const percent = (tally: { items: number; correct: number }): string => `${tally.correct}/${tally.items} = ${((100 * tally.correct) / Math.max(tally.items, 1)).toFixed(1)} %`;
console.log(`max crops ${maxCrops}: point in box ${percent(positives)}; not-found on negatives ${percent(negatives)}`);
for (const [kind, tally] of [...perKind].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${kind.padEnd(14)} ${percent(tally)}`);
if (firstTokenNotAnswerStart > 0) console.log(`  first generated id was not the answer start '<' in ${firstTokenNotAnswerStart}/${questions.length} calls`);
if (agreement.compared > 0) {
  console.log(`  vs reference (${agreement.compared} items): same answer kind (point / no point) ${agreement.sameAnswer}, same patch ${agreement.samePatch}, same patch+subpatch+location ${agreement.sameToken}`);
}
console.log(`  median locate that ran the vision graph (${cpu.length}): wall ${median(wall).toFixed(0)} ms, process CPU ${median(cpu).toFixed(0)} ms; ` +
  Object.entries(stages).map(([stage, times]) => `${stage} ${median(times).toFixed(0)}`).join(", ") + " ms (wall)");
