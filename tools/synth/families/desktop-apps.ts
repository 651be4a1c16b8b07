/** Desktop application lookalikes: text editor, office ribbon, dialog, file manager. */
import { randomLigatures } from "../icons.js";
import { FILE_EXTENSIONS, FILE_STEMS, FOLDERS, SETTINGS_LABELS } from "../words.js";
import { paragraph, picture } from "./parts.js";
import { iconToolbar, menuBar, statusBar, titleBar, windowFrame } from "./desktop-chrome.js";
import type { Family } from "./parts.js";

function fileName(random: { pick<T>(items: readonly T[]): T; int(min: number, max: number): number }): string {
  return `${random.pick(FILE_STEMS)}${random.int(0, 3) === 0 ? `_${random.int(1, 20)}` : ""}.${random.pick(FILE_EXTENSIONS)}`;
}

export const editorFamily: Family = {
  name: "desktop-editor",
  kind: "desktop",
  build(builder) {
    const random = builder.random;
    const document = `${random.pick(FILE_STEMS)}.${random.pick(["txt", "md", "odt", "rtf"])}`;
    const title = titleBar(builder, `${document} — ${random.pick(["TextPad", "Writer", "Notes", "Scribe"])}`);
    const menus = menuBar(builder, ["File", "Edit", "View", "Insert", "Format", "Tools", "Help"], { open: random.chance(0.35) });
    builder.region = "the toolbar";
    const tools = builder.group("the toolbar", "tool");
    const toolbar = iconToolbar(builder, ["add", "folder", "save", "print", "|", "undo", "redo", "|", "cut", "copy", "paste", "|", "bold", "italic", "underline", "|", "align left", "align center", "align right", "bulleted list", "numbered list", "|", "link", "image", "table", "|", ...randomLigatures(random, random.int(2, 8))], tools);
    builder.region = "the toolbar";
    const fontControls = `<div class="toolbar">${builder.select(undefined, random.pick(["Noto Sans", "Liberation Serif", "DejaVu Sans"]), { action: "choose the font", choices: ["Roboto"] })}${builder.select(undefined, String(random.pick([10, 11, 12, 14])), { action: "choose the font size", choices: ["16"] })}${builder.select(undefined, random.pick(["Normal text", "Heading 1", "Heading 2"]), { action: "choose the paragraph style", choices: ["Title"] })}</div>`;
    builder.region = "the document";
    const page = `<div style="flex:1;background:var(--surface2);overflow:hidden;padding:24px"><div style="max-width:780px;margin:0 auto;background:var(--surface);padding:48px 56px;min-height:100%;box-shadow:0 1px 4px rgba(0,0,0,.2)"><h2>${paragraph(random, 1).split(" ").slice(0, 5).join(" ")}</h2><p>${paragraph(random, 5)}</p><p>${paragraph(random, 4)}</p><p>${paragraph(random, 6)}</p></div></div>`;
    return windowFrame([title, menus, toolbar, fontControls], page, statusBar([`Page 1 of ${random.int(1, 9)}`, `${random.int(100, 4000)} words`, "English (US)", `${random.pick([90, 100, 110, 125])}%`]));
  },
};

