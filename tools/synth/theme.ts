/**
 * Random visual themes: light, dark and custom palettes, corner radii, densities, text and icon
 * fonts (all Debian system fonts, so Chromium finds them through fontconfig without a download).
 */
import type { Random } from "./prng.js";

/** Which kind of screen a family draws; it sets font sizes, densities and viewports. */
export type ScreenKind = "web" | "desktop" | "pro" | "mobile";

/** Everything the stylesheet needs. Colours are CSS colour strings. */
export interface Theme {
  readonly name: string;
  readonly dark: boolean;
  readonly background: string;
  readonly surface: string;
  readonly surfaceAlt: string;
  readonly text: string;
  readonly mutedText: string;
  readonly border: string;
  readonly accent: string;
  readonly accentText: string;
  readonly danger: string;
  readonly selection: string;
  /** Corner radius of controls, CSS px. */
  readonly radius: number;
  /** Padding multiplier: 0.6 (dense pro tools) … 1.4 (airy web). */
  readonly density: number;
  readonly fontFamily: string;
  readonly monoFamily: string;
  /** Base text size, CSS px (10–13 for desktop and pro tools, as ScreenSpot-Pro's screens). */
  readonly fontSize: number;
  readonly iconSet: "material" | "fontawesome";
  /** Icon glyph size, CSS px. */
  readonly iconSize: number;
}

/** Debian text fonts used for UI text. */
export const TEXT_FONTS = ["Noto Sans", "Roboto", "Inter", "Liberation Sans", "DejaVu Sans", "Noto Sans Display", "Nimbus Sans"];
const SERIF_FONTS = ["Noto Serif", "Liberation Serif", "DejaVu Serif"];
const MONO_FONTS = ["DejaVu Sans Mono", "Liberation Mono", "Noto Mono"];

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${Math.round(hue)} ${Math.round(saturation)}% ${Math.round(lightness)}%)`;
}

/** A random theme for a screen of `kind`; `serif` favours serif text (articles, docs). */
export function randomTheme(random: Random, kind: ScreenKind, options: { serif?: boolean } = {}): Theme {
  const dark = random.chance(kind === "pro" ? 0.6 : 0.3);
  const style = random.weighted<"neutral" | "tinted" | "custom">([["neutral", 5], ["tinted", 3], ["custom", 2]]);
  const hue = random.int(0, 359);
  const accentHue = style === "custom" ? (hue + random.int(90, 270)) % 360 : random.pick([210, 220, 230, 250, 265, 145, 160, 350, 25, 190, hue]);
  const tint = style === "neutral" ? random.int(0, 8) : style === "tinted" ? random.int(8, 25) : random.int(20, 45);
  const baseLight = dark ? random.int(8, 18) : random.int(94, 100);
  const surfaceShift = dark ? random.int(3, 9) : -random.int(2, 6);
  const fontSize =
    kind === "pro" ? random.int(10, 12) : kind === "desktop" ? random.int(11, 13) : kind === "mobile" ? random.int(14, 17) : random.int(12, 16);
  const iconSize =
    kind === "pro" ? random.int(12, 16) : kind === "desktop" ? random.int(14, 18) : kind === "mobile" ? random.int(20, 26) : random.int(16, 22);
  const textFont = options.serif && random.chance(0.6) ? random.pick(SERIF_FONTS) : random.pick(TEXT_FONTS);
  return {
    name: `${dark ? "dark" : "light"}-${style}-${hue}`,
    dark,
    background: hsl(hue, tint, baseLight),
    surface: hsl(hue, tint, baseLight + surfaceShift),
    surfaceAlt: hsl(hue, tint, baseLight + surfaceShift * 2),
    text: dark ? hsl(hue, 10, random.int(86, 96)) : hsl(hue, 15, random.int(8, 22)),
    mutedText: dark ? hsl(hue, 8, random.int(60, 70)) : hsl(hue, 8, random.int(40, 50)),
    border: dark ? hsl(hue, tint, baseLight + 14) : hsl(hue, tint, baseLight - 14),
    accent: hsl(accentHue, random.int(55, 85), dark ? random.int(55, 65) : random.int(38, 50)),
    accentText: dark ? "hsl(0 0% 8%)" : "hsl(0 0% 100%)",
    danger: hsl(random.int(350, 365) % 360, 70, dark ? 60 : 45),
    selection: hsl(accentHue, 60, dark ? 28 : 88),
    radius: random.pick([0, 2, 3, 4, 6, 8, 10, 14, 999].slice(0, kind === "pro" ? 5 : 9)),
    density: kind === "pro" ? random.float(0.55, 0.85) : kind === "desktop" ? random.float(0.7, 1.05) : random.float(0.85, 1.4),
    fontFamily: `"${textFont}", "Noto Sans", sans-serif`,
    monoFamily: `"${random.pick(MONO_FONTS)}", monospace`,
    fontSize,
    iconSet: random.chance(0.7) ? "material" : "fontawesome",
    iconSize,
  };
}
