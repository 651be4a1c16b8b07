/** Mobile app screens: contact/list, feed with a tab bar, bottom sheet, settings, chat. */
import type { PageBuilder } from "../page-builder.js";
import { CITIES, PRODUCTS, SETTINGS_LABELS, SUBJECTS } from "../words.js";
import { avatar, personName, picture, sentence, type Family } from "./parts.js";

function statusBarMobile(builder: PageBuilder): string {
  const random = builder.random;
  builder.css += `.mstatus{display:flex;justify-content:space-between;padding:6px 18px 4px;font-size:.8em;font-weight:600}`;
  return `<div class="mstatus"><span>${random.int(7, 23)}:${String(random.int(0, 59)).padStart(2, "0")}</span><span>${builder.glyph(builder.icon("wifi"), "tiny")} ${builder.glyph(builder.icon("battery"), "tiny")}</span></div>`;
}

function appBar(builder: PageBuilder, title: string, left: string, right: readonly string[]): string {
  builder.region = "the app bar";
  builder.css += `.appbar{display:flex;align-items:center;gap:8px;padding:6px 10px;min-height:52px}.appbar h2{margin:0;flex:1;font-size:1.25em}.tiny{font-size:.95em}`;
  return `<div class="appbar">${builder.iconButton(left)}<h2>${title}</h2>${right.map((key) => builder.iconButton(key)).join("")}</div>`;
}

function tabBar(builder: PageBuilder, entries: readonly (readonly [string, string])[], active: number): string {
  builder.region = "the bottom tab bar";
  const group = builder.group("the bottom tab bar", "tab");
  const labels = builder.random.chance(0.75);
  builder.css += `.mtabs{position:absolute;left:0;right:0;bottom:0;display:flex;justify-content:space-around;padding:6px 0 14px;background:var(--surface);border-top:1px solid var(--border)}.mtabs .tab{flex-direction:column;gap:2px;padding:4px 8px;border:none;font-size:.75em}`;
  return `<nav class="mtabs">${entries.map(([text, icon], index) => builder.tab(labels ? text : "", index === active, group, { icon, action: `go to ${text}` })).join("")}</nav>`;
}

function screen(body: string): string {
  return `<div style="position:relative;height:var(--screen-h);overflow:hidden;display:flex;flex-direction:column">${body}</div>`;
}

export const mobileListFamily: Family = {
  name: "mobile-list",
  kind: "mobile",
  build(builder) {
    const random = builder.random;
    const top = statusBarMobile(builder) + appBar(builder, random.pick(["Contacts", "Inbox", "Friends", "Messages"]), "menu", ["search", "more vertical"]);
    builder.region = "the list";
    const list = builder.group("the list", "item");
    const items = Array.from({ length: random.int(9, 14) }, () => {
      const name = personName(random);
      const detail = random.chance(0.5) ? random.pick(SUBJECTS) : random.pick(CITIES);
      return builder.listItem(`${avatar(random, name)}<div class="grow col" style="gap:0"><b>${name}</b><span class="muted" style="font-size:.85em">${detail}</span></div><span class="muted" style="font-size:.8em">${random.int(1, 59)}m</span>`, name, list, { action: `open the conversation with ${name}` });
    }).join("");
    builder.region = "the screen";
    const fab = `<div style="position:absolute;right:18px;bottom:${random.chance(0.5) ? 86 : 24}px">${builder.iconButton("add", { action: "start a new conversation", className: "fab" })}</div>`;
    builder.css += `.fab{width:56px;height:56px;border-radius:16px;background:var(--accent);color:var(--accent-fg);box-shadow:0 4px 12px rgba(0,0,0,.3)}`;
    const tabs = random.chance(0.6) ? tabBar(builder, [["Chats", "chat"], ["Calls", "phone"], ["People", "people"], ["Settings", "settings"]], 0) : "";
    return screen(`${top}<div class="grow" style="overflow:hidden">${items}</div>${fab}${tabs}`);
  },
};