export const ribbonFamily: Family = {
  name: "desktop-office-ribbon",
  kind: "desktop",
  build(builder) {
    const random = builder.random;
    const title = titleBar(builder, `${random.pick(FILE_STEMS)}.${random.pick(["docx", "pptx", "xlsx"])} - ${random.pick(["Office Writer", "Slides", "Docs Pro"])}`);
    builder.region = "the ribbon tabs";
    const ribbonTabs = builder.group("the ribbon tabs", "tab");
    const tabNames = ["File", "Home", "Insert", "Design", "Layout", "References", "Review", "View", "Help"];
    const tabs = `<div class="tabs" style="background:var(--surface);padding:0 8px">${tabNames.map((name, index) => builder.tab(name, index === 1, ribbonTabs, { action: `show the ${name} ribbon` })).join("")}</div>`;
    builder.region = "the ribbon";
    const clipboard = `<div class="rgroup"><div class="row">${builder.button("Paste", { icon: "paste", action: "paste from the clipboard", className: "big" })}<div class="col" style="gap:0">${builder.button("Cut", { icon: "cut", variant: "ghost", action: "cut the selection" })}${builder.button("Copy", { icon: "copy", variant: "ghost", action: "copy the selection" })}</div></div><div class="rlabel">Clipboard</div></div>`;
    const fontTools = builder.group("the Font group", "tool");
    const font = `<div class="rgroup"><div class="row">${builder.select(undefined, random.pick(["Calibri", "Noto Sans", "Roboto"]), { action: "choose the font" })}${builder.select(undefined, "11", { action: "choose the font size" })}</div><div class="row">${["bold", "italic", "underline", "format_strikethrough", "format_color_text", "format_color_fill"].map((key) => builder.iconButton(key, { group: fontTools })).join("")}</div><div class="rlabel">Font</div></div>`;
    const paragraphTools = builder.group("the Paragraph group", "tool");
    const paragraphGroup = `<div class="rgroup"><div class="row">${["bulleted list", "numbered list", "format_indent_decrease", "format_indent_increase"].map((key) => builder.iconButton(key, { group: paragraphTools })).join("")}</div><div class="row">${["align left", "align center", "align right", "format_align_justify", "format_line_spacing"].map((key) => builder.iconButton(key, { group: paragraphTools })).join("")}</div><div class="rlabel">Paragraph</div></div>`;
    const styles = builder.group("the Styles gallery", "style");
    const styleGroup = `<div class="rgroup"><div class="row">${["Normal", "No Spacing", "Heading 1", "Heading 2", "Title"].map((name) => builder.button(name, { group: styles, action: `apply the ${name} style`, className: "style-chip" })).join("")}</div><div class="rlabel">Styles</div></div>`;
    const editing = `<div class="rgroup"><div class="col" style="gap:0">${builder.button("Find", { icon: "search", variant: "ghost", action: "find text in the document" })}${builder.button("Replace", { icon: "sync", variant: "ghost", action: "replace text" })}${builder.button("Select", { icon: "select", variant: "ghost", action: "select text or objects" })}</div><div class="rlabel">Editing</div></div>`;
    builder.css += `.ribbon{display:flex;align-items:stretch;gap:2px;padding:4px 8px;background:var(--surface);border-bottom:1px solid var(--border)}.rgroup{display:flex;flex-direction:column;justify-content:space-between;padding:2px 8px;border-right:1px solid var(--border)}
.rlabel{text-align:center;color:var(--muted);font-size:.85em}.big{flex-direction:column;padding:4px 8px}.big .ic{font-size:28px}.style-chip{font-size:.9em;padding:2px 8px}.ribbon .btn.ghost{padding:1px 6px;min-height:0}`;
    const ribbon = `<div class="ribbon">${clipboard}${font}${paragraphGroup}${styleGroup}${editing}</div>`;
    builder.region = "the document";
    const page = `<div style="flex:1;background:var(--surface2);overflow:hidden;padding:20px"><div style="max-width:760px;margin:0 auto;background:#fff;color:#222;padding:56px;min-height:100%"><h1 style="font-size:1.6em">${paragraph(random, 1).split(" ").slice(0, 4).join(" ")}</h1><p>${paragraph(random, 6)}</p>${picture(random, "50%", "8em")}<p>${paragraph(random, 5)}</p></div></div>`;
    return windowFrame([title, tabs, ribbon], page, statusBar([`Page 1 of ${random.int(1, 20)}`, `${random.int(50, 9000)} words`, `Zoom ${random.pick([80, 100, 120])}%`]));
  },
};

export const dialogFamily: Family = {
  name: "desktop-dialog",
  kind: "desktop",
  build(builder) {
    const random = builder.random;
    const backgroundTitle = titleBar(builder, random.pick(["Image Viewer", "Project Manager", "Mail", "Music"]));
    const backMenus = menuBar(builder, ["File", "Edit", "View", "Help"]);
    builder.region = "the dialog";
    const kind = random.pick(["preferences", "confirm", "print"] as const);
    const dialogTitle = kind === "preferences" ? "Preferences" : kind === "confirm" ? random.pick(["Save changes?", "Delete file?", "Unsaved changes"]) : "Print";
    const tabs = builder.group("the dialog tabs", "tab");
    let content = "";
    if (kind === "preferences") {
      content =
        `<div class="tabs">${["General", "Appearance", "Shortcuts", "Advanced"].map((text, index) => builder.tab(text, index === 0, tabs)).join("")}</div>` +
        random.sample(SETTINGS_LABELS, random.int(3, 5)).map((label) => `<div>${builder.checkbox(label, random.chance(0.5))}</div>`).join("") +
        builder.select("Language", random.pick(["English", "Deutsch", "Español"]), { labelPosition: "left", choices: ["Français"] }) +
        builder.slider("Font size", random.int(10, 90)) +
        builder.textField({ label: "Default folder", value: `/home/user/${random.pick(FOLDERS)}`, labelPosition: "left", action: "change the default folder" }) +
        builder.button("Browse...", { action: "browse for a folder" });
    } else if (kind === "confirm") {
      content = `<div class="row" style="align-items:flex-start">${builder.glyph(builder.icon("warning"), "bigicon")}<p>Do you want to save the changes you made to "${random.pick(FILE_STEMS)}.${random.pick(FILE_EXTENSIONS)}"? ${random.pick(["Your changes will be lost if you don't save them.", "This action cannot be undone."])}</p></div>${random.chance(0.5) ? builder.checkbox("Don't ask me again", false) : ""}`;
    } else {
      content =
        builder.select("Printer", random.pick(["HP LaserJet", "Office Printer", "Save as PDF"]), { labelPosition: "left", choices: ["Canon"] }) +
        builder.textField({ label: "Copies", value: "1", labelPosition: "left", action: "set the number of copies" }) +
        `<div>${["All pages", "Current page", "Pages:"].map((label, index) => builder.radio(label, index === 0, "range")).join("<br>")}</div>` +
        builder.select("Orientation", "Portrait", { labelPosition: "left", choices: ["Landscape"] }) +
        builder.checkbox("Print in color", true);
    }
    const commands = kind === "confirm" ? [["Save", "save the changes"], ["Don't Save", "close without saving"], ["Cancel", "cancel and keep editing"]] : [["OK", "accept and close the dialog"], ["Cancel", "close the dialog without changes"], ["Apply", "apply the settings"]];
    const buttons = commands.map(([text = "", action], index) => builder.button(text, { variant: index === 0 ? "primary" : "secondary", action })).join("");
    const helpButton = random.chance(0.4) ? builder.iconButton("help", { action: "show help for this dialog" }) : "";
    builder.css += `.dialog{position:absolute;left:50%;top:45%;transform:translate(-50%,-50%);width:min(90vw,${random.int(380, 560)}px);background:var(--surface);border:1px solid var(--border);border-radius:min(var(--radius),10px);box-shadow:0 12px 40px rgba(0,0,0,.35)}
.dialog-head{display:flex;align-items:center;padding:8px 12px;border-bottom:1px solid var(--border);font-weight:600}.dialog-body{padding:12px 16px}.dialog-foot{display:flex;gap:8px;justify-content:flex-end;padding:10px 16px;border-top:1px solid var(--border)}.bigicon{font-size:40px;color:#e0a000}`;
    const closeButton = builder.iconButton("close", { action: "close the dialog" });
    builder.region = "the window";
    const backdrop = `<div style="flex:1;padding:24px;opacity:.55;display:grid;grid-template-columns:repeat(5,1fr);gap:16px">${Array.from({ length: 10 }, () => picture(random, "100%", "110px")).join("")}</div>`;
    const dialog = `<div class="dialog"><div class="dialog-head"><span class="grow">${dialogTitle}</span>${helpButton}${closeButton}</div><div class="dialog-body">${content}</div><div class="dialog-foot">${buttons}</div></div>`;
    return windowFrame([backgroundTitle, backMenus], backdrop + dialog);
  },
};

