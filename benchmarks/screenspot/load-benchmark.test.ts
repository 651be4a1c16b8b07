// The loaders must reproduce, exactly, the counts that ../shared/benchmarks/*/SOURCE.md state.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { EvalItem } from "./eval-item.js";
import { findMissingImages, loadBenchmark } from "./load-benchmark.js";

const shared = fileURLToPath(new URL("../../../shared/", import.meta.url));
const benchmarks = `${shared}benchmarks/`;

function countBy(items: readonly EvalItem[], key: (item: EvalItem) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const value = key(item) ?? "(none)";
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}
const size = (item: EvalItem) => (item.imageSize ? `${item.imageSize[0]}x${item.imageSize[1]}` : undefined);
const uiType = (item: EvalItem) => item.uiTypes[0];

describe("ScreenSpot-Pro", () => {
  const loaded = loadBenchmark("screenspot-pro", `${benchmarks}screenspot-pro/annotations`);
  const items = loaded.items;

  it("has 1581 items in 26 files, one screenshot each", () => {
    expect(loaded.files).toHaveLength(26);
    expect(items).toHaveLength(1581);
    expect(new Set(items.map((item) => item.image)).size).toBe(1581);
  });

  it("has the stated group, platform and type counts", () => {
    expect(countBy(items, (item) => item.group)).toEqual({ Creative: 341, Dev: 299, CAD: 261, Scientific: 254, Office: 230, OS: 196 });
    expect(countBy(items, (item) => item.platform)).toEqual({ windows: 927, macos: 604, linux: 50 });
    expect(countBy(items, uiType)).toEqual({ text: 977, icon: 604 });
  });

  it("has the stated group × type and platform × type tables", () => {
    expect(countBy(items, (item) => `${item.group}/${uiType(item)}`)).toEqual({
      "CAD/text": 197, "CAD/icon": 64, "Creative/text": 198, "Creative/icon": 143, "Dev/text": 154, "Dev/icon": 145,
      "OS/text": 107, "OS/icon": 89, "Office/text": 177, "Office/icon": 53, "Scientific/text": 144, "Scientific/icon": 110,
    });
    expect(countBy(items, (item) => `${item.platform}/${uiType(item)}`)).toEqual({
      "windows/text": 548, "windows/icon": 379, "macos/text": 398, "macos/icon": 206, "linux/text": 31, "linux/icon": 19,
    });
    expect(countBy(items, (item) => `${item.group}/${item.platform}`)).toEqual({
      "CAD/windows": 261, "Creative/windows": 297, "Creative/macos": 44, "Dev/windows": 45, "Dev/macos": 254,
      "OS/windows": 81, "OS/macos": 65, "OS/linux": 50, "Office/windows": 82, "Office/macos": 148,
      "Scientific/windows": 161, "Scientific/macos": 93,
    });
  });

  it("has the stated per-application counts and image folders", () => {
    const perApp = countBy(items, (item) => `${item.application}:${uiType(item)}`);
    expect(perApp["vscode:icon"]).toBe(22);
    expect(perApp["vscode:text"]).toBe(33);
    expect(perApp["powerpoint:text"]).toBe(57);
    expect(perApp["stata:icon"]).toBe(41);
    expect(Object.keys(countBy(items, (item) => item.application))).toHaveLength(26);
    const folders = new Set(items.filter((item) => item.application === "powerpoint").map((item) => item.image.split("/")[0]));
    expect([...folders]).toEqual(["ppt_windows"]);
  });

  it("has the stated image sizes", () => {
    expect(countBy(items, size)).toEqual({
      "2560x1440": 514, "3840x2160": 270, "3840x1080": 181, "3456x2234": 161, "2160x1440": 99, "2880x1800": 82,
      "5120x2880": 70, "5120x1440": 61, "3456x2160": 50, "2560x1664": 48, "1920x1080": 19, "6016x3384": 11,
      "2992x1870": 8, "2560x1600": 7,
    });
  });

  it("keeps the box that reaches past the image (inventor_windows_60, y1 = -1)", () => {
    const item = items.find((candidate) => candidate.id === "inventor_windows_60");
    expect(item?.target).toEqual({ kind: "box", x1: 135, y1: -1, x2: 151, y2: 19 });
  });

  it("uses instruction_cn for --language cn", () => {
    const chinese = loadBenchmark("screenspot-pro", `${benchmarks}screenspot-pro/annotations/vscode_macos.json`, { language: "cn" });
    expect(chinese.items[0]?.instruction).toBe("刷新文件资源管理器。");
  });
});