export const mobileFeedFamily: Family = {
  name: "mobile-feed-tabs",
  kind: "mobile",
  build(builder) {
    const random = builder.random;
    const top = statusBarMobile(builder) + appBar(builder, random.pick(["Home", "Discover", "Feed"]), "account", ["notifications", "send"]);
    builder.region = "the filter chips";
    const chips = builder.group("the filter chips", "chip");
    const chipRow = `<div class="row" style="padding:0 12px 8px;overflow:hidden">${["For you", "Following", "Popular", "Nearby", "New"].map((text, index) => builder.button(text, { group: chips, variant: index === 0 ? "primary" : "secondary", action: `show ${text.toLowerCase()} posts`, className: "chip" })).join("")}</div>`;
    builder.region = "the feed";
    const posts = Array.from({ length: 3 }, () => {
      const author = personName(random);
      return `<div style="padding:8px 12px;border-bottom:1px solid var(--border)"><div class="row">${avatar(random, author)}<b class="grow">${author}</b>${builder.iconButton("more horizontal", { action: `show options for the post by ${author}`, context: `on the post by ${author}` })}</div><p>${sentence(random)}</p>${picture(random, "100%", "170px")}<div class="row">${builder.iconButton("heart", { action: `like the post by ${author}`, context: `on the post by ${author}` })}${builder.iconButton("chat", { action: `comment on the post by ${author}`, context: `on the post by ${author}` })}${builder.iconButton("share", { action: `share the post by ${author}`, context: `on the post by ${author}` })}<div class="grow"></div>${builder.iconButton("bookmark", { action: `save the post by ${author}`, context: `on the post by ${author}` })}</div></div>`;
    }).join("");
    builder.css += `.chip{border-radius:999px;padding:2px 12px;min-height:0;font-size:.85em}`;
    const tabs = tabBar(builder, [["Home", "home"], ["Search", "search"], ["Create", "add"], ["Inbox", "mail"], ["Profile", "account"]], 0);
    return screen(`${top}${chipRow}<div class="grow" style="overflow:hidden">${posts}</div>${tabs}`);
  },
};

export const mobileSheetFamily: Family = {
  name: "mobile-bottom-sheet",
  kind: "mobile",
  build(builder) {
    const random = builder.random;
    const product = random.pick(PRODUCTS);
    const top = statusBarMobile(builder) + appBar(builder, product, "back", ["share", "heart"]);
    builder.region = "the page";
    const page = `<div style="padding:0 14px;opacity:.5">${picture(random, "100%", "220px")}<h2>${product}</h2><p>${sentence(random, 16)}</p></div>`;
    builder.region = "the bottom sheet";
    const kind = random.pick(["share", "options", "size"] as const);
    let sheet = "";
    if (kind === "share") {
      const apps = builder.group("the share targets", "app");
      sheet = `<h3>Share</h3><div style="display:grid;grid-template-columns:repeat(4,1fr);gap:12px;text-align:center">${["Messages", "Mail", "Copy link", "Notes", "Nearby", "Print", "Save", "More"].map((name, index) => builder.button(name, { icon: ["chat", "mail", "link", "edit", "wifi", "print", "download", "more horizontal"][index], variant: "ghost", group: apps, action: `share via ${name.toLowerCase()}`, className: "share-target" })).join("")}</div>`;
    } else if (kind === "options") {
      const options = builder.group("the options", "option");
      sheet = `<h3>Options</h3>${[["Edit", "edit"], ["Duplicate", "copy"], ["Move to folder", "folder"], ["Add to favorites", "star"], ["Report", "flag"], ["Delete", "trash"]].map(([text = "", icon]) => builder.menuItem(text, options, { icon, action: `${text.toLowerCase()} this item` })).join("")}`;
    } else {
      const sizes = builder.group("the size options", "size");
      sheet = `<h3>Choose a size</h3><div class="row" style="flex-wrap:wrap">${["XS", "S", "M", "L", "XL"].map((size, index) => builder.button(size, { group: sizes, variant: index === 2 ? "primary" : "secondary", action: `choose size ${size}` })).join("")}</div>${builder.select("Color", random.pick(["Black", "Navy", "Olive"]), { choices: ["White"] })}<div class="row" style="margin-top:12px">${builder.button("Add to cart", { variant: "primary", action: `add the ${product.toLowerCase()} to the cart`, className: "grow" })}</div>`;
    }
    builder.css += `.sheet{position:absolute;left:0;right:0;bottom:0;background:var(--surface);border-radius:18px 18px 0 0;padding:10px 16px 28px;box-shadow:0 -6px 24px rgba(0,0,0,.3)}.grip{width:40px;height:4px;border-radius:2px;background:var(--border);margin:0 auto 8px}.share-target{flex-direction:column;font-size:.8em;padding:4px}.share-target .ic{font-size:26px}.sheet .mitem{padding:10px 4px}`;
    return screen(`${top}${page}<div style="position:absolute;inset:0;background:rgba(0,0,0,.35)"></div><div class="sheet"><div class="grip"></div>${sheet}${random.chance(0.5) ? builder.button("Cancel", { variant: "ghost", action: "close the sheet", className: "grow" }) : ""}</div>`);
  },
};

