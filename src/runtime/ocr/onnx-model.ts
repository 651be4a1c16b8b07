import {
  bytesField,
  decodeFields,
  encodeFields,
  floatField,
  repeatedVarints,
  textField,
  textValue,
  varintField,
  varintValue,
  type ProtoField,
} from "./protobuf-fields.js";

// Field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto).
const modelGraph = 7;
const graphNode = 1;
const graphInitializer = 5;
const graphOutput = 12;
const nodeInput = 1;
const nodeOutput = 2;
const nodeName = 3;
const nodeOpType = 4;
const nodeAttribute = 5;
const attributeName = 1;
const attributeFloat = 2;
const attributeTensor = 5;
const attributeInts = 8;
const attributeType = 20;
const tensorDims = 1;
const tensorDataType = 2;
const tensorFloatData = 4;
const tensorName = 8;
const tensorRawData = 9;
const floatType = 1;
const valueInfoName = 1;

/** A float32 tensor: a weight, a bias or a scalar constant. */
export interface FloatTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** One graph node; its attributes stay encoded, looked up by name. */
export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  inputs: string[];
  outputs: string[];
  readonly attributes: readonly ProtoField[];
  /** Fields other than inputs, outputs, name, op type and attributes (domain, doc string). */
  readonly rest: readonly ProtoField[];
}

/**
 * An ONNX model opened for graph rewriting: its nodes as objects, its float constants (Constant
 * nodes and initializers) by name, everything else kept as encoded fields.
 */
export interface OnnxModel {
  nodes: OnnxNode[];
  readonly constants: Map<string, FloatTensor>;
  /** Names of the graph's outputs (their producers must stay). */
  readonly graphOutputs: ReadonlySet<string>;
  /** Tensors to add as initializers when encoding. */
  readonly added: Map<string, FloatTensor>;
  readonly modelFields: readonly ProtoField[];
  readonly graphFields: readonly ProtoField[];
}

function decodeFloatTensor(fields: readonly ProtoField[]): (FloatTensor & { name: string }) | undefined {
  const dataType = fields.find((field) => field.number === tensorDataType);
  if (dataType === undefined || varintValue(dataType) !== floatType) return undefined;
  const dims = repeatedVarints(fields, tensorDims);
  const name = fields.find((field) => field.number === tensorName);
  const raw = fields.find((field) => field.number === tensorRawData);
  const count = dims.reduce((product, dim) => product * dim, 1);
  let data: Float32Array;
  if (raw !== undefined) {
    // Copied: the payload may not be 4-byte aligned inside the file's buffer.
    data = new Float32Array(raw.payload.slice().buffer);
  } else {
    const packed = fields.filter((field) => field.number === tensorFloatData);
    const values: number[] = [];
    for (const field of packed) {
      const view = new DataView(field.payload.buffer, field.payload.byteOffset, field.payload.length);
      for (let offset = 0; offset + 4 <= field.payload.length; offset += 4) values.push(view.getFloat32(offset, true));
    }
    data = Float32Array.from(values);
  }
  if (data.length !== count) return undefined;
  return { name: name === undefined ? "" : textValue(name), dims, data };
}

/** The encoded fields of an attribute, by attribute name. */
export function attributeFields(node: OnnxNode, name: string): ProtoField[] | undefined {
  for (const attribute of node.attributes) {
    const fields = decodeFields(attribute.payload);
    const nameField = fields.find((field) => field.number === attributeName);
    if (nameField !== undefined && textValue(nameField) === name) return fields;
  }
  return undefined;
}

/** An integer-list attribute's values. */
export function intsAttribute(node: OnnxNode, name: string): number[] | undefined {
  const fields = attributeFields(node, name);
  return fields === undefined ? undefined : repeatedVarints(fields, attributeInts);
}

/** A float attribute's value. */
export function floatAttribute(node: OnnxNode, name: string): number | undefined {
  const field = attributeFields(node, name)?.find((candidate) => candidate.number === attributeFloat);
  return field === undefined ? undefined : new DataView(field.payload.buffer, field.payload.byteOffset, 4).getFloat32(0, true);
}

