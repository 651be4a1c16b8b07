/**
 * Renders one {@link ScreenSpec} in Chromium and turns it into a training record: the screenshot,
 * the visible elements with image-px boxes and instructions, and the negatives.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { buildInstructions, type AnnotatedElement } from "./instructions.js";
import { MEASURE_SCRIPT, toImageBox, type PageMeasurement } from "./measure-page.js";
import { buildNegatives, pageVocabulary, type Negative } from "./negatives.js";
import type { ScreenSpec } from "./screen-spec.js";

/** One annotated element of a record. Boxes are `[x1, y1, x2, y2]` in image px (x2, y2 exclusive). */
export interface ElementRecord {
  box: [number, number, number, number];
  role: string;
  text: string;
  label?: string;
  icon?: string;
  function?: string;
  instructions: string[];
}

/** One line of a shard's JSONL. */
export interface ScreenRecord {
  id: string;
  /** Image path relative to the dataset folder. */
  image: string;
  width: number;
  height: number;
  dpr: number;
  /** CSS px. */
  viewport: [number, number];
  family: string;
  kind: string;
  theme: { name: string; dark: boolean; font: string; fontSize: number; iconSet: string };
  elements: ElementRecord[];
  negatives: string[];
  /** Present with `--train-res`: the image stretched to the Molmo2 canvas of `maxCrops`. */
  train?: { image: string; width: number; height: number; maxCrops: number };
}

/** Options of {@link renderScreen}. */
export interface RenderOptions {
  /** Image format. Default "jpeg" (encoded by Chromium); "webp" and "png" re-encode with sharp. */
  format?: "jpeg" | "webp" | "png";
  /** JPEG/WebP quality. Default 90. */
  quality?: number;
  /** Instructions per element. Default 5. */
  instructionsPerElement?: number;
  /** Negatives per screen. Default 8. */
  negatives?: number;
  /** Give up on one screen after this many ms. Default 30000. */
  timeout?: number;
}

/** A rendered screen: its record (image paths still to be set) and its encoded image. */
export interface RenderedScreen {
  readonly record: ScreenRecord;
  readonly image: Buffer;
  /** Everything readable on the page, for tests and analysis. */
  readonly pageText: string;
  readonly negatives: readonly Negative[];
  /** Elements the generator emitted, visible or not. */
  readonly emitted: number;
  /** For each record element, its `data-gp` index in the page (for tests). */
  readonly elementIndices: readonly number[];
}

/**
 * Pages of one rendering slot, one per device scale factor. Creating a browser context costs
 * seconds on a busy machine (a new renderer process), so a slot keeps one page per scale factor
 * and only changes its viewport; `setContent` replaces the whole document each time.
 */
export class PageSlot {
  private readonly pages = new Map<number, { context: BrowserContext; page: Page }>();

  constructor(private readonly browser: Browser) {}

  /** A page with this scale factor and viewport (CSS px). */
  async page(deviceScaleFactor: number, viewport: { width: number; height: number }): Promise<Page> {
    let entry = this.pages.get(deviceScaleFactor);
    if (!entry) {
      const context = await this.browser.newContext({ viewport, deviceScaleFactor });
      entry = { context, page: await context.newPage() };
      this.pages.set(deviceScaleFactor, entry);
    } else {
      await entry.page.setViewportSize(viewport);
    }
    return entry.page;
  }

  /** Closes every context of the slot. */
  async close(): Promise<void> {
    await Promise.all([...this.pages.values()].map((entry) => entry.context.close().catch(() => undefined)));
    this.pages.clear();
  }
}

/** Renders `spec` on a page of `slot` (its own viewport and scale factor). */
export async function renderScreen(slot: PageSlot, spec: ScreenSpec, options: RenderOptions = {}): Promise<RenderedScreen> {
  const format = options.format ?? "jpeg";
  const quality = options.quality ?? 90;
  const timeout = options.timeout ?? 30_000;
  const page = await slot.page(spec.deviceScaleFactor, spec.viewport);
  page.setDefaultTimeout(timeout);
  await page.setContent(spec.html, { waitUntil: "load", timeout });
  await page.evaluate("document.fonts.ready.then(() => true)");
  const measurement = (await page.evaluate(MEASURE_SCRIPT)) as PageMeasurement;
  const shot = await page.screenshot(format === "jpeg" ? { type: "jpeg", quality, timeout } : { type: "png", timeout });
  const image = format === "webp" ? await sharp(shot).webp({ quality }).toBuffer() : shot;
  const { width = 0, height = 0 } = await sharp(shot).metadata();
  const scale = measurement.devicePixelRatio;
  const visible: AnnotatedElement[] = [];
  for (const measured of measurement.boxes) {
    const elementSpec = spec.elements[measured.index];
    if (!measured.visible || !elementSpec) continue;
    const box = toImageBox(measured.box, scale, width, height);
    if (box[2] - box[0] >= 2 && box[3] - box[1] >= 2) visible.push({ spec: elementSpec, box });
  }
  const touch = spec.family.kind === "mobile";
  const instructions = buildInstructions(visible, width, height, spec.random.fork("instructions"), { perElement: options.instructionsPerElement ?? 5, touch });
  const elements: ElementRecord[] = [];
  const elementIndices: number[] = [];
  visible.forEach((element, index) => {
    const texts = instructions[index] ?? [];
    if (texts.length === 0) return;
    const record: ElementRecord = { box: [...element.box], role: element.spec.role, text: element.spec.text, instructions: texts };
    if (element.spec.label) record.label = element.spec.label;
    if (element.spec.icon) record.icon = element.spec.icon.key;
    if (element.spec.action) record.function = element.spec.action;
    elements.push(record);
    elementIndices.push(element.spec.index);
  });
  const vocabulary = pageVocabulary(measurement.text, spec.iconNames, spec.elements);
  const negatives = buildNegatives(vocabulary, spec.random.fork("negatives"), options.negatives ?? 8, { touch });
  const record: ScreenRecord = {
    id: spec.id,
    image: "",
    width,
    height,
    dpr: spec.deviceScaleFactor,
    viewport: [spec.viewport.width, spec.viewport.height],
    family: spec.family.name,
    kind: spec.family.kind,
    theme: { name: spec.theme.name, dark: spec.theme.dark, font: spec.theme.fontFamily.split(",")[0]?.replace(/"/g, "") ?? "", fontSize: spec.theme.fontSize, iconSet: spec.theme.iconSet },
    elements,
    negatives: negatives.map((negative) => negative.instruction),
  };
  return { record, image, pageText: vocabulary.text, negatives, emitted: spec.elements.length, elementIndices };
}