export const mobileSettingsFamily: Family = {
  name: "mobile-settings",
  kind: "mobile",
  build(builder) {
    const random = builder.random;
    const top = statusBarMobile(builder) + appBar(builder, "Settings", "back", ["search"]);
    builder.region = "the settings list";
    const list = builder.group("the settings list", "entry");
    const entries = [["Wi-Fi", "wifi"], ["Bluetooth", "bluetooth"], ["Notifications", "notifications"], ["Battery", "battery"], ["Display", "dark mode"], ["Privacy", "lock"], ["Language", "language"], ["Accounts", "account"], ["Storage", "folder"], ["About phone", "info"]] as const;
    const rows = random.sample(entries, random.int(5, 8)).map(([text, icon]) => builder.menuItem(text, list, { icon, action: `open the ${text} settings`, badge: random.chance(0.1) ? "1" : undefined })).join("");
    const toggles = random.sample(SETTINGS_LABELS, random.int(2, 4)).map((label) => builder.toggle(label, random.chance(0.5))).join("");
    builder.css += `.msettings .mitem{padding:12px 4px;border-bottom:1px solid var(--border)}.msettings .mitem .ic{color:var(--accent)}`;
    const profileName = personName(random);
    const profile = `<div class="row card" style="margin:8px 12px">${avatar(random, profileName, "3em")}<div class="col grow" style="gap:0"><b>${profileName}</b><span class="muted">Account, cloud and more</span></div>${builder.iconButton("chevron right", { action: "open your account settings" })}</div>`;
    return screen(`${top}${profile}<div class="msettings" style="padding:0 14px">${toggles}${rows}</div>`);
  },
};

export const mobileChatFamily: Family = {
  name: "mobile-chat",
  kind: "mobile",
  build(builder) {
    const random = builder.random;
    const other = personName(random);
    const top = statusBarMobile(builder) + appBar(builder, other, "back", ["phone", "camera", "more vertical"]);
    builder.region = "the conversation";
    const bubbles = Array.from({ length: random.int(5, 9) }, () => {
      const mine = random.chance(0.5);
      return `<div style="display:flex;justify-content:${mine ? "flex-end" : "flex-start"};margin:4px 10px"><div style="max-width:75%;padding:8px 12px;border-radius:16px;background:${mine ? "var(--accent)" : "var(--surface)"};color:${mine ? "var(--accent-fg)" : "var(--fg)"}">${sentence(random, random.int(3, 12))}</div></div>`;
    }).join("");
    builder.region = "the message composer";
    const composer = `<div class="row" style="padding:8px;border-top:1px solid var(--border);background:var(--surface)">${builder.iconButton("add", { action: "attach a photo or file" })}<div class="grow">${builder.textField({ placeholder: random.pick(["Message", "Type a message", "Write something…"]), action: "type a message" })}</div>${builder.iconButton("mic")}${builder.iconButton("send")}</div>`;
    return screen(`${top}<div class="grow" style="overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end">${bubbles}</div>${composer}`);
  },
};
