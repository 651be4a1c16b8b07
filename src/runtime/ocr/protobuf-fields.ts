/**
 * The protobuf wire format at field level: enough to read and rewrite ONNX files without a protobuf
 * library. A message is a list of fields in file order; each keeps its payload bytes as read, so an
 * unchanged message encodes back to the same bytes.
 */

/** Wire types of the protobuf encoding that ONNX files use (groups, 3 and 4, are not used). */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** One field of a message: its number, wire type and payload (a varint's bytes, or the content). */
export interface ProtoField {
  readonly number: number;
  readonly wireType: number;
  readonly payload: Uint8Array;
}

/** Reads a varint at `offset`; returns its value (as an unsigned 64-bit bigint) and the next offset. */
function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  let position = offset;
  for (;;) {
    if (position >= bytes.length) throw new RangeError(`truncated varint at byte ${offset}`);
    const byte = bytes[position] ?? 0;
    position += 1;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: position };
    shift += 7n;
    if (shift > 63n) throw new RangeError(`varint longer than 10 bytes at byte ${offset}`);
  }
}

/** Encodes a value as a varint; negative numbers as 64-bit two's complement, as protobuf's int64. */
export function encodeVarint(value: bigint | number): Uint8Array {
  let remaining = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(remaining & 0x7fn);
    remaining >>= 7n;
    bytes.push(remaining === 0n ? low : low | 0x80);
  } while (remaining !== 0n);
  return Uint8Array.from(bytes);
}

/** Splits a message into its fields, in file order. */
export function decodeFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = readVarint(bytes, offset);
    const number = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    offset = tag.next;
    let end: number;
    if (wireType === WireType.varint) {
      end = readVarint(bytes, offset).next;
    } else if (wireType === WireType.lengthDelimited) {
      const length = readVarint(bytes, offset);
      offset = length.next;
      end = offset + Number(length.value);
    } else if (wireType === WireType.fixed64) {
      end = offset + 8;
    } else if (wireType === WireType.fixed32) {
      end = offset + 4;
    } else {
      throw new RangeError(`unsupported protobuf wire type ${wireType} (field ${number})`);
    }
    if (end > bytes.length) throw new RangeError(`field ${number} runs past the end of its message`);
    fields.push({ number, wireType, payload: bytes.subarray(offset, end) });
    offset = end;
  }
  return fields;
}

/** Bytes a varint of this non-negative safe integer takes. */
function varintLength(value: number): number {
  let length = 1;
  for (let remaining = value; remaining >= 0x80; remaining = Math.floor(remaining / 0x80)) length += 1;
  return length;
}

/** Writes a non-negative safe integer as a varint at `offset`; returns the next offset. */
function writeVarint(out: Uint8Array, offset: number, value: number): number {
  let position = offset;
  let remaining = value;
  while (remaining >= 0x80) {
    out[position++] = (remaining % 0x80) | 0x80;
    remaining = Math.floor(remaining / 0x80);
  }
  out[position++] = remaining;
  return position;
}

/** Joins fields back into a message (sized first, written into one buffer: models are megabytes). */
export function encodeFields(fields: readonly ProtoField[]): Uint8Array {
  let length = 0;
  for (const field of fields) {
    length += varintLength(field.number * 8 + field.wireType) + field.payload.length;
    if (field.wireType === WireType.lengthDelimited) length += varintLength(field.payload.length);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const field of fields) {
    offset = writeVarint(out, offset, field.number * 8 + field.wireType);
    if (field.wireType === WireType.lengthDelimited) offset = writeVarint(out, offset, field.payload.length);
    out.set(field.payload, offset);
    offset += field.payload.length;
  }
  return out;
}

/** A varint field's value as a signed 64-bit integer, in a number (ONNX's enums, dims, ints). */
export function varintValue(field: ProtoField): number {
  return Number(BigInt.asIntN(64, readVarint(field.payload, 0).value));
}

/** All integer values of a repeated int64 field, packed or not. */
export function repeatedVarints(fields: readonly ProtoField[], number: number): number[] {
  const values: number[] = [];
  for (const field of fields) {
    if (field.number !== number) continue;
    if (field.wireType === WireType.varint) {
      values.push(varintValue(field));
      continue;
    }
    let offset = 0;
    while (offset < field.payload.length) {
      const read = readVarint(field.payload, offset);
      values.push(Number(BigInt.asIntN(64, read.value)));
      offset = read.next;
    }
  }
  return values;
}

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** A length-delimited field's content as UTF-8 text. */
export function textValue(field: ProtoField): string {
  return textDecoder.decode(field.payload);
}

/** Builds a varint field. */
export function varintField(number: number, value: number): ProtoField {
  return { number, wireType: WireType.varint, payload: encodeVarint(value) };
}

/** Builds a length-delimited field holding text. */
export function textField(number: number, text: string): ProtoField {
  return { number, wireType: WireType.lengthDelimited, payload: textEncoder.encode(text) };
}

/** Builds a length-delimited field holding bytes or a nested message's fields. */
export function bytesField(number: number, content: Uint8Array | readonly ProtoField[]): ProtoField {
  return { number, wireType: WireType.lengthDelimited, payload: content instanceof Uint8Array ? content : encodeFields(content) };
}

/** Builds a 32-bit float field. */
export function floatField(number: number, value: number): ProtoField {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setFloat32(0, value, true);
  return { number, wireType: WireType.fixed32, payload };
}

/** A fixed32 field's value as a 32-bit float. */
export function floatValue(field: ProtoField): number {
  return new DataView(field.payload.buffer, field.payload.byteOffset, 4).getFloat32(0, true);
}
