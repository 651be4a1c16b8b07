/**
 * An HTML gallery of misses: for each wrong item, a scaled JPEG of the screenshot and a zoomed crop
 * around the target, with the target (green box or polygon) and the predicted point (red) drawn.
 * Bounded: at most `maxItems` misses, thumbnails at most 720 px wide, crops at most 360 px.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import type { EvalTarget } from "./eval-item.js";
import type { ScoredItem } from "./summarize.js";

/** Options of {@link writeMissGallery}. */
export interface MissGalleryOptions {
  /** Folder to write `index.html` and the JPEGs into. */
  folder: string;
  imagesRoot: string;
  /** Most misses shown (the first ones in annotation order). Default 100. */
  maxItems?: number;
  /** Thumbnail width limit in px. Default 720. */
  thumbnailWidth?: number;
}

interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

function targetBounds(target: EvalTarget): Region | undefined {
  if (target.kind === "refusal") return undefined;
  const xs = target.kind === "box" ? [target.x1, target.x2] : target.vertices.filter((_, index) => index % 2 === 0);
  const ys = target.kind === "box" ? [target.y1, target.y2] : target.vertices.filter((_, index) => index % 2 === 1);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

/** SVG drawing the target and the point, mapping image px through `region` and `scale`. */
function overlay(entry: ScoredItem, region: Region, scale: number, width: number, height: number): string {
  const map = (x: number, y: number) => `${((x - region.left) * scale).toFixed(1)},${((y - region.top) * scale).toFixed(1)}`;
  const stroke = Math.max(2, Math.round(width / 320));
  const shapes: string[] = [];
  const target = entry.item.target;
  if (target.kind === "box") {
    const points = [map(target.x1, target.y1), map(target.x2, target.y1), map(target.x2, target.y2), map(target.x1, target.y2)];
    shapes.push(`<polygon points="${points.join(" ")}" fill="rgba(0,200,0,0.15)" stroke="#00c800" stroke-width="${stroke}"/>`);
  } else if (target.kind === "polygon") {
    const points: string[] = [];
    for (let index = 0; index + 1 < target.vertices.length; index += 2) points.push(map(target.vertices[index]!, target.vertices[index + 1]!));
    shapes.push(`<polygon points="${points.join(" ")}" fill="rgba(0,200,0,0.15)" stroke="#00c800" stroke-width="${stroke}"/>`);
  }
  const point = entry.prediction.points[0];
  if (point) {
    const [x, y] = map(point.x, point.y).split(",").map(Number) as [number, number];
    const radius = stroke * 4;
    shapes.push(
      `<circle cx="${x}" cy="${y}" r="${radius}" fill="none" stroke="#ff2020" stroke-width="${stroke}"/>`,
      `<line x1="${x - radius * 1.6}" y1="${y}" x2="${x + radius * 1.6}" y2="${y}" stroke="#ff2020" stroke-width="${stroke}"/>`,
      `<line x1="${x}" y1="${y - radius * 1.6}" x2="${x}" y2="${y + radius * 1.6}" stroke="#ff2020" stroke-width="${stroke}"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join("")}</svg>`;
}

/** The zoom region: target and point, padded, at least 240 px, clamped to the image. */
function zoomRegion(entry: ScoredItem, imageWidth: number, imageHeight: number): Region {
  const bounds = targetBounds(entry.item.target);
  const point = entry.prediction.points[0];
  const xs = [...(bounds ? [bounds.left, bounds.left + bounds.width] : []), ...(point ? [point.x] : [])];
  const ys = [...(bounds ? [bounds.top, bounds.top + bounds.height] : []), ...(point ? [point.y] : [])];
  if (xs.length === 0) return { left: 0, top: 0, width: imageWidth, height: imageHeight };
  const side = Math.max(240, Math.max(...xs) - Math.min(...xs) + 80, Math.max(...ys) - Math.min(...ys) + 80);
  const centreX = (Math.max(...xs) + Math.min(...xs)) / 2;
  const centreY = (Math.max(...ys) + Math.min(...ys)) / 2;
  const width = Math.min(imageWidth, Math.round(side));
  const height = Math.min(imageHeight, Math.round(side));
  const left = Math.round(Math.min(Math.max(0, centreX - width / 2), imageWidth - width));
  const top = Math.round(Math.min(Math.max(0, centreY - height / 2), imageHeight - height));
  return { left, top, width, height };
}

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function render(pixels: { data: Buffer; width: number; height: number }, region: Region, maxWidth: number, entry: ScoredItem, file: string): Promise<void> {
  const scale = Math.min(1, maxWidth / region.width) * (region.width < maxWidth / 2 ? 2 : 1);
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .extract(region)
    .resize(width, height, { kernel: "lanczos3" })
    .composite([{ input: Buffer.from(overlay(entry, region, width / region.width, width, height)), top: 0, left: 0 }])
    .jpeg({ quality: 72 })
    .toFile(file);
}

/** Writes the gallery; returns the number of misses drawn. Missing or unreadable screenshots are skipped. */
export async function writeMissGallery(scored: readonly ScoredItem[], options: MissGalleryOptions): Promise<number> {
  const maxItems = options.maxItems ?? 100;
  const thumbnailWidth = options.thumbnailWidth ?? 720;
  const misses = scored.filter((entry) => !entry.correct).slice(0, maxItems);
  mkdirSync(options.folder, { recursive: true });
  const cards: string[] = [];
  let cached: { image: string; pixels: { data: Buffer; width: number; height: number } } | undefined;
  for (const [index, entry] of misses.entries()) {
    try {
      if (cached?.image !== entry.item.image) {
        const { data, info } = await sharp(join(options.imagesRoot, entry.item.image)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        cached = { image: entry.item.image, pixels: { data, width: info.width, height: info.height } };
      }
    } catch {
      continue;
    }
    const { pixels } = cached;
    const base = `miss-${String(index).padStart(4, "0")}`;
    await render(pixels, { left: 0, top: 0, width: pixels.width, height: pixels.height }, thumbnailWidth, entry, join(options.folder, `${base}-full.jpg`));
    await render(pixels, zoomRegion(entry, pixels.width, pixels.height), 360, entry, join(options.folder, `${base}-zoom.jpg`));
    const point = entry.prediction.points[0];
    const said = entry.prediction.error
      ? `error: ${entry.prediction.error}`
      : point
        ? `clicked (${point.x.toFixed(1)}, ${point.y.toFixed(1)})`
        : "declined (no point)";
    cards.push(
      `<figure><figcaption><b>${html(entry.item.id)}</b> · ${html(entry.outcome)} · ${html(said)}<br>` +
        `“${html(entry.item.instruction)}”<br><small>${html(entry.item.image)} · ${entry.imageSize[0]}×${entry.imageSize[1]} · target ${html(entry.item.target.kind)}</small></figcaption>` +
        `<a href="${base}-full.jpg"><img src="${base}-full.jpg" loading="lazy"></a><img src="${base}-zoom.jpg" loading="lazy"></figure>`,
    );
  }
  const total = scored.filter((entry) => !entry.correct).length;
  writeFileSync(
    join(options.folder, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>Misses</title>` +
      `<style>body{font:14px system-ui;margin:16px}figure{display:inline-block;vertical-align:top;margin:8px;padding:8px;border:1px solid #ccc;max-width:1110px}` +
      `img{max-width:720px;margin-right:8px;vertical-align:top}</style>` +
      `<h1>Misses: ${cards.length} shown of ${total}</h1><p>Green: the target. Red: the predicted point.</p>${cards.join("\n")}`,
  );
  return cards.length;
}
