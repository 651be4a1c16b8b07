import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/agent.js";
import type { Grounder } from "../../src/core/grounder.js";
import { MemoryDevice } from "../../src/testing/memory-device.js";

/**
 * A grounder that sees the real pixels (the device's colour finder) but, like a model with a fixed
 * crop budget, is coarse on large images: it snaps its answer to a 48-px grid there.
 */
function coarseOnLargeImages(device: MemoryDevice): Grounder & { sizes: string[] } {
  const exact = device.grounder();
  const sizes: string[] = [];
  return {
    name: "coarse",
    sizes,
    async locate(image, instruction, options) {
      sizes.push(`${image.width}x${image.height}`);
      const answer = await exact.locate(image, instruction, options);
      if (image.width <= 1600) return answer;
      return { ...answer, points: answer.points.map((point) => ({ ...point, x: Math.round(point.x / 48) * 48, y: Math.round(point.y / 48) * 48 })) };
    },
  };
}

describe("zoom refine", () => {
  const elements = () => [{ label: "Tiny icon", x: 1811, y: 1003, width: 14, height: 14 }];

  it("locates again in a crop around the first point and maps the refined point back", async () => {
    const device = new MemoryDevice({ width: 2560, height: 1440, elements: elements() });
    const grounder = coarseOnLargeImages(device);
    const agent = new Agent(device, { grounder });
    const plain = await agent.locate("Tiny icon");
    expect(Math.abs(plain.point!.image.x - 1817.5)).toBeGreaterThan(5);
    const refined = await agent.locate("Tiny icon", { zoomRefine: true });
    expect(grounder.sizes).toEqual(["2560x1440", "2560x1440", "768x768"]);
    expect(refined.point!.image.x).toBeCloseTo(1817.5, 0);
    expect(refined.point!.image.y).toBeCloseTo(1009.5, 0);
    expect(refined.refineCrop).toEqual({ x1: 1440, y1: 624, x2: 2207, y2: 1391 });
    expect(refined.timings.refine).toBeGreaterThanOrEqual(0);
  });

  it("enlarges the crop when asked, skips small screens, and keeps the first point when the crop misses", async () => {
    const device = new MemoryDevice({ width: 2560, height: 1440, elements: elements() });
    const grounder = coarseOnLargeImages(device);
    const agent = new Agent(device, { grounder, zoomRefine: { cropSize: 256, upscale: 2 } });
    const upscaled = await agent.locate("Tiny icon");
    expect(grounder.sizes.at(-1)).toBe("512x512");
    // Bilinear enlargement blurs the colour edges; the centroid of the exact colour stays within a pixel.
    expect(Math.abs(upscaled.point!.image.x - 1817.5)).toBeLessThan(1.5);

    const small = new MemoryDevice({ width: 1280, height: 800, elements: [{ label: "Tiny icon", x: 600, y: 400, width: 14, height: 14 }] });
    const smallGrounder = coarseOnLargeImages(small);
    const result = await new Agent(small, { grounder: smallGrounder, zoomRefine: true }).locate("Tiny icon");
    expect(smallGrounder.sizes).toEqual(["1280x800"]);
    expect(result.refineCrop).toBeUndefined();

    // The icon is outside the crop the first (wrong) answer leads to: the first point stands.
    const far = new MemoryDevice({ width: 2560, height: 1440, elements: elements() });
    const misled: Grounder = {
      name: "misled",
      async locate(image, instruction, options) {
        if (image.width > 1600) return { points: [{ x: 200, y: 200, confidence: 0.4 }], notFound: false, timings: {} };
        return far.grounder().locate(image, instruction, options);
      },
    };
    const kept = await new Agent(far, { grounder: misled, zoomRefine: true }).locate("Tiny icon");
    expect(kept.point?.image).toEqual({ x: 200, y: 200 });
    expect(kept.refineCrop).toEqual({ x1: 0, y1: 0, x2: 767, y2: 767 });
  });
});
