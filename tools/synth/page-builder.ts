/**
 * Builds the HTML of one synthetic screen and records, for every interactive element it emits,
 * what the annotations need: role, visible text, icon and its synonyms, what it does, its label,
 * its place in a group (third tab, second menu item) and the region it sits in. The element
 * carries `data-gp="<index>"`; `measure-page.ts` reads the boxes back from the DOM.
 */
import { ICON_BY_KEY, loadIconCodepoints, readableIconName } from "./icons.js";
import type { Random } from "./prng.js";
import type { Theme } from "./theme.js";

/** Roles of annotated elements (ARIA-like names). */
export type Role =
  | "button"
  | "link"
  | "textbox"
  | "checkbox"
  | "radio"
  | "switch"
  | "tab"
  | "menuitem"
  | "listitem"
  | "combobox"
  | "slider"
  | "treeitem"
  | "cell";

/** A run of similar elements (tabs of one bar, items of one list) for ordinal instructions. */
export interface Group {
  /** How to name the group in an instruction: "the toolbar", "the inbox list". */
  readonly name: string;
  /** What one member is called: "tab", "item", "row", "tool". */
  readonly memberNoun: string;
  count: number;
}

/** An icon as drawn: its glyph and font, and what people call it. */
export interface IconRef {
  /** Semantic key ("trash") or readable ligature name ("format paint"). */
  readonly key: string;
  readonly names: readonly string[];
  readonly action: string | undefined;
  readonly glyph: string;
  readonly font: "material" | "fontawesome";
}

/** What the generator knows about one interactive element. */
export interface ElementSpec {
  readonly index: number;
  readonly role: Role;
  /** Visible text ("" for icon-only controls). */
  readonly text: string;
  readonly icon: IconRef | undefined;
  /** What activating it does: "save the document". */
  readonly action: string | undefined;
  /** Text of its label (fields, checkboxes, switches, sliders). */
  readonly label: string | undefined;
  readonly group: Group | undefined;
  /** 0-based place in `group`. */
  readonly groupIndex: number;
  /** Region it sits in: "the sidebar", "the toolbar", "the dialog" ("" = none). */
  readonly region: string;
  /** A disambiguating context: "for Alice Smith", "in the Layers panel" ("" = none). */
  readonly context: string;
}

/** Options shared by most element helpers. */
export interface ElementOptions {
  action?: string;
  group?: Group;
  /** Extra CSS classes. */
  className?: string;
  context?: string;
  /** Inline style. */
  style?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Collects elements while a family writes its HTML. */
export class PageBuilder {
  readonly elements: ElementSpec[] = [];
  /** Region of elements emitted from now on; families set it as they write each part. */
  region = "";
  /** Extra CSS of the family, appended after the base stylesheet. */
  css = "";
  /** Lower-case names (synonyms included) of every icon resolved, decorative ones too: negatives avoid them. */
  readonly usedIconNames = new Set<string>();

  constructor(
    readonly random: Random,
    readonly theme: Theme,
  ) {}

  /** Escapes text for HTML. */
  escape(text: string): string {
    return escapeHtml(text);
  }

  /** Starts a group of similar elements. */
  group(name: string, memberNoun: string): Group {
    return { name, memberNoun, count: 0 };
  }

  /** Resolves a semantic key ("trash") or any Material ligature ("format_paint"). */
  icon(keyOrLigature: string): IconRef {
    const codepoints = loadIconCodepoints();
    const semantic = ICON_BY_KEY.get(keyOrLigature);
    if (semantic) {
      const useFontAwesome = this.theme.iconSet === "fontawesome" && semantic.fontAwesome !== undefined && codepoints.fontAwesome.has(semantic.fontAwesome);
      const glyph = useFontAwesome ? codepoints.fontAwesome.get(semantic.fontAwesome ?? "") : codepoints.material.get(semantic.material);
      if (glyph === undefined) throw new Error(`synth: icon ${keyOrLigature} has no glyph in the icon fonts.`);
      for (const name of [semantic.key, ...semantic.names]) this.usedIconNames.add(name);
      return { key: semantic.key, names: semantic.names, action: semantic.action, glyph, font: useFontAwesome ? "fontawesome" : "material" };
    }
    const glyph = codepoints.material.get(keyOrLigature);
    if (glyph === undefined) throw new Error(`synth: unknown icon "${keyOrLigature}" (not a semantic key nor a Material ligature).`);
    const readable = readableIconName(keyOrLigature);
    this.usedIconNames.add(readable);
    return { key: readable, names: [readable], action: undefined, glyph, font: "material" };
  }

  /** HTML of an icon glyph (decorative, not annotated by itself). */
  glyph(icon: IconRef, className = ""): string {
    return `<span class="ic ${icon.font === "material" ? "mi" : "fa"} ${className}">${icon.glyph}</span>`;
  }

