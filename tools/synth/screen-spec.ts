/**
 * One screen to render, derived only from (seed, index): family, viewport, scale factor, theme and
 * HTML. Nothing here touches the browser, so the same seed gives the same pages anywhere.
 */
import type { Family } from "./families/index.js";
import { cookieBanner, osTaskbar } from "./families/overlays.js";
import { PageBuilder, type ElementSpec } from "./page-builder.js";
import { Random } from "./prng.js";
import { htmlDocument } from "./stylesheet.js";
import { randomTheme, type Theme } from "./theme.js";

/** Largest screenshot we produce, device px. */
export const MAX_IMAGE = { width: 3840, height: 2400 } as const;

/** Everything needed to render and annotate one screen. */
export interface ScreenSpec {
  readonly index: number;
  /** `s<seed>-<index>`: unique within a seed. */
  readonly id: string;
  readonly family: Family;
  /** CSS px. */
  readonly viewport: { readonly width: number; readonly height: number };
  readonly deviceScaleFactor: number;
  readonly theme: Theme;
  readonly html: string;
  readonly elements: readonly ElementSpec[];
  /** Lower-case names of every icon drawn on the page (decorative ones included). */
  readonly iconNames: ReadonlySet<string>;
  /** The screen's random stream for annotation choices (instructions, negatives). */
  readonly random: Random;
}

const VIEWPORTS: Record<Family["kind"], readonly (readonly [number, number])[]> = {
  web: [[800, 600], [1024, 768], [1280, 720], [1280, 800], [1366, 768], [1440, 900], [1536, 864], [1600, 900], [1920, 1080], [1920, 1200], [2560, 1440]],
  desktop: [[1024, 768], [1280, 800], [1366, 768], [1440, 900], [1680, 1050], [1920, 1080], [2560, 1440], [3840, 2160]],
  pro: [[1280, 800], [1440, 900], [1680, 1050], [1920, 1080], [2560, 1440], [2560, 1600], [3840, 2160]],
  mobile: [[360, 640], [360, 780], [375, 812], [390, 844], [412, 915], [430, 932]],
};
const SCALES: Record<Family["kind"], readonly (readonly [number, number])[]> = {
  web: [[1, 5], [1.25, 1], [1.5, 1.5], [2, 1.5]],
  desktop: [[1, 5], [1.25, 1], [1.5, 1], [2, 1.5]],
  pro: [[1, 6], [1.25, 1], [1.5, 1], [2, 1]],
  mobile: [[1.5, 1], [2, 4]],
};

/** Picks a viewport and a scale factor for `kind`, keeping the image within {@link MAX_IMAGE}. */
export function chooseViewport(random: Random, kind: Family["kind"]): { viewport: { width: number; height: number }; deviceScaleFactor: number } {
  const [width, height] = random.pick(VIEWPORTS[kind]);
  const fitting = SCALES[kind].filter(([scale]) => width * scale <= MAX_IMAGE.width && height * scale <= MAX_IMAGE.height);
  const deviceScaleFactor = fitting.length > 0 ? random.weighted(fitting) : 1;
  return { viewport: { width, height }, deviceScaleFactor };
}

/** Options of {@link buildScreenSpec}. */
export interface ScreenSpecOptions {
  /** Use this viewport (CSS px) instead of the seeded one (small renders for tests). Default: seeded. */
  viewport?: { width: number; height: number };
  /** Use this scale factor instead of the seeded one. Default: seeded. */
  deviceScaleFactor?: number;
}

/** Builds screen `index` of the dataset drawn with `seed` from `families` (round-robin). */
export function buildScreenSpec(seed: number, index: number, families: readonly Family[], options: ScreenSpecOptions = {}): ScreenSpec {
  const family = families[index % families.length];
  if (!family) throw new Error("synth: no families to draw from.");
  const random = Random.forScreen(seed, index);
  const layout = random.fork("layout");
  const theme = randomTheme(random.fork("theme"), family.kind, { serif: family.serif });
  const builder = new PageBuilder(random.fork("content"), theme);
  let body = family.build(builder);
  const extras = random.fork("extras");
  if (family.kind === "web" && extras.chance(0.15)) body += cookieBanner(builder);
  if ((family.kind === "desktop" || family.kind === "pro") && extras.chance(0.35)) {
    const taskbar = osTaskbar(builder);
    body = `<div style="height:100vh;display:flex;flex-direction:column"><div style="flex:1;min-height:0;position:relative;--screen-h:calc(100vh - ${taskbar.height}px)">${body}</div>${taskbar.html}</div>`;
  }
  const seeded = chooseViewport(layout, family.kind);
  const viewport = options.viewport ?? seeded.viewport;
  const deviceScaleFactor = options.deviceScaleFactor ?? seeded.deviceScaleFactor;
  return {
    index,
    id: `s${seed}-${String(index).padStart(6, "0")}`,
    family,
    viewport,
    deviceScaleFactor,
    theme,
    html: htmlDocument(theme, builder.css, body),
    elements: builder.elements,
    iconNames: builder.usedIconNames,
    random: random.fork("annotations"),
  };
}
