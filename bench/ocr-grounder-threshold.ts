// Measures the OCR grounder's not-found threshold on a rendered page: hit rate on instructions for
// elements that are there (point inside the element) and not-found rate on labels that are not.
// The thresholds compare a point's confidence (text score × reading confidence), as `minScore` does.
// Usage: nice -n 10 npx tsx bench/ocr-grounder-threshold.ts
import { createOcrGrounder } from "../src/grounders/ocr-grounder.js";
import { decodeImage } from "../src/image/decode-image.js";
import { launchChromium, variedTextPage } from "../test/ocr/dom-text-page.js";

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
await page.setContent(variedTextPage);
await page.evaluate(() => document.fonts.ready);
const elements = await page.evaluate(() =>
  Array.from(document.querySelectorAll("button, .menu span, .tabs span, .side div, th, td, a, label, h1, h2, h3, li, body > div:last-child span")).map((element) => {
    const rect = element.getBoundingClientRect();
    return { kind: element.tagName.toLowerCase(), text: (element.textContent ?? "").trim(), box: [rect.left, rect.top, rect.right, rect.bottom] as const };
  }),
);
const image = await decodeImage(await page.screenshot({ type: "png" }));
await browser.close();

const role: Record<string, string> = { button: "button", a: "link", label: "checkbox", th: "column", span: "menu", div: "item" };
const present: { instruction: string; box: readonly number[] }[] = [];
for (const element of elements) {
  if (element.text === "" || element.text.length > 40) continue;
  present.push({ instruction: element.text, box: element.box });
  present.push({ instruction: `click the ${element.text.toLowerCase()} ${role[element.kind] ?? "text"}`, box: element.box });
}
const absent = [
  "Sign out", "Upload", "Download", "Print", "Refresh", "Archive", "Subscribe", "Log out", "Next page", "Reset",
  "Undo", "Redo", "the Open folder button", "New folder", "Rename", "Copy link", "Send message", "Add to cart",
  "Checkout", "Sort by date", "Dark theme toggle", "Zoom in", "Bold", "Italic", "Underline", "Add attachment",
  "Reply all", "Forward", "Mark as read", "Play", "Pause", "Volume", "Fullscreen", "Language", "Profile picture",
  "Close dialog", "OK", "Discard", "Submit", "Continue", "Skip", "Back", "Home", "Find and replace", "Filter results",
];
const grounder = await createOcrGrounder({ minScore: 0 });
const scored = async (instruction: string) => (await grounder.locate(image, instruction)).points[0];
// One at a time: the first call reads the screen, the others reuse its cached OCR.
const presentResults = [];
for (const item of present) presentResults.push({ item, point: await scored(item.instruction) });
const absentResults = [];
for (const instruction of absent) absentResults.push({ instruction, point: await scored(instruction) });
await grounder.dispose();

console.log(`${present.length} present instructions, ${absent.length} absent`);
console.log("minScore  hit(present)  not-found(absent)  mean");
for (const threshold of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const hits = presentResults.filter(({ item, point }) => {
    if (point === undefined || point.confidence < threshold) return false;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = item.box;
    return point.x >= x1 && point.x <= x2 && point.y >= y1 && point.y <= y2;
  }).length;
  const rejected = absentResults.filter(({ point }) => point === undefined || point.confidence < threshold).length;
  const hitRate = hits / present.length;
  const rejectRate = rejected / absent.length;
  console.log(`${threshold.toFixed(2).padEnd(9)} ${(100 * hitRate).toFixed(1).padStart(6)} %      ${(100 * rejectRate).toFixed(1).padStart(6)} %       ${(50 * (hitRate + rejectRate)).toFixed(1)}`);
}
if (process.env.VERBOSE !== undefined) {
  for (const { instruction, point } of absentResults) console.log(`absent "${instruction}" → ${point?.matchedText} ${point?.confidence.toFixed(2)}`);
}
