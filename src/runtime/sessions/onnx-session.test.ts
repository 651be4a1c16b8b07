import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { resolveSessionOptions, type SessionOptions } from "./onnx-session.js";

describe("resolveSessionOptions", () => {
  it.each<[string, SessionOptions, Partial<ReturnType<typeof resolveSessionOptions>>]>([
    // The arena is on unless asked off: without it each call re-faults its large buffers (tools/TRAINING-NANO.md).
    ["defaults", {}, { device: "cpu", intraOpThreads: availableParallelism(), cudaDeviceId: 0, cpuMemoryArena: true }],
    ["arena off on request", { cpuMemoryArena: false }, { cpuMemoryArena: false }],
    ["threads and device kept", { intraOpThreads: 1, device: "cuda", cudaDeviceId: 1 }, { intraOpThreads: 1, device: "cuda", cudaDeviceId: 1 }],
  ])("%s", (_name, options, expected) => {
    expect(resolveSessionOptions(options)).toMatchObject(expected);
  });

  it.each<[string, SessionOptions, RegExp]>([
    ["an unknown device", { device: "tpu" as SessionOptions["device"] }, /device must be "cpu" or "cuda", got "tpu"/],
    ["zero threads", { intraOpThreads: 0 }, /intraOpThreads must be a positive integer, got 0/],
    ["fractional threads", { intraOpThreads: 1.5 }, /intraOpThreads must be a positive integer, got 1.5/],
  ])("rejects %s", (_name, options, message) => {
    expect(() => resolveSessionOptions(options)).toThrow(InvalidInputError);
    expect(() => resolveSessionOptions(options)).toThrow(message);
  });
});