describe("ScreenSpot-v2", () => {
  const variants = {
    "GUI-Actor copy (x1y1x2y2)": `${benchmarks}screenspot-v2`,
    "reconstructed original (xywh)": `${benchmarks}screenspot-v2/reconstructed`,
    "MAI-UI sspro-format": `${benchmarks}screenspot-v2/sspro-format`,
  };
  const loadedVariants = Object.fromEntries(Object.entries(variants).map(([name, path]) => [name, loadBenchmark("screenspot-v2", path)]));

  it.each(Object.keys(variants))("%s: 1272 items, stated split × type and screenshots", (name) => {
    const items = loadedVariants[name]!.items;
    expect(loadedVariants[name]!.files).toHaveLength(3);
    expect(items).toHaveLength(1272);
    expect(countBy(items, (item) => `${item.group}/${uiType(item)}`)).toEqual({
      "desktop/text": 194, "desktop/icon": 140, "mobile/text": 290, "mobile/icon": 211, "web/text": 234, "web/icon": 203,
    });
    const screenshots = (group: string) => new Set(items.filter((item) => item.group === group).map((item) => item.image)).size;
    expect([screenshots("desktop"), screenshots("mobile"), screenshots("web")]).toEqual([231, 248, 251]);
  });

  it.each(["GUI-Actor copy (x1y1x2y2)", "reconstructed original (xywh)"])("%s: data_source × type", (name) => {
    const items = loadedVariants[name]!.items;
    expect(countBy(items, (item) => `${item.group}/${item.platform}/${uiType(item)}`)).toEqual({
      "desktop/windows/text": 96, "desktop/windows/icon": 63, "desktop/macos/text": 84, "desktop/macos/icon": 63,
      "desktop/shop/text": 14, "desktop/shop/icon": 14, "mobile/ios/text": 138, "mobile/ios/icon": 100,
      "mobile/android/text": 120, "mobile/android/icon": 91, "mobile/shop/text": 32, "mobile/shop/icon": 20,
      "web/shop/text": 84, "web/shop/icon": 81, "web/tool/text": 66, "web/tool/icon": 54, "web/forum/text": 40,
      "web/forum/icon": 39, "web/gitlab/text": 44, "web/gitlab/icon": 29,
    });
  });

  it("gives the same boxes, instructions and ids from all three schemas", () => {
    const [first, ...others] = Object.values(loadedVariants).map((loaded) =>
      loaded.items.map((item) => ({ id: item.id, image: item.image, instruction: item.instruction, target: item.target, uiTypes: item.uiTypes })),
    );
    for (const other of others) expect(other).toEqual(first);
  });

  it("keeps the box one pixel past the edge and the web duplicate", () => {
    const items = loadedVariants["reconstructed original (xywh)"]!.items;
    const wide = items.find((item) => item.image === "mobile_02e9bl.png");
    expect(wide?.target).toEqual({ kind: "box", x1: 645, y1: 625, x2: 2361, y2: 1590 });
    const duplicates = items.filter(
      (item) => item.image === "web_e22bd6de-3985-4ccc-a316-eb383a03475f.png" && item.instruction === "open the menu",
    );
    expect(duplicates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(duplicates.map((item) => item.id)).size).toBe(duplicates.length);
  });
});

