import { chromium, type Browser } from "playwright-core";
import type { Box, RgbImage } from "../../src/core/image.js";
import { decodeImage } from "../../src/image/decode-image.js";

/** A word as the DOM lays it out: its text and the client rect of its characters. */
export interface DomWord {
  readonly text: string;
  readonly box: Box;
}

/** Launches Debian's Chromium headless, as the project's tests do. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * A 1920×1080 page of varied screen text: menu bar, toolbar buttons, a form, links, a table, body
 * text at 11–24 px in sans, serif and monospace fonts, light and dark panels.
 */
export const variedTextPage = `<!doctype html><html><head><style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: Roboto, sans-serif; background: #fff; color: #202124; }
  .menu { display: flex; gap: 22px; padding: 6px 14px; background: #f1f3f4; font-size: 13px; }
  .toolbar { display: flex; gap: 10px; padding: 10px 14px; border-bottom: 1px solid #ddd; }
  button { font: 14px Roboto, sans-serif; padding: 6px 14px; border-radius: 4px; border: 1px solid #bbb; background: #fafafa; }
  button.primary { background: #1a73e8; color: #fff; border-color: #1a73e8; }
  button.danger { background: #d93025; color: #fff; border: none; }
  .columns { display: flex; gap: 28px; padding: 18px 24px; }
  .col { flex: 1; }
  .dark { background: #1e1e1e; color: #e8e8e8; padding: 14px 18px; border-radius: 6px; }
  .dark a { color: #8ab4f8; }
  a { color: #1a0dab; }
  table { border-collapse: collapse; font-size: 13px; }
  td, th { border: 1px solid #ccc; padding: 5px 10px; text-align: left; }
  th { background: #f8f9fa; }
  label { font-size: 14px; }
  input[type=text] { font: 14px Roboto, sans-serif; padding: 4px 8px; width: 220px; }
  .serif { font-family: "Liberation Serif", serif; }
  .mono { font-family: "Liberation Mono", monospace; }
  .noto { font-family: "Noto Sans", sans-serif; }
  .dejavu { font-family: "DejaVu Sans", sans-serif; }
  .muted { color: #5f6368; }
  .tabs { display: flex; gap: 0; font-size: 14px; }
  .tabs span { padding: 8px 16px; border-bottom: 2px solid transparent; }
  .tabs span.active { border-color: #1a73e8; color: #1a73e8; }
  .side { width: 220px; background: #263238; color: #cfd8dc; padding: 12px 0; font-size: 14px; }
  .side div { padding: 7px 18px; }
</style></head><body>
<div class="menu"><span>File</span><span>Edit</span><span>View</span><span>Insert</span><span>Format</span><span>Tools</span><span>Extensions</span><span>Help</span></div>
<div class="toolbar"><button class="primary">Save</button><button>Cancel</button><button>Export PDF</button><button>Share</button><button class="danger">Delete project</button><span style="font-size:12px" class="muted">Last edited 5 minutes ago</span></div>
<div style="display:flex">
<div class="side"><div>Dashboard</div><div>Inbox (12)</div><div>Calendar</div><div>Reports</div><div>Settings</div><div>Billing and payments</div><div>Team members</div></div>
<div style="flex:1">
<div class="tabs"><span class="active">Overview</span><span>Activity</span><span>Permissions</span><span>Advanced options</span></div>
<div class="columns">
<div class="col">
<h1 style="font-size:24px;margin:0 0 10px">Quarterly revenue report</h1>
<p style="font-size:16px;line-height:1.5;margin:0 0 10px">Sales grew by 18 percent compared with the previous quarter, driven by strong demand in Europe and a successful product launch in March.</p>
<p class="serif" style="font-size:18px;margin:0 0 10px">The board will review the forecast on Thursday morning.</p>
<p class="mono" style="font-size:13px;margin:0 0 10px">npm install groundpoint --save</p>
<p class="noto" style="font-size:11px;margin:0 0 10px" >Terms apply. Prices include sales tax where required by law.</p>
<p style="font-size:14px;margin:0 0 12px">Read the <a href="#">privacy policy</a> or <a href="#">contact support</a> for help.</p>
<form style="display:grid;grid-template-columns:120px 240px;gap:10px;align-items:center">
<label>Email address</label><input type="text" value="jane.doe@example.com">
<label>Full name</label><input type="text" value="Jane Doe">
<label><input type="checkbox"> Remember me</label><span class="muted" style="font-size:12px">Forgot password?</span>
</form>
</div>
<div class="col">
<table><tr><th>Region</th><th>Orders</th><th>Revenue</th><th>Status</th></tr>
<tr><td>Europe</td><td>1,204</td><td>$48,210</td><td>Shipped</td></tr>
<tr><td>North America</td><td>987</td><td>$39,875</td><td>Pending</td></tr>
<tr><td>Asia Pacific</td><td>652</td><td>$21,330</td><td>Delivered</td></tr>
<tr><td>South America</td><td>301</td><td>$9,940</td><td>Cancelled</td></tr></table>
<p class="dejavu" style="font-size:15px;margin:14px 0">Notifications are sent every Monday.</p>
<div class="dark"><h3 style="margin:0 0 8px;font-size:20px">Dark mode panel</h3>
<p style="font-size:14px;margin:0 0 8px">Enable automatic backups to keep your files safe.</p>
<p style="font-size:12px;margin:0"><a href="#">Learn more</a> about storage limits and pricing.</p>
<div style="margin-top:10px;display:flex;gap:10px"><button class="primary">Enable backups</button><button style="background:#333;color:#eee;border-color:#555">Not now</button></div></div>
</div>
<div class="col">
<h2 class="serif" style="font-size:22px;margin:0 0 8px">Recent activity</h2>
<ul style="font-size:14px;padding-left:18px;margin:0 0 10px;line-height:1.7"><li>Maria uploaded budget.xlsx</li><li>Tom commented on the design review</li><li>Invoice 2041 was paid</li><li>New login from Berlin, Germany</li></ul>
<p class="noto" style="font-size:20px;margin:0 0 8px">Storage used: 7.4 GB of 15 GB</p>
<p style="font-size:12px;color:#777;margin:0 0 8px">Version 3.2.1 · Updated yesterday</p>
<div style="background:#e8f0fe;padding:10px;font-size:13px;border-radius:4px">Tip: press Ctrl+K to search commands.</div>
</div></div></div></div>
<div style="position:absolute;bottom:0;left:0;right:0;background:#202124;color:#bdc1c6;font-size:12px;padding:8px 16px;display:flex;gap:24px"><span>Privacy</span><span>Terms</span><span>Accessibility</span><span>Cookies</span><span>© 2026 Example Inc.</span></div>
</body></html>`;

