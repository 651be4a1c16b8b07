/** Desktop window pieces: title bar with window buttons, menu bar, icon toolbar, status bar. */
import type { Group, PageBuilder } from "../page-builder.js";
import { MENUS } from "../words.js";

/** Title bar with the window's name and minimize / maximize / close buttons (left or right). */
export function titleBar(builder: PageBuilder, title: string): string {
  const random = builder.random;
  builder.region = "the title bar";
  const controls = builder.group("the window controls", "button");
  const macStyle = random.chance(0.3);
  const buttons = macStyle
    ? ["#ff5f57", "#febc2e", "#28c840"].map((color, index) => `<span class="macdot" style="background:${color}"${builder.mark({ role: "button", text: "", icon: undefined, action: ["close the window", "minimize the window", "maximize the window"][index], label: undefined, group: controls })}></span>`).join("")
    : `${builder.iconButton("remove", { action: "minimize the window", group: controls, className: "winbtn" })}${builder.iconButton("crop_square", { action: "maximize the window", group: controls, className: "winbtn" })}${builder.iconButton("close", { action: "close the window", group: controls, className: "winbtn" })}`;
  builder.css += `.titlebar{display:flex;align-items:center;gap:6px;height:${random.int(26, 34)}px;padding:0 8px;background:var(--surface2);border-bottom:1px solid var(--border);font-size:.95em}
.titlebar .ttl{flex:1;text-align:center;color:var(--muted)}.macdot{width:12px;height:12px;border-radius:50%;display:inline-block}.winbtn .ic{font-size:16px}`;
  return macStyle ? `<div class="titlebar">${buttons}<span class="ttl">${builder.escape(title)}</span></div>` : `<div class="titlebar"><span class="ttl" style="text-align:left">${builder.escape(title)}</span>${buttons}</div>`;
}

/** A menu bar of `names` (File, Edit, …); optionally one menu opened as a drop-down. */
export function menuBar(builder: PageBuilder, names: readonly string[], options: { open?: boolean } = {}): string {
  const random = builder.random;
  builder.region = "the menu bar";
  const bar = builder.group("the menu bar", "menu");
  const openIndex = options.open ? random.int(0, Math.min(3, names.length - 1)) : -1;
  const items = names
    .map((name, index) => {
      const item = `<div class="mb-entry${index === openIndex ? " open" : ""}"${builder.mark({ role: "menuitem", text: name, icon: undefined, action: `open the ${name} menu`, label: undefined, group: bar })}>${name}</div>`;
      if (index !== openIndex) return item;
      builder.region = `the ${name} menu`;
      const entries = builder.group(`the ${name} menu`, "item");
      const commands = MENUS[name] ?? MENUS["File"] ?? [];
      const drop = commands.map((command) => builder.menuItem(command.label, entries, { action: command.action, shortcut: random.chance(0.5) ? `Ctrl+${command.label[0]?.toUpperCase() ?? "K"}` : undefined, icon: command.icon && random.chance(0.5) ? command.icon : undefined })).join("");
      builder.region = "the menu bar";
      return `<div style="position:relative">${item}<div class="dropdown">${drop}</div></div>`;
    })
    .join("");
  builder.css += `.menubar{display:flex;align-items:center;gap:2px;padding:1px 4px;background:var(--surface);border-bottom:1px solid var(--border)}.mb-entry{padding:3px 8px;border-radius:3px;cursor:default}.mb-entry.open{background:var(--sel)}
.dropdown{position:absolute;top:100%;left:0;z-index:10;min-width:14em;background:var(--surface);border:1px solid var(--border);box-shadow:0 6px 18px rgba(0,0,0,.25);padding:4px;border-radius:min(var(--radius),6px)}`;
  return `<div class="menubar">${items}</div>`;
}

/** A row of small icon buttons with separators. */
export function iconToolbar(builder: PageBuilder, keys: readonly (string | "|")[], group: Group, className = "toolbar"): string {
  const html = keys.map((key) => (key === "|" ? `<span class="sep"></span>` : builder.iconButton(key, { group }))).join("");
  return `<div class="${className}">${html}</div>`;
}

/** A status bar with a few texts. */
export function statusBar(texts: readonly string[]): string {
  return `<div style="display:flex;gap:18px;padding:2px 10px;font-size:.9em;background:var(--accent);color:var(--accent-fg)">${texts.map((text) => `<span>${text}</span>`).join("")}</div>`;
}

/** A desktop window filling the viewport (a column of parts; `main` grows). */
export function windowFrame(parts: readonly string[], main: string, bottom = ""): string {
  return `<div style="display:flex;flex-direction:column;height:var(--screen-h)">${parts.join("")}<div style="flex:1;min-height:0;display:flex">${main}</div>${bottom}</div>`;
}
