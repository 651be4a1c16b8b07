// Accuracy of the OCR engine against the DOM's word boxes for several detector input sizes.
// Usage: nice -n 10 npx tsx bench/ocr-dom-sweep.ts [maxSide ...]
import { OcrEngine } from "../src/runtime/ocr/ocr-engine.js";
import { launchChromium, renderWithDomWords, scoreAgainstDom, variedTextPage } from "../test/ocr/dom-text-page.js";

const sizes = process.argv.slice(2).map(Number);
const browser = await launchChromium();
const { image, words } = await renderWithDomWords(browser, variedTextPage);
await browser.close();
for (const maxSide of sizes.length > 0 ? sizes : [960, 1344, 1920]) {
  const engine = await OcrEngine.create({ detectorMaxSide: maxSide, cacheSize: 0, ...(process.env.PAD ? { wordBoxPadding: Number(process.env.PAD) } : {}) });
  await engine.read(image);
  const result = await engine.read(image);
  const score = scoreAgainstDom(words, result.words);
  const timings = Object.entries(result.timings).map(([stage, ms]) => `${stage} ${ms.toFixed(0)}`).join(", ");
  console.log(
    `maxSide ${maxSide}: IoU≥0.5 ${score.found}/${score.total} (${((100 * score.found) / score.total).toFixed(1)}%), ` +
      `IoU+text ${score.matched}/${score.total} (${((100 * score.matched) / score.total).toFixed(1)}%); ` +
      `${result.lines.length} lines; ms: ${timings}`,
  );
  if (process.env.SHOW_MISSES) {
    for (const miss of score.misses) {
      const b = miss.dom.box;
      console.log(`  miss "${miss.dom.text}" [${b.x1.toFixed(0)},${b.y1.toFixed(0)},${b.x2.toFixed(0)},${b.y2.toFixed(0)}] best "${miss.best?.text}" ${miss.best ? `[${miss.best.box.x1.toFixed(0)},${miss.best.box.y1.toFixed(0)},${miss.best.box.x2.toFixed(0)},${miss.best.box.y2.toFixed(0)}]` : ""} iou ${miss.iou.toFixed(2)}`);
    }
  }
  await engine.dispose();
}
