/** Dense professional desktop tools: IDE, spreadsheet, image/3D editor with property panels. */
import { randomLigatures } from "../icons.js";
import { FILE_STEMS, FIRST_NAMES, FOLDERS, PRODUCTS } from "../words.js";
import { picture } from "./parts.js";
import { iconToolbar, menuBar, statusBar, titleBar, windowFrame } from "./desktop-chrome.js";
import type { Family } from "./parts.js";

const CODE_WORDS = "const let function return if else for await async import export from class new this".split(" ");

export const ideFamily: Family = {
  name: "desktop-ide",
  kind: "pro",
  build(builder) {
    const random = builder.random;
    const files = random.sample(FILE_STEMS, 8).map((stem) => `${stem}.${random.pick(["ts", "py", "json", "md", "css"])}`);
    const title = titleBar(builder, `${files[0]} — ${random.pick(["my-app", "backend", "website", "toolkit"])} — ${random.pick(["CodeStudio", "Editor X", "DevPad"])}`);
    const menus = menuBar(builder, ["File", "Edit", "View", "Tools", "Window", "Help"], { open: random.chance(0.25) });
    builder.region = "the activity bar";
    const activity = builder.group("the activity bar", "icon");
    const activityBar = `<div class="col" style="gap:2px;padding:4px 2px;background:var(--surface2);border-right:1px solid var(--border)">${["file", "search", "branch", "bug", "extension", ...randomLigatures(random, random.int(0, 3))].map((key) => builder.iconButton(key, { group: activity })).join("")}<div class="grow"></div>${builder.iconButton("account")}${builder.iconButton("settings")}</div>`;
    builder.region = "the explorer";
    const explorer = builder.group("the explorer", "file");
    const tree = [builder.treeItem(random.pick(FOLDERS), 0, explorer, { expanded: true }), builder.treeItem("src", 1, explorer, { expanded: true }), ...files.map((file) => builder.treeItem(file, 2, explorer, { icon: "file", action: `open ${file}` })), builder.treeItem("package.json", 1, explorer, { icon: "file", action: "open package.json" })].join("");
    const explorerPane = `<aside style="width:${random.int(13, 18)}em;background:var(--surface);border-right:1px solid var(--border);overflow:hidden;padding:4px 0"><div class="row muted" style="padding:2px 8px;font-size:.85em;letter-spacing:.05em">EXPLORER<div class="grow"></div>${builder.iconButton("add", { action: "create a new file" })}${builder.iconButton("new folder")}${builder.iconButton("refresh", { action: "refresh the explorer" })}</div>${tree}</aside>`;
    builder.region = "the editor tabs";
    const tabs = builder.group("the editor tabs", "tab");
    const tabBar = `<div class="tabs" style="background:var(--surface2);gap:0">${files.slice(0, random.int(2, 5)).map((file, index) => builder.tab(file, index === 0, tabs, { action: `switch to ${file}` })).join("")}<div class="grow"></div>${builder.iconButton("run", { action: "run the program" })}${builder.iconButton("split")}${builder.iconButton("more horizontal")}</div>`;
    const lines = Array.from({ length: 40 }, (_, index) => {
      const indent = "&nbsp;".repeat(random.int(0, 3) * 2);
      const words = Array.from({ length: random.int(2, 7) }, () => (random.chance(0.35) ? `<span style="color:var(--accent)">${random.pick(CODE_WORDS)}</span>` : random.pick(FILE_STEMS))).join(" ");
      return `<div><span class="muted" style="display:inline-block;width:3em;text-align:right;margin-right:1em">${index + 1}</span>${indent}${words}${random.chance(0.5) ? ";" : " {"}</div>`;
    }).join("");
    builder.region = "the terminal panel";
    const panelTabs = builder.group("the panel tabs", "tab");
    const panel = `<div style="height:30%;border-top:1px solid var(--border);display:flex;flex-direction:column"><div class="tabs">${["Problems", "Output", "Terminal", "Debug Console"].map((text, index) => builder.tab(text, index === 2, panelTabs)).join("")}<div class="grow"></div>${builder.iconButton("add", { action: "open a new terminal" })}${builder.iconButton("trash", { action: "kill the terminal" })}${builder.iconButton("close", { action: "close the panel" })}</div><div style="font-family:var(--mono);padding:6px;overflow:hidden">$ npm test<br>✓ ${random.int(3, 90)} passing</div></div>`;
    builder.css += `:root{--mono:${builder.theme.monoFamily}}`;
    const editor = `<main class="grow col" style="gap:0;min-width:0">${tabBar}<div class="grow" style="font-family:var(--mono);padding:6px;overflow:hidden;white-space:nowrap">${lines}</div>${panel}</main>`;
    return windowFrame([title, menus], activityBar + explorerPane + editor, statusBar([`main`, `Ln ${random.int(1, 300)}, Col ${random.int(1, 80)}`, "UTF-8", random.pick(["TypeScript", "Python", "JSON"])]));
  },
};

