/** Pieces several families share: names, avatars, pictures, paragraphs, top bars, side navigation. */
import type { PageBuilder } from "../page-builder.js";
import type { Random } from "../prng.js";
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS } from "../words.js";

/** One layout family: a kind of screen and the function that writes its body. */
export interface Family {
  readonly name: string;
  readonly kind: "web" | "desktop" | "pro" | "mobile";
  /** Prefer serif text (articles, docs). */
  readonly serif?: boolean;
  /** Writes the `<body>` HTML, registering annotated elements on `builder`; family CSS goes to `builder.css`. */
  build(builder: PageBuilder): string;
}

/** "Alice Smith". */
export function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

/** A round avatar with initials (decorative). */
export function avatar(random: Random, name: string, size = "2.2em"): string {
  const initials = name.split(" ").map((part) => part[0] ?? "").join("");
  return `<span class="avatar" style="width:${size};height:${size};background:hsl(${random.int(0, 359)} 55% 45%)">${initials}</span>`;
}

/** A placeholder picture: a gradient block (no text in it). */
export function picture(random: Random, width: string, height: string): string {
  const hue = random.int(0, 359);
  return `<div class="img" style="width:${width};height:${height};background:linear-gradient(${random.int(0, 360)}deg,hsl(${hue} 50% 60%),hsl(${(hue + 60) % 360} 45% 35%))"></div>`;
}

const FILLER = "the a with for and of to in on our your this that team data update new system report results plan work time users review changes project support design service price quality options".split(" ");

/** A sentence of plausible filler words (non-interactive text). */
export function sentence(random: Random, words = random.int(6, 14)): string {
  const parts: string[] = [];
  for (let index = 0; index < words; index += 1) parts.push(random.chance(0.25) ? random.pick(NOUNS) : random.chance(0.15) ? random.pick(ADJECTIVES) : random.pick(FILLER));
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A paragraph of `sentences` filler sentences. */
export function paragraph(random: Random, sentences = random.int(2, 5)): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(" ");
}

/** A brand mark: coloured square + name (decorative). */
export function brand(random: Random, name: string): string {
  return `<div class="row" style="font-weight:700;font-size:1.15em"><span style="width:1.4em;height:1.4em;border-radius:30%;background:hsl(${random.int(0, 359)} 70% 50%);display:inline-block"></span>${name}</div>`;
}

/** A web top bar: brand, navigation links, search, icon buttons, account. */
export function webTopBar(builder: PageBuilder, brandName: string, links: readonly string[], options: { search?: boolean | string; icons?: readonly string[] } = {}): string {
  const random = builder.random;
  builder.region = "the top bar";
  const nav = builder.group("the navigation bar", "link");
  const linkHtml = links.map((text) => builder.link(text, { group: nav, action: `go to the ${text} page`, className: "nav-link" })).join("");
  const search = options.search ? `<div style="width:min(28vw,360px)">${builder.textField({ placeholder: typeof options.search === "string" ? options.search : random.pick(["Search", "Search...", "Type to search"]), icon: "search", action: "search the site" })}</div>` : "";
  const icons = (options.icons ?? []).map((key) => builder.iconButton(key)).join("");
  builder.css += `.topbar{display:flex;align-items:center;gap:var(--p4);padding:var(--p2) var(--p6);background:var(--surface);border-bottom:1px solid var(--border)}.nav-link{color:var(--fg);padding:var(--p1) var(--p2)}`;
  return `<header class="topbar">${brand(random, brandName)}<nav class="row">${linkHtml}</nav><div class="grow"></div>${search}${icons}</header>`;
}

/** A vertical navigation list (sidebar) with icons. */
export function sideNav(builder: PageBuilder, entries: readonly (readonly [string, string])[], activeIndex: number, width = "15em"): string {
  builder.region = "the sidebar";
  const group = builder.group("the sidebar", "item");
  const items = entries
    .map(([text, icon], index) => builder.menuItem(text, group, { icon, active: index === activeIndex, action: `open ${text}`, badge: builder.random.chance(0.12) ? String(builder.random.int(1, 30)) : undefined }))
    .join("");
  builder.css += `.sidenav{width:${width};flex:none;padding:var(--p3) var(--p2);background:var(--surface);border-right:1px solid var(--border);display:flex;flex-direction:column;gap:2px;overflow:hidden}`;
  return `<aside class="sidenav">${items}</aside>`;
}
