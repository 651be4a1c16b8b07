import { describe, expect, it } from "vitest";
import type { LogicalPoint } from "../core/coordinates.js";
import { InvalidInputError } from "../core/errors.js";
import { checkLogicalPoint, resolveClickOptions, splitKeyCombination } from "./validate-input.js";

describe("checkLogicalPoint", () => {
  it("accepts a finite logical point", () => {
    expect(() => checkLogicalPoint("c", "point", { space: "logical", x: 1.5, y: -3 })).not.toThrow();
  });
  it.each([
    [{ x: 1, y: 2 }, /not in logical px.*imageToLogical/],
    [{ space: "device", x: 1, y: 2 }, /space is "device"/],
    [{ space: "logical", x: Number.NaN, y: 2 }, /finite x and y/],
    [undefined, /must be a LogicalPoint/],
  ])("refuses %j", (point, message) => {
    expect(() => checkLogicalPoint("c", "point", point as unknown as LogicalPoint)).toThrow(InvalidInputError);
    expect(() => checkLogicalPoint("c", "point", point as unknown as LogicalPoint)).toThrow(message);
  });
});

describe("resolveClickOptions", () => {
  it("defaults to one left click without modifiers", () => {
    expect(resolveClickOptions("c", {})).toEqual({ button: "left", clickCount: 1, modifiers: [] });
  });
  it.each([
    [{ clickCount: 4 }, /clickCount must be 1, 2 or 3/],
    [{ button: "back" }, /button must be "left", "right" or "middle"/],
    [{ modifiers: ["Ctrl"] }, /modifiers must be among Alt, Control, Meta, Shift/],
  ])("refuses %j", (options, message) => {
    expect(() => resolveClickOptions("c", options as never)).toThrow(message);
  });
});

describe("splitKeyCombination", () => {
  it.each([
    ["Enter", ["Enter"]],
    ["Control+Shift+T", ["Control", "Shift", "T"]],
    ["+", ["+"]],
    ["Control++", ["Control", "+"]],
  ])("%s", (keys, expected) => {
    expect(splitKeyCombination("c", keys)).toEqual(expected);
  });
  it("refuses an empty string", () => {
    expect(() => splitKeyCombination("c", "")).toThrow(/keys must be a key name/);
  });
});
