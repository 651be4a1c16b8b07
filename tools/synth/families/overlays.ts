/** Pieces added around any family: a web footer, a cookie banner over the page, an OS taskbar. */
import type { PageBuilder } from "../page-builder.js";

const FOOTER_LINKS = ["About", "Careers", "Privacy", "Terms", "Contact", "Help center", "Status", "Blog", "Press", "Cookies", "Accessibility", "Sitemap", "Developers", "Partners"];

/** A footer row of links (privacy, terms, …) and a language picker. */
export function webFooter(builder: PageBuilder): string {
  const random = builder.random;
  builder.region = "the footer";
  const group = builder.group("the footer", "link");
  const links = random.sample(FOOTER_LINKS, random.int(4, 8)).map((text) => builder.link(text, { group, action: `open the ${text} page`, className: "footer-link" })).join("");
  const language = random.chance(0.5) ? builder.select(undefined, random.pick(["English", "English (UK)", "Deutsch", "Français"]), { action: "change the site language", choices: ["Español"] }) : "";
  builder.css += `.site-footer{display:flex;flex-wrap:wrap;align-items:center;gap:var(--p2) var(--p4);padding:var(--p3) var(--p6);border-top:1px solid var(--border);color:var(--muted);font-size:.9em}.footer-link{color:var(--muted)}`;
  return `<footer class="site-footer"><span>© ${random.int(2019, 2026)} ${random.pick(["Acme", "Globex", "Northwind", "Contoso"])}</span>${links}<span class="grow"></span>${language}</footer>`;
}

/** A cookie-consent banner over the bottom of the page (it hides what is under it). */
export function cookieBanner(builder: PageBuilder): string {
  const random = builder.random;
  builder.region = "the cookie banner";
  const buttons = [
    builder.button(random.pick(["Accept all", "Accept cookies", "Allow all"]), { variant: "primary", action: "accept all cookies" }),
    builder.button(random.pick(["Reject all", "Decline", "Only necessary"]), { action: "reject optional cookies" }),
    random.chance(0.6) ? builder.button(random.pick(["Cookie settings", "Customize", "Manage preferences"]), { variant: "ghost", action: "choose which cookies to allow" }) : "",
  ].join("");
  builder.css += `.cookie{position:fixed;left:${random.chance(0.5) ? "0;right:0" : "var(--p6);max-width:520px"};bottom:${random.chance(0.5) ? "0" : "var(--p6)"};z-index:50;display:flex;flex-wrap:wrap;align-items:center;gap:var(--p3);padding:var(--p4);background:var(--surface);border:1px solid var(--border);box-shadow:0 -4px 20px rgba(0,0,0,.2);border-radius:var(--radius)}`;
  return `<div class="cookie"><span class="grow" style="min-width:16em">We use cookies to improve your experience and to measure traffic. ${builder.link("Learn more", { action: "read the cookie policy" })}</span>${buttons}</div>`;
}

/** An operating-system taskbar (bottom) with start, search, pinned apps and a tray. Height in CSS px. */
export function osTaskbar(builder: PageBuilder): { html: string; height: number } {
  const random = builder.random;
  const height = random.int(36, 48);
  builder.region = "the taskbar";
  const apps = builder.group("the taskbar", "app");
  const pinned = random.sample(["folder", "language", "mail", "calendar", "terminal", "code", "photo_library", "music_note", "chat", "settings", "calculate", "description"], random.int(4, 8));
  const appNames: Record<string, string> = { folder: "Files", language: "Browser", mail: "Mail", calendar: "Calendar", terminal: "Terminal", code: "Code editor", photo_library: "Photos", music_note: "Music", chat: "Chat", settings: "Settings", calculate: "Calculator", description: "Documents" };
  const appButtons = pinned.map((key) => builder.iconButton(key, { group: apps, action: `open the ${appNames[key] ?? key} app`, className: "task-app" })).join("");
  const start = builder.iconButton(random.pick(["apps", "grid view", "menu"]), { action: "open the start menu", className: "task-app" });
  const search = random.chance(0.5) ? `<div style="width:14em">${builder.textField({ placeholder: "Type here to search", icon: "search", action: "search the computer" })}</div>` : "";
  builder.region = "the system tray";
  const tray = ["wifi", "volume", "battery"].map((key) => builder.iconButton(key, { className: "tray" })).join("");
  const clock = builder.button(`${random.int(0, 23)}:${String(random.int(0, 59)).padStart(2, "0")}`, { variant: "ghost", action: "open the calendar and clock", className: "clock" });
  builder.css += `.taskbar{height:${height}px;display:flex;align-items:center;gap:4px;padding:0 8px;background:var(--surface2);border-top:1px solid var(--border)}.task-app .ic{font-size:${Math.round(height * 0.55)}px}.tray .ic{font-size:16px}.clock{font-size:.85em;min-height:0}`;
  return { html: `<div class="taskbar">${start}${search}${appButtons}<div class="grow"></div>${tray}${clock}</div>`, height };
}
