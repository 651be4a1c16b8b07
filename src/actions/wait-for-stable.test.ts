import { describe, expect, it } from "vitest";
import { AbortError, InvalidInputError, TimeoutError } from "../core/errors.js";
import { fingerprintBytes, waitUntilStable } from "./wait-for-stable.js";

describe("waitUntilStable", () => {
  it("returns once the fingerprint stops changing, after reading every change", async () => {
    const frames = ["a", "b", "c", "d"];
    let reads = 0;
    await waitUntilStable("screen", async () => frames[Math.min(reads++, frames.length - 1)]!, { quietMs: 60, timeout: 0 });
    // Four distinct frames were read before the last one held still.
    expect(reads).toBeGreaterThan(frames.length);
  });

  it("throws TimeoutError saying what kept changing", async () => {
    let reads = 0;
    const failure = await waitUntilStable("browser page", async () => String(reads++), { quietMs: 1000, timeout: 200 }).catch((error: unknown) => error);
    expect(TimeoutError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/the browser page kept changing for 200 ms/);
  });

  it("honours an aborted signal and rejects bad options", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(waitUntilStable("screen", async () => "x", { signal: controller.signal, quietMs: 50 })).rejects.toSatisfy(AbortError.isInstance);
    await expect(waitUntilStable("screen", async () => "x", { quietMs: -1 })).rejects.toSatisfy(InvalidInputError.isInstance);
  });

  it("fingerprints equal bytes equally and different bytes differently", () => {
    expect(fingerprintBytes(new Uint8Array([1, 2, 3]))).toBe(fingerprintBytes(new Uint8Array([1, 2, 3])));
    expect(fingerprintBytes(new Uint8Array([1, 2, 3]))).not.toBe(fingerprintBytes(new Uint8Array([1, 2, 4])));
  });
});