/** An encoded float attribute. */
export function floatAttributeField(name: string, value: number): ProtoField {
  return bytesField(nodeAttribute, [textField(attributeName, name), floatField(attributeFloat, value), varintField(attributeType, 1)]);
}

/** Reads an ONNX model file's bytes. Throws `RangeError` when they are not a protobuf message. */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const modelFields = decodeFields(bytes);
  const graph = modelFields.find((field) => field.number === modelGraph);
  if (graph === undefined) throw new RangeError("the file holds no ONNX graph");
  const graphFields = decodeFields(graph.payload);
  const constants = new Map<string, FloatTensor>();
  const nodes: OnnxNode[] = [];
  for (const field of graphFields) {
    if (field.number === graphInitializer) {
      const tensor = decodeFloatTensor(decodeFields(field.payload));
      if (tensor !== undefined) constants.set(tensor.name, tensor);
    }
    if (field.number !== graphNode) continue;
    const fields = decodeFields(field.payload);
    const node: OnnxNode = {
      opType: textValue(fields.find((candidate) => candidate.number === nodeOpType) ?? textField(nodeOpType, "")),
      name: textValue(fields.find((candidate) => candidate.number === nodeName) ?? textField(nodeName, "")),
      inputs: fields.filter((candidate) => candidate.number === nodeInput).map(textValue),
      outputs: fields.filter((candidate) => candidate.number === nodeOutput).map(textValue),
      attributes: fields.filter((candidate) => candidate.number === nodeAttribute),
      rest: fields.filter((candidate) => ![nodeInput, nodeOutput, nodeName, nodeOpType, nodeAttribute].includes(candidate.number)),
    };
    if (node.opType === "Constant" && node.outputs.length === 1) {
      const tensorField = attributeFields(node, "value")?.find((candidate) => candidate.number === attributeTensor);
      const tensor = tensorField === undefined ? undefined : decodeFloatTensor(decodeFields(tensorField.payload));
      if (tensor !== undefined) constants.set(node.outputs[0] ?? "", { dims: tensor.dims, data: tensor.data });
    }
    nodes.push(node);
  }
  const graphOutputs = new Set(
    graphFields
      .filter((field) => field.number === graphOutput)
      .map((field) => textValue(decodeFields(field.payload).find((candidate) => candidate.number === valueInfoName) ?? textField(1, ""))),
  );
  return { nodes, constants, graphOutputs, added: new Map(), modelFields, graphFields };
}

/** Writes the model back to bytes: its current nodes, its kept initializers and the added ones. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const used = new Set(model.nodes.flatMap((node) => node.inputs));
  const nodeFields = model.nodes.map((node) =>
    bytesField(graphNode, [
      ...node.inputs.map((input) => textField(nodeInput, input)),
      ...node.outputs.map((output) => textField(nodeOutput, output)),
      textField(nodeName, node.name),
      textField(nodeOpType, node.opType),
      ...node.attributes,
      ...node.rest,
    ]),
  );
  const otherGraphFields = model.graphFields.filter((field) => {
    if (field.number === graphNode) return false;
    if (field.number !== graphInitializer) return true;
    const name = decodeFields(field.payload).find((candidate) => candidate.number === tensorName);
    return name === undefined || used.has(textValue(name));
  });
  const addedFields = [...model.added]
    .filter(([name]) => used.has(name))
    .map(([name, tensor]) =>
      bytesField(graphInitializer, [
        ...tensor.dims.map((dim) => varintField(tensorDims, dim)),
        varintField(tensorDataType, floatType),
        textField(tensorName, name),
        bytesField(tensorRawData, new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength)),
      ]),
    );
  const graph = encodeFields([...nodeFields, ...otherGraphFields, ...addedFields]);
  return encodeFields(model.modelFields.map((field) => (field.number === modelGraph ? bytesField(modelGraph, graph) : field)));
}