/**
 * Renders `html` at 1920×1080 and returns the screenshot and the DOM's word boxes: every
 * whitespace-separated token of every visible text node, from `Range.getClientRects` (tokens that
 * wrap across lines are left out). Input values are not text nodes and are not included.
 */
export async function renderWithDomWords(browser: Browser, html: string): Promise<{ image: RgbImage; words: DomWord[] }> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    const words = await page.evaluate(() => {
      const found: { text: string; box: { x1: number; y1: number; x2: number; y2: number } }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = range.getClientRects();
          const rect = rects[0];
          if (rects.length !== 1 || rect === undefined || rect.width < 1 || rect.height < 1) continue;
          found.push({ text: match[0], box: { x1: rect.left, y1: rect.top, x2: rect.right - 1, y2: rect.bottom - 1 } });
        }
      }
      return found;
    });
    const image = await decodeImage(await page.screenshot({ type: "png" }));
    return { image, words };
  } finally {
    await page.close();
  }
}

/** Intersection over union of two edges-included boxes. */
export function intersectionOverUnion(a: Box, b: Box): number {
  const width = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + 1;
  const height = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 1;
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  const area = (box: Box): number => (box.x2 - box.x1 + 1) * (box.y2 - box.y1 + 1);
  return intersection / (area(a) + area(b) - intersection);
}

/** Score of OCR words against DOM words: found = best IoU ≥ 0.5; matched = found and same text. */
export function scoreAgainstDom(
  domWords: readonly DomWord[],
  ocrWords: readonly { text: string; box: Box }[],
): { found: number; matched: number; total: number; misses: { dom: DomWord; best?: { text: string; box: Box }; iou: number }[] } {
  let found = 0;
  let matched = 0;
  const misses: { dom: DomWord; best?: { text: string; box: Box }; iou: number }[] = [];
  const normalize = (text: string): string => text.normalize("NFKC").toLowerCase();
  for (const dom of domWords) {
    let best: { text: string; box: Box } | undefined;
    let bestIou = 0;
    for (const word of ocrWords) {
      const iou = intersectionOverUnion(dom.box, word.box);
      if (iou > bestIou) {
        bestIou = iou;
        best = word;
      }
    }
    const isFound = bestIou >= 0.5;
    const isMatched = isFound && best !== undefined && normalize(best.text) === normalize(dom.text);
    if (isFound) found += 1;
    if (isMatched) matched += 1;
    else misses.push({ dom, best, iou: bestIou });
  }
  return { found, matched, total: domWords.length, misses };
}