export const fileManagerFamily: Family = {
  name: "desktop-file-manager",
  kind: "desktop",
  build(builder) {
    const random = builder.random;
    const folder = random.pick(FOLDERS);
    const title = titleBar(builder, `${folder} - Files`);
    builder.region = "the toolbar";
    const nav = builder.group("the navigation buttons", "button");
    const toolbar = `<div class="toolbar" style="gap:4px;padding:4px 8px">${["back", "forward", "arrow_upward", "refresh"].map((key) => builder.iconButton(key, { group: nav })).join("")}<div class="grow" style="max-width:50%">${builder.textField({ value: `/home/user/${folder}`, action: "edit the folder path" })}</div>${builder.textField({ placeholder: `Search ${folder}`, icon: "search", action: "search in this folder" })}<div class="grow"></div>${builder.iconButton("grid view")}${builder.iconButton("list view")}${builder.iconButton("new folder")}${builder.iconButton("more vertical")}</div>`;
    builder.region = "the folder tree";
    const tree = builder.group("the folder tree", "folder");
    const treeHtml = [
      builder.treeItem("Home", 0, tree, { icon: "home", expanded: true }),
      ...random.sample(FOLDERS, random.int(6, 11)).map((name) => builder.treeItem(name, 1, tree, { expanded: random.chance(0.2) ? true : false, selected: name === folder })),
      builder.treeItem("Trash", 0, tree, { icon: "trash" }),
      builder.treeItem("Network", 0, tree, { icon: "language", expanded: false }),
    ].join("");
    builder.region = "the file list";
    const files = builder.group("the file list", "file");
    const rows = Array.from({ length: random.int(8, 20) }, () => {
      const name = fileName(random);
      return `<tr${builder.mark({ role: "listitem", text: name, icon: undefined, action: `open ${name}`, label: undefined, group: files })}><td>${builder.glyph(builder.icon(name.endsWith(".png") || name.endsWith(".jpg") ? "image" : "file"))} ${name}</td><td class="muted">${random.int(1, 28)} ${random.pick(["Jan", "Feb", "Mar", "Apr"])} ${random.int(2019, 2025)}</td><td class="muted">${random.int(1, 999)} ${random.pick(["KB", "MB"])}</td><td class="muted">${name.split(".").pop()?.toUpperCase()} file</td></tr>`;
    }).join("");
    const main = `<aside style="width:${random.int(12, 16)}em;padding:6px;border-right:1px solid var(--border);background:var(--surface);overflow:hidden">${treeHtml}</aside><main class="grow" style="overflow:hidden"><table><tr><th>Name</th><th>Modified</th><th>Size</th><th>Type</th></tr>${rows}</table></main>`;
    return windowFrame([title, toolbar], main, statusBar([`${random.int(8, 60)} items`, `${random.int(1, 90)} GB free`]));
  },
};
