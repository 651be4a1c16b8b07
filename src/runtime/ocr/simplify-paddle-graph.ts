import {
  attributeFields,
  floatAttribute,
  floatAttributeField,
  intsAttribute,
  type FloatTensor,
  type OnnxModel,
  type OnnxNode,
} from "./onnx-model.js";
import { textValue } from "./protobuf-fields.js";

/** What `simplifyPaddleGraph` changed. */
export interface GraphSimplification {
  /** Scalar Mul/Add nodes folded into a neighbouring convolution's weights and bias. */
  readonly foldedIntoConvolutions: number;
  /** `x · clip(x + 3, 0, 6) / 6` chains (4 nodes) rewritten as `x · HardSigmoid(x)` (2 nodes). */
  readonly hardSwishes: number;
  /** `Mul(s) → Add(b)` before a zero-padded convolution reordered to `Add(b / s) → Mul(s)`, the Mul then folded. */
  readonly shiftsReordered: number;
}

interface GraphIndex {
  producer: Map<string, OnnxNode>;
  consumers: Map<string, OnnxNode[]>;
}

function indexGraph(model: OnnxModel): GraphIndex {
  const producer = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of model.nodes) {
    for (const output of node.outputs) producer.set(output, node);
    for (const input of node.inputs) {
      const users = consumers.get(input);
      if (users === undefined) consumers.set(input, [node]);
      else users.push(node);
    }
  }
  return { producer, consumers };
}

function scalar(model: OnnxModel, name: string | undefined): number | undefined {
  const tensor = name === undefined ? undefined : model.constants.get(name);
  return tensor !== undefined && tensor.data.length === 1 ? tensor.data[0] : undefined;
}

/** The single consumer of `name`, when it has exactly one and is not a graph output. */
function soleConsumer(model: OnnxModel, index: GraphIndex, name: string): OnnxNode | undefined {
  const users = index.consumers.get(name) ?? [];
  return users.length === 1 && !model.graphOutputs.has(name) ? users[0] : undefined;
}

/** A binary Mul/Add with one scalar constant input: its operator, the scalar and the other input. */
function scalarOperation(model: OnnxModel, node: OnnxNode | undefined): { value: number; other: string } | undefined {
  if (node === undefined || (node.opType !== "Mul" && node.opType !== "Add") || node.inputs.length !== 2) return undefined;
  const [first, second] = node.inputs as [string, string];
  const firstValue = scalar(model, first);
  const secondValue = scalar(model, second);
  if (firstValue !== undefined && secondValue === undefined) return { value: firstValue, other: second };
  if (secondValue !== undefined && firstValue === undefined) return { value: secondValue, other: first };
  return undefined;
}

function convolutionWeights(model: OnnxModel, conv: OnnxNode): { weight: FloatTensor; bias: Float32Array } | undefined {
  const weight = model.constants.get(conv.inputs[1] ?? "");
  if (conv.opType !== "Conv" || weight === undefined || weight.dims.length !== 4) return undefined;
  const channels = weight.dims[0] ?? 0;
  const biasName = conv.inputs[2];
  const bias = biasName === undefined || biasName === "" ? new Float32Array(channels) : model.constants.get(biasName)?.data;
  return bias === undefined || bias.length !== channels ? undefined : { weight, bias };
}

/** Numbers the constants a rewrite adds; reset by each `simplifyPaddleGraph` call so that the same model always gives the same bytes. */
let foldCounter = 0;

function setConvolutionWeights(model: OnnxModel, conv: OnnxNode, input: string, weight: FloatTensor, bias: Float32Array): void {
  foldCounter += 1;
  const weightName = `${conv.name}.folded_weight.${foldCounter}`;
  const biasName = `${conv.name}.folded_bias.${foldCounter}`;
  for (const [name, tensor] of [
    [weightName, weight],
    [biasName, { dims: [bias.length], data: bias }],
  ] as const) {
    model.added.set(name, tensor);
    model.constants.set(name, tensor);
  }
  conv.inputs = [input, weightName, biasName];
}