function columnName(index: number): string {
  return String.fromCharCode(65 + index);
}

export const spreadsheetFamily: Family = {
  name: "desktop-spreadsheet",
  kind: "desktop",
  build(builder) {
    const random = builder.random;
    const title = titleBar(builder, `${random.pick(FILE_STEMS)}.xlsx - ${random.pick(["Calc", "Sheets", "Tables"])}`);
    const menus = menuBar(builder, ["File", "Edit", "View", "Insert", "Format", "Tools", "Help"]);
    builder.region = "the toolbar";
    const tools = builder.group("the toolbar", "tool");
    const toolbar = iconToolbar(builder, ["save", "undo", "redo", "print", "|", "bold", "italic", "underline", "format_color_fill", "border_all", "|", "align left", "align center", "align right", "|", "attach_money", "percent", "functions", "sort", "filter", "chart", "|", ...randomLigatures(random, random.int(2, 6))], tools);
    const columns = random.int(7, 12);
    const rows = random.int(18, 30);
    const selected = { row: random.int(1, 8), column: random.int(0, 4) };
    builder.region = "the formula bar";
    const formula = `<div class="row" style="padding:2px 6px;border-bottom:1px solid var(--border);gap:6px">${builder.textField({ value: `${columnName(selected.column)}${selected.row + 1}`, action: "go to a cell by its name", style: "width:5em" })}<span class="ic mi muted">${builder.icon("functions").glyph}</span><div class="grow">${builder.textField({ value: `=SUM(B2:B${random.int(5, 20)})`, action: "edit the formula of the selected cell", style: "width:100%" })}</div></div>`;
    builder.region = "the sheet";
    const headerRow = `<tr><th class="rh"></th>${Array.from({ length: columns }, (_, index) => `<th class="ch">${columnName(index)}</th>`).join("")}</tr>`;
    const header = ["Item", "Qty", "Price", "Total", "Owner", "Region", "Q1", "Q2", "Q3", "Q4", "Notes", "Status"];
    const body = Array.from({ length: rows }, (_, row) => {
      const cells = Array.from({ length: columns }, (_, column) => {
        const text = row === 0 ? (header[column] ?? "") : column === 0 ? random.pick(PRODUCTS) : column === 4 ? random.pick(FIRST_NAMES) : random.chance(0.85) ? String(random.int(1, 9999)) : "";
        const name = `${columnName(column)}${row + 1}`;
        const annotated = (row < 12 && column < 6 && random.chance(0.35)) || (row === selected.row && column === selected.column);
        const className = row === selected.row && column === selected.column ? "selcell" : row === 0 ? "hdr" : "";
        return annotated ? builder.cell(text, { label: `cell ${name}`, action: `select cell ${name}`, className }) : `<td class="${className}">${text}</td>`;
      }).join("");
      return `<tr><th class="rh">${row + 1}</th>${cells}</tr>`;
    }).join("");
    builder.region = "the sheet tabs";
    const sheets = builder.group("the sheet tabs", "sheet");
    const sheetTabs = `<div class="row" style="gap:0;border-top:1px solid var(--border);background:var(--surface)">${builder.iconButton("add", { action: "add a new sheet" })}${["Sheet1", "Summary", random.pick(["Data", "2024", "Budget"])].map((name, index) => builder.tab(name, index === 0, sheets)).join("")}</div>`;
    builder.css += `.sheet td,.sheet th{border:1px solid var(--border);padding:1px 4px;min-width:5.5em;height:1.6em;font-size:.95em}.sheet .rh{min-width:2.5em;text-align:center;background:var(--surface2);color:var(--muted)}.sheet .ch{text-align:center;background:var(--surface2)}.selcell{outline:2px solid var(--accent);outline-offset:-2px}.hdr{font-weight:700}`;
    return windowFrame([title, menus, toolbar, formula], `<div class="grow" style="overflow:hidden"><table class="sheet" style="width:auto">${headerRow}${body}</table></div>`, sheetTabs);
  },
};