describe("OSWorld-G", () => {
  const original = loadBenchmark("osworld-g", `${benchmarks}osworld-g/reconstructed/OSWorld-G.json`).items;
  const refined = loadBenchmark("osworld-g", `${benchmarks}osworld-g/reconstructed/OSWorld-G_refined.json`).items;
  const ssproOriginal = loadBenchmark("osworld-g", `${benchmarks}osworld-g/OSWorld-G_sspro_format.json`).items;
  const ssproRefined = loadBenchmark("osworld-g", `${benchmarks}osworld-g/OSWorld-G_refined_sspro_format.json`).items;

  it.each([
    ["reconstructed original", original],
    ["reconstructed refined", refined],
    ["sspro-format original", ssproOriginal],
    ["sspro-format refined", ssproRefined],
  ])("%s: 564 items on 251 screenshots, stated box types and sizes", (_name, items) => {
    expect(items).toHaveLength(564);
    expect(new Set(items.map((item) => item.image)).size).toBe(251);
    expect(countBy(items, (item) => item.target.kind)).toEqual({ box: 470, polygon: 40, refusal: 54 });
    expect(countBy(items, (item) => `${size(item)}/${item.target.kind}`)).toEqual({
      "1920x1080/box": 349, "1920x1080/polygon": 16, "1920x1080/refusal": 30,
      "1280x720/box": 117, "1280x720/polygon": 24, "1280x720/refusal": 24, "1280x800/box": 4,
    });
    expect(new Set(items.filter((item) => item.target.kind === "refusal").map((item) => item.image)).size).toBe(38);
  });

  it("has the stated polygon vertex counts and GUI type labels", () => {
    const vertexCounts = countBy(
      original.filter((item) => item.target.kind === "polygon"),
      (item) => (item.target.kind === "polygon" ? String(item.target.vertices.length / 2) : undefined),
    );
    expect(vertexCounts).toEqual({ 5: 1, 6: 2, 7: 1, 8: 10, 9: 1, 10: 3, 11: 1, 12: 12, 14: 2, 16: 3, 17: 1, 19: 1, 20: 1, 21: 1 });
    const labels: Record<string, number> = {};
    for (const item of original) for (const label of item.uiTypes) labels[label] = (labels[label] ?? 0) + 1;
    expect(Object.keys(labels)).toHaveLength(34);
    expect([labels.Label, labels.Icon, labels.Button, labels["Dropdown Menu"], labels["/"], labels["Menu bar"]]).toEqual([261, 245, 204, 75, 9, 1]);
    expect(countBy(original, (item) => String(item.uiTypes.length))).toEqual({ 1: 106, 2: 309, 3: 142, 4: 7 });
  });

  it("refined set: same ids (suffixed), instruction differs in 507 items", () => {
    expect(refined.map((item) => item.id)).toEqual(original.map((item) => `${item.id}:refined`));
    expect(refined.every((item) => item.group === "refined") && original.every((item) => item.group === "original")).toBe(true);
    expect(original.filter((item, index) => item.instruction !== refined[index]!.instruction)).toHaveLength(507);
  });

  it("repairs the sspro-format polygons into exactly the reconstructed ones; boxes agree bit for bit", () => {
    expect(ssproOriginal.map((item) => item.target)).toEqual(original.map((item) => item.target));
    const polygon = original.find((item) => item.id === "2ENZHM7E2X-0")!.target;
    expect(polygon.kind === "polygon" && polygon.vertices.slice(0, 4)).toEqual([1197.26, 350.44, 1192.98, 357.56]);
  });

  it("loads both instruction sets from a folder", () => {
    const both = loadBenchmark("osworld-g", `${benchmarks}osworld-g/reconstructed`).items;
    expect(countBy(both, (item) => item.group)).toEqual({ original: 564, refined: 564 });
  });
});

describe("our JSONL", () => {
  it.each([
    ["screenspot_v2_subset", 30, 11, { mobile: 16, web: 10, desktop: 4 }],
    ["midscene_eval_fixtures", 44, 7, undefined],
  ])("%s: %i items on %i screenshots, all images present", (folder, total, screenshots, byPlatform) => {
    const root = `${shared}realdev/${folder}/`;
    const items = loadBenchmark("jsonl", `${root}annotations.jsonl`).items;
    expect(items).toHaveLength(total);
    expect(new Set(items.map((item) => item.image)).size).toBe(screenshots);
    if (byPlatform) expect(countBy(items, (item) => item.group)).toEqual(byPlatform);
    expect(findMissingImages(items, root)).toEqual([]);
  });
});

describe("realdev subset against the official ScreenSpot-v2 files", () => {
  it("each of its 30 items is an official item with the same box", () => {
    const official = loadBenchmark("screenspot-v2", `${benchmarks}screenspot-v2/reconstructed`).items;
    const subset = loadBenchmark("jsonl", `${shared}realdev/screenspot_v2_subset/annotations.jsonl`).items;
    for (const item of subset) {
      const match = official.find((candidate) => `images/${candidate.image}` === item.image && candidate.instruction === item.instruction);
      expect(match?.target, item.id).toEqual(item.target);
    }
  });
});

describe("missing images", () => {
  it("are listed once each, not fatal", () => {
    const items = loadBenchmark("screenspot-v2", `${benchmarks}screenspot-v2`).items;
    const missing = findMissingImages(items, `${shared}realdev/screenspot_v2_subset/images`);
    expect(missing).toHaveLength(730 - 11);
    expect(missing).not.toContain("mobile_c71efbd9-cd10-4564-949e-50b3b034328a.png");
  });
});