  /** Registers an element and returns the attribute that marks it in the DOM. */
  mark(spec: Omit<ElementSpec, "index" | "groupIndex" | "region" | "context"> & { context?: string }): string {
    const index = this.elements.length;
    const groupIndex = spec.group ? spec.group.count : 0;
    if (spec.group) spec.group.count += 1;
    this.elements.push({ ...spec, index, groupIndex, region: this.region, context: spec.context ?? "" });
    return ` data-gp="${index}"`;
  }

  /** A button with text, an optional leading icon. Variants: primary, secondary, ghost, danger, link. */
  button(text: string, options: ElementOptions & { icon?: string; iconAfter?: boolean; variant?: "primary" | "secondary" | "ghost" | "danger" | "link" } = {}): string {
    const icon = options.icon ? this.icon(options.icon) : undefined;
    const variant = options.variant ?? "secondary";
    const attribute = this.mark({ role: "button", text, icon, action: options.action ?? icon?.action, label: undefined, group: options.group, context: options.context });
    return `<button class="btn ${variant} ${options.className ?? ""}"${attribute}${options.style ? ` style="${options.style}"` : ""}>${icon && !options.iconAfter ? this.glyph(icon) : ""}${text ? `<span>${escapeHtml(text)}</span>` : ""}${icon && options.iconAfter ? this.glyph(icon) : ""}</button>`;
  }

  /** An icon-only button. */
  iconButton(iconKey: string, options: ElementOptions = {}): string {
    const icon = this.icon(iconKey);
    const attribute = this.mark({ role: "button", text: "", icon, action: options.action ?? icon.action, label: undefined, group: options.group, context: options.context });
    return `<button class="ibtn ${options.className ?? ""}"${attribute}${options.style ? ` style="${options.style}"` : ""}>${this.glyph(icon)}</button>`;
  }

  /** A hyperlink (no navigation: href="#"). */
  link(text: string, options: ElementOptions & { icon?: string } = {}): string {
    const icon = options.icon ? this.icon(options.icon) : undefined;
    const attribute = this.mark({ role: "link", text, icon, action: options.action, label: undefined, group: options.group, context: options.context });
    return `<a href="#" class="lnk ${options.className ?? ""}"${attribute}>${icon ? this.glyph(icon) : ""}${escapeHtml(text)}</a>`;
  }

  /** A text input, with its label above, to the left, or none (placeholder only). */
  textField(options: ElementOptions & { label?: string; placeholder?: string; value?: string; type?: string; labelPosition?: "above" | "left" | "none"; icon?: string }): string {
    const label = options.label;
    const icon = options.icon ? this.icon(options.icon) : undefined;
    const visibleText = options.value ?? options.placeholder ?? "";
    const attribute = this.mark({ role: "textbox", text: visibleText, icon, action: options.action, label, group: options.group, context: options.context });
    const input = `<input class="input ${options.className ?? ""}"${attribute} type="${options.type === "password" && options.value ? "password" : "text"}"${options.placeholder ? ` placeholder="${escapeHtml(options.placeholder)}"` : ""}${options.value ? ` value="${escapeHtml(options.value)}"` : ""}${options.style ? ` style="${options.style}"` : ""}>`;
    const inner = icon ? `<span class="input-wrap">${this.glyph(icon, "input-icon")}${input}</span>` : input;
    const position = label ? (options.labelPosition ?? "above") : "none";
    if (position === "none" || !label) return inner;
    return `<div class="field ${position}"><label>${escapeHtml(label)}</label>${inner}</div>`;
  }

  /** A checkbox; the annotated box is the square itself, the label is its neighbour. */
  checkbox(label: string, checked: boolean, options: ElementOptions = {}): string {
    const attribute = this.mark({ role: "checkbox", text: "", icon: undefined, action: options.action ?? `${checked ? "uncheck" : "check"} ${label}`, label, group: options.group, context: options.context });
    return `<label class="chk ${options.className ?? ""}"><input type="checkbox"${attribute}${checked ? " checked" : ""}><span>${escapeHtml(label)}</span></label>`;
  }

  /** A radio button of a named set. */
  radio(label: string, checked: boolean, name: string, options: ElementOptions = {}): string {
    const attribute = this.mark({ role: "radio", text: "", icon: undefined, action: options.action ?? `choose ${label}`, label, group: options.group, context: options.context });
    return `<label class="chk ${options.className ?? ""}"><input type="radio" name="${escapeHtml(name)}"${attribute}${checked ? " checked" : ""}><span>${escapeHtml(label)}</span></label>`;
  }