export const proToolFamily: Family = {
  name: "desktop-pro-tool",
  kind: "pro",
  build(builder) {
    const random = builder.random;
    const app = random.pick(["PixelForge", "Meshwork 3D", "VectorLab", "CADia", "ClipCut Pro"]);
    const title = titleBar(builder, `${random.pick(FILE_STEMS)}.${random.pick(["psd", "blend", "svg", "dwg", "prproj"])} @ ${random.pick([33, 50, 66, 100])}% - ${app}`);
    const menus = menuBar(builder, ["File", "Edit", "View", "Insert", "Tools", "Window", "Help"], { open: random.chance(0.2) });
    builder.region = "the options bar";
    const options = `<div class="toolbar" style="gap:8px;padding:2px 8px">${builder.select("Mode", random.pick(["Normal", "Multiply", "Screen"]), { labelPosition: "left", action: "choose the blend mode", choices: ["Overlay"] })}${builder.textField({ label: "Size", value: `${random.int(1, 200)} px`, labelPosition: "left", action: "set the brush size", style: "width:5em" })}${builder.checkbox("Anti-alias", random.chance(0.7))}${builder.checkbox("Snap", random.chance(0.5))}</div>`;
    builder.region = "the tools panel";
    const tools = builder.group("the tools panel", "tool");
    const toolKeys = ["select", "move", "crop", "brush", "eyedropper", "text tool", "zoom in", "rotate", "format_shapes", "gesture", "pan_tool", "square_foot", "auto_fix_high", "blur_on", "gradient", "straighten", "timeline", "pentagon"];
    const toolPanel = `<div style="display:grid;grid-template-columns:repeat(${random.int(1, 2)},auto);gap:1px;align-content:start;padding:3px;background:var(--surface);border-right:1px solid var(--border)">${[...random.sample(toolKeys, random.int(10, 16)), ...randomLigatures(random, random.int(2, 8))].map((key) => builder.iconButton(key, { group: tools })).join("")}</div>`;
    builder.region = "the canvas";
    const canvas = `<main class="grow" style="display:flex;align-items:center;justify-content:center;background:var(--surface2);overflow:hidden">${picture(random, "60%", "70%")}</main>`;
    builder.region = "the properties panel";
    const panelTabs = builder.group("the panel tabs", "tab");
    const sliders = random.sample(["Opacity", "Brightness", "Contrast", "Saturation", "Exposure", "Hue", "Roughness", "Metallic", "Strength", "Feather", "Radius", "Smoothing"], random.int(4, 7)).map((label) => builder.slider(label, random.int(0, 100), { context: "in the properties panel" })).join("");
    const transform = ["X", "Y", "W", "H", "Angle"].map((axis) => builder.textField({ label: axis, value: String(random.int(-500, 2000)), labelPosition: "left", action: `set the ${axis === "W" ? "width" : axis === "H" ? "height" : axis === "Angle" ? "rotation angle" : `${axis} position`}`, className: "num" })).join("");
    builder.region = "the layers panel";
    const layers = builder.group("the layers panel", "layer");
    const layerRows = Array.from({ length: random.int(4, 8) }, (_, index) => {
      const name = index === 0 ? "Background" : `${random.pick(["Layer", "Shape", "Text", "Group", "Mask"])} ${index}`;
      return `<div class="row layer" style="gap:4px">${builder.iconButton("visibility", { action: `hide or show ${name}`, context: `for ${name}` })}${builder.listItem(`<span>${name}</span>`, name, layers, { action: `select the layer ${name}`, className: "grow" })}${builder.iconButton("lock", { action: `lock ${name}`, context: `for ${name}` })}</div>`;
    }).join("");
    const layerTools = builder.group("the layer buttons", "button");
    const layerBar = iconToolbar(builder, ["add", "new folder", "layers", "tune", "trash"], layerTools, "toolbar layer-bar");
    builder.region = "the properties panel";
    const panel = `<aside style="width:${random.int(16, 22)}em;background:var(--surface);border-left:1px solid var(--border);overflow:hidden;display:flex;flex-direction:column"><div class="tabs">${["Properties", "Adjustments", "History"].map((text, index) => builder.tab(text, index === 0, panelTabs)).join("")}</div><div style="padding:4px 8px">${sliders}<div style="display:grid;grid-template-columns:1fr 1fr;column-gap:6px">${transform}</div></div><div class="muted" style="padding:4px 8px;font-weight:600">Layers</div><div style="padding:0 4px">${layerRows}</div>${layerBar}</aside>`;
    builder.css += `.layer .li{padding:2px 4px;border:none}.field.left label{min-width:1.5em}.num{width:5em}.slider-label{min-width:5.5em}.field{margin:2px 0}.layer-bar{border-top:1px solid var(--border)}`;
    return windowFrame([title, menus, options], toolPanel + canvas + panel, statusBar([`${random.int(800, 8000)} × ${random.int(600, 6000)} px`, `${random.pick([8, 16, 32])}-bit`, "RGB"]));
  },
};
