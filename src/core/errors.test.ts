import { describe, expect, it } from "vitest";
import { GroundpointError, InvalidInputError, TargetNotFoundError, throwIfAborted, AbortError } from "./errors.js";

describe("errors", () => {
  it("recognises its own errors by marker, not by prototype chain", () => {
    const error = new InvalidInputError("maxCrops", "maxCrops must be an integer from 1 to 256, got 0.");
    expect(GroundpointError.isInstance(error)).toBe(true);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(TargetNotFoundError.isInstance(error)).toBe(false);
    expect(GroundpointError.isInstance(new Error("plain"))).toBe(false);
    expect(GroundpointError.isInstance(null)).toBe(false);
    expect(error.parameter).toBe("maxCrops");
  });

  it("throwIfAborted throws AbortError only once aborted", () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(AbortError);
  });
});