function isZeroPadded(conv: OnnxNode): boolean {
  const autoPad = attributeFields(conv, "auto_pad")?.find((field) => field.number === 4);
  if (autoPad !== undefined && !["NOTSET", "VALID"].includes(textValue(autoPad))) return true;
  return (intsAttribute(conv, "pads") ?? []).some((pad) => pad !== 0);
}

function removeNodes(model: OnnxModel, nodes: readonly OnnxNode[]): void {
  const removed = new Set(nodes);
  model.nodes = model.nodes.filter((node) => !removed.has(node));
}

/** Conv → Mul(s) / Add(b): scales the weights and bias by s, or adds b to the bias. */
function foldFollowingScalar(model: OnnxModel, index: GraphIndex, conv: OnnxNode): boolean {
  const weights = convolutionWeights(model, conv);
  const output = conv.outputs[0];
  if (weights === undefined || output === undefined) return false;
  const next = soleConsumer(model, index, output);
  const operation = scalarOperation(model, next);
  if (next === undefined || operation === undefined) return false;
  const { weight, bias } = weights;
  const isMul = next.opType === "Mul";
  const newWeight = isMul ? { dims: weight.dims, data: weight.data.map((value) => value * operation.value) } : weight;
  const newBias = bias.map((value) => (isMul ? value * operation.value : value + operation.value));
  setConvolutionWeights(model, conv, conv.inputs[0] ?? "", newWeight, newBias);
  conv.outputs = [...next.outputs];
  removeNodes(model, [next]);
  return true;
}

/**
 * Mul(s) → Conv: scales the weights (zero padding stays zero). Add(b) → unpadded Conv: adds b × the
 * sum of each output channel's weights to its bias. Mul(s) → Add(b) → padded Conv, where padding
 * sees zeros rather than b: becomes Add(b / s) → Conv with weights × s.
 */
function foldPrecedingScalar(model: OnnxModel, index: GraphIndex, conv: OnnxNode): "folded" | "reordered" | undefined {
  const weights = convolutionWeights(model, conv);
  const input = conv.inputs[0];
  if (weights === undefined || input === undefined) return undefined;
  const previous = index.producer.get(input);
  const operation = scalarOperation(model, previous);
  if (previous === undefined || operation === undefined || soleConsumer(model, index, input) !== conv) return undefined;
  const { weight, bias } = weights;
  const perChannel = weight.data.length / bias.length;
  if (previous.opType === "Mul") {
    setConvolutionWeights(model, conv, operation.other, { dims: weight.dims, data: weight.data.map((value) => value * operation.value) }, bias);
    removeNodes(model, [previous]);
    return "folded";
  }
  if (!isZeroPadded(conv)) {
    const shifted = bias.map((value, channel) => {
      let sum = 0;
      for (let offset = channel * perChannel; offset < (channel + 1) * perChannel; offset += 1) sum += weight.data[offset] ?? 0;
      return value + operation.value * sum;
    });
    setConvolutionWeights(model, conv, operation.other, weight, shifted);
    removeNodes(model, [previous]);
    return "folded";
  }
  const scaling = index.producer.get(operation.other);
  const scale = scalarOperation(model, scaling);
  if (scaling?.opType !== "Mul" || scale === undefined || scale.value === 0 || soleConsumer(model, index, operation.other) !== previous) {
    return undefined;
  }
  const shiftName = `${previous.name}.reordered_shift.${(foldCounter += 1)}`;
  const shift = { dims: [1], data: Float32Array.of(operation.value / scale.value) };
  model.added.set(shiftName, shift);
  model.constants.set(shiftName, shift);
  previous.inputs = [scale.other, shiftName];
  setConvolutionWeights(model, conv, input, { dims: weight.dims, data: weight.data.map((value) => value * scale.value) }, bias);
  removeNodes(model, [scaling]);
  return "reordered";
}

/** Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6) → Mul(x, HardSigmoid(x; 1/6, 0.5)). */
function rewriteHardSwish(model: OnnxModel, index: GraphIndex, divide: OnnxNode): boolean {
  if (divide.opType !== "Div" || scalar(model, divide.inputs[1]) !== 6) return false;
  const multiply = index.producer.get(divide.inputs[0] ?? "");
  if (multiply?.opType !== "Mul" || multiply.inputs.length !== 2 || soleConsumer(model, index, multiply.outputs[0] ?? "") !== divide) return false;
  for (const [clipInput, x] of [
    [multiply.inputs[1], multiply.inputs[0]],
    [multiply.inputs[0], multiply.inputs[1]],
  ] as const) {
    const clip = index.producer.get(clipInput ?? "");
    if (clip?.opType !== "Clip" || x === undefined || soleConsumer(model, index, clipInput ?? "") !== multiply) continue;
    const low = floatAttribute(clip, "min") ?? scalar(model, clip.inputs[1]);
    const high = floatAttribute(clip, "max") ?? scalar(model, clip.inputs[2]);
    const add = index.producer.get(clip.inputs[0] ?? "");
    const addOperation = scalarOperation(model, add);
    if (low !== 0 || high !== 6 || add?.opType !== "Add" || addOperation?.value !== 3 || addOperation.other !== x) continue;
    if (soleConsumer(model, index, add.outputs[0] ?? "") !== clip) continue;
    const gate = `${divide.name}.hard_sigmoid`;
    const hardSigmoid: OnnxNode = {
      opType: "HardSigmoid",
      name: gate,
      inputs: [x],
      outputs: [gate],
      attributes: [floatAttributeField("alpha", 1 / 6), floatAttributeField("beta", 0.5)],
      rest: [],
    };
    const product: OnnxNode = { opType: "Mul", name: `${divide.name}.hard_swish`, inputs: [x, gate], outputs: [...divide.outputs], attributes: [], rest: [] };
    const position = model.nodes.indexOf(divide);
    model.nodes.splice(position, 1, hardSigmoid, product);
    removeNodes(model, [add, clip, multiply]);
    return true;
  }
  return false;
}

/**
 * Rewrites a PaddleOCR v4 export (PP-LCNetV3 backbone) into an equivalent graph that
 * onnxruntime runs faster. The export spells every "learnable affine block" as a scalar Mul and Add
 * and every hard-swish as four element-wise nodes, each a full pass over a large activation that
 * also breaks onnxruntime's blocked (NCHWc) convolution layout; folded into the convolutions'
 * weights and fused as HardSigmoid, about half of the recogniser's time goes away. Only float
 * rounding changes (outputs agree to ~1e-5); graphs without these patterns pass through unchanged.
 */
export function simplifyPaddleGraph(model: OnnxModel): GraphSimplification {
  foldCounter = 0;
  let foldedIntoConvolutions = 0;
  let hardSwishes = 0;
  let shiftsReordered = 0;
  // Sweeps the nodes until a sweep changes nothing, re-indexing after every change; nodes a change
  // removed are skipped for the rest of the sweep.
  const untilStable = (rewrite: (index: GraphIndex, node: OnnxNode) => boolean): void => {
    for (let changed = true; changed; ) {
      changed = false;
      let index = indexGraph(model);
      let alive = new Set(model.nodes);
      for (const node of [...model.nodes]) {
        if (!alive.has(node) || !rewrite(index, node)) continue;
        changed = true;
        index = indexGraph(model);
        alive = new Set(model.nodes);
      }
    }
  };
  untilStable((index, node) => foldFollowingScalar(model, index, node) && (foldedIntoConvolutions += 1) > 0);
  untilStable((index, node) => rewriteHardSwish(model, index, node) && (hardSwishes += 1) > 0);
  untilStable((index, node) => {
    const result = foldPrecedingScalar(model, index, node);
    if (result === "folded") foldedIntoConvolutions += 1;
    if (result === "reordered") shiftsReordered += 1;
    return result !== undefined;
  });
  // Constants that fed only folded nodes.
  const used = new Set(model.nodes.flatMap((node) => node.inputs));
  model.nodes = model.nodes.filter(
    (node) => node.opType !== "Constant" || node.outputs.some((output) => used.has(output) || model.graphOutputs.has(output)),
  );
  return { foldedIntoConvolutions, hardSwishes, shiftsReordered };
}