  /** An on/off switch with its label on the left. */
  toggle(label: string, on: boolean, options: ElementOptions = {}): string {
    const attribute = this.mark({ role: "switch", text: "", icon: undefined, action: options.action ?? `turn ${on ? "off" : "on"} ${label.toLowerCase()}`, label, group: options.group, context: options.context });
    return `<div class="toggle-row ${options.className ?? ""}"><span class="toggle-label">${escapeHtml(label)}</span><span class="switch${on ? " on" : ""}"${attribute}><span class="knob"></span></span></div>`;
  }

  /** A drop-down showing `value`. */
  select(label: string | undefined, value: string, options: ElementOptions & { choices?: readonly string[]; labelPosition?: "above" | "left" } = {}): string {
    const attribute = this.mark({ role: "combobox", text: value, icon: undefined, action: options.action ?? (label ? `choose the ${label.toLowerCase()}` : undefined), label, group: options.group, context: options.context });
    const choices = [value, ...(options.choices ?? [])].map((choice) => `<option>${escapeHtml(choice)}</option>`).join("");
    const select = `<select class="select ${options.className ?? ""}"${attribute}${options.style ? ` style="${options.style}"` : ""}>${choices}</select>`;
    return label ? `<div class="field ${options.labelPosition ?? "above"}"><label>${escapeHtml(label)}</label>${select}</div>` : select;
  }

  /** A range slider with its label and value. */
  slider(label: string, value: number, options: ElementOptions & { max?: number } = {}): string {
    const attribute = this.mark({ role: "slider", text: "", icon: undefined, action: options.action ?? `adjust the ${label.toLowerCase()}`, label, group: options.group, context: options.context });
    return `<div class="slider-row ${options.className ?? ""}"><span class="slider-label">${escapeHtml(label)}</span><input type="range" min="0" max="${options.max ?? 100}" value="${value}"${attribute}><span class="slider-value">${value}</span></div>`;
  }

  /** A tab of a tab bar. */
  tab(text: string, active: boolean, group: Group, options: ElementOptions & { icon?: string } = {}): string {
    const icon = options.icon ? this.icon(options.icon) : undefined;
    const attribute = this.mark({ role: "tab", text, icon, action: options.action ?? `switch to the ${text} tab`, label: undefined, group, context: options.context });
    return `<div class="tab${active ? " active" : ""} ${options.className ?? ""}"${attribute}>${icon ? this.glyph(icon) : ""}${text ? `<span>${escapeHtml(text)}</span>` : ""}</div>`;
  }

  /** An entry of a menu, menu bar or navigation list. */
  menuItem(text: string, group: Group | undefined, options: ElementOptions & { icon?: string; shortcut?: string; active?: boolean; badge?: string } = {}): string {
    const icon = options.icon ? this.icon(options.icon) : undefined;
    const attribute = this.mark({ role: "menuitem", text, icon, action: options.action, label: undefined, group, context: options.context });
    return (
      `<div class="mitem${options.active ? " active" : ""} ${options.className ?? ""}"${attribute}>${icon ? this.glyph(icon) : ""}<span class="mtext">${escapeHtml(text)}</span>` +
      `${options.badge ? `<span class="badge">${escapeHtml(options.badge)}</span>` : ""}${options.shortcut ? `<span class="shortcut">${escapeHtml(options.shortcut)}</span>` : ""}</div>`
    );
  }

  /** A clickable row of a list; `html` is its inside, `text` its main text. */
  listItem(html: string, text: string, group: Group, options: ElementOptions & { role?: Role } = {}): string {
    const attribute = this.mark({ role: options.role ?? "listitem", text, icon: undefined, action: options.action, label: undefined, group, context: options.context });
    return `<div class="li ${options.className ?? ""}"${attribute}>${html}</div>`;
  }

  /** A row of a tree view, indented by `depth`. */
  treeItem(text: string, depth: number, group: Group, options: ElementOptions & { icon?: string; expanded?: boolean; selected?: boolean } = {}): string {
    const icon = this.icon(options.icon ?? "folder");
    const attribute = this.mark({ role: "treeitem", text, icon, action: options.action ?? `open ${text}`, label: undefined, group, context: options.context });
    const caret = options.expanded === undefined ? `<span class="caret"></span>` : `<span class="caret">${options.expanded ? "▾" : "▸"}</span>`;
    return `<div class="ti${options.selected ? " selected" : ""}" style="padding-left:${depth * 14 + 4}px"${attribute}>${caret}${this.glyph(icon)}<span>${escapeHtml(text)}</span></div>`;
  }

  /** An annotated table cell (spreadsheets). */
  cell(text: string, options: ElementOptions & { label: string }): string {
    const attribute = this.mark({ role: "cell", text, icon: undefined, action: options.action, label: options.label, group: options.group, context: options.context });
    return `<td class="${options.className ?? ""}"${attribute}>${escapeHtml(text)}</td>`;
  }
}
