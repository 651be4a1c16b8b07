/** The base stylesheet of every synthetic screen, driven by a {@link Theme}. */
import type { Theme } from "./theme.js";

/** CSS for the controls `PageBuilder` emits, plus the page reset (no scrollbars, fixed viewport). */
export function baseStylesheet(theme: Theme): string {
  const pad = (px: number): string => `${Math.max(1, Math.round(px * theme.density))}px`;
  const radius = `${theme.radius}px`;
  return `
:root{--bg:${theme.background};--surface:${theme.surface};--surface2:${theme.surfaceAlt};--fg:${theme.text};--muted:${theme.mutedText};
--border:${theme.border};--accent:${theme.accent};--accent-fg:${theme.accentText};--danger:${theme.danger};--sel:${theme.selection};
--screen-h:100vh;--radius:${radius};--fs:${theme.fontSize}px;--icon:${theme.iconSize}px;--p1:${pad(4)};--p2:${pad(8)};--p3:${pad(12)};--p4:${pad(16)};--p6:${pad(24)};}
*{box-sizing:border-box}
html,body{margin:0;width:100vw;height:100vh;overflow:hidden;background:var(--bg);color:var(--fg);font-family:${theme.fontFamily};font-size:var(--fs);line-height:1.35;color-scheme:${theme.dark ? "dark" : "light"};accent-color:var(--accent)}
.ic{font-size:var(--icon);line-height:1;display:inline-block;vertical-align:middle;font-weight:normal;font-style:normal;flex:none}
.mi{font-family:"Material Icons"}.fa{font-family:"FontAwesome"}
.btn{font:inherit;display:inline-flex;align-items:center;gap:var(--p1);padding:var(--p1) var(--p3);min-height:calc(var(--fs) * 2.1);border-radius:var(--radius);border:1px solid var(--border);background:var(--surface);color:var(--fg);cursor:pointer;white-space:nowrap}
.btn.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
.btn.ghost{background:transparent;border-color:transparent}
.btn.danger{background:var(--danger);color:#fff;border-color:var(--danger)}
.btn.link{background:transparent;border:none;color:var(--accent);padding:0 var(--p1)}
.btn .ic{font-size:calc(var(--icon) * 0.9)}
.ibtn{font:inherit;display:inline-flex;align-items:center;justify-content:center;padding:var(--p1);border:none;background:transparent;color:var(--fg);border-radius:var(--radius);cursor:pointer}
.ibtn.boxed{border:1px solid var(--border);background:var(--surface)}
.lnk{color:var(--accent);text-decoration:none}.lnk .ic{margin-right:4px;font-size:1.1em}
.field{display:flex;flex-direction:column;gap:var(--p1);margin:var(--p2) 0}.field.left{flex-direction:row;align-items:center;gap:var(--p2)}
.field.left label{min-width:7em;color:var(--muted)}.field label{font-weight:500}
.input,.select{font:inherit;color:var(--fg);background:var(--surface);border:1px solid var(--border);border-radius:min(var(--radius),8px);padding:var(--p1) var(--p2);min-height:calc(var(--fs) * 2.2);min-width:0}
.input::placeholder{color:var(--muted)}
.input-wrap{display:flex;align-items:center;gap:var(--p1);background:var(--surface);border:1px solid var(--border);border-radius:min(var(--radius),18px);padding:0 var(--p2)}
.input-wrap .input{border:none;background:transparent;flex:1}.input-wrap .ic{color:var(--muted);font-size:calc(var(--icon)*0.9)}
.chk{display:inline-flex;align-items:center;gap:var(--p1);margin:var(--p1) var(--p2) var(--p1) 0;cursor:pointer}
.chk input{margin:0;width:calc(var(--fs) * 1.05);height:calc(var(--fs) * 1.05)}
.toggle-row{display:flex;align-items:center;justify-content:space-between;gap:var(--p3);padding:var(--p2) 0}
.switch{display:inline-block;position:relative;width:calc(var(--fs) * 2.6);height:calc(var(--fs) * 1.45);border-radius:999px;background:var(--border);flex:none;cursor:pointer}
.switch .knob{position:absolute;top:2px;left:2px;width:calc(var(--fs) * 1.45 - 4px);height:calc(var(--fs) * 1.45 - 4px);border-radius:50%;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.3)}
.switch.on{background:var(--accent)}.switch.on .knob{left:auto;right:2px}
.slider-row{display:flex;align-items:center;gap:var(--p2);padding:var(--p1) 0}.slider-row input{flex:1;min-width:40px;margin:0}
.slider-label{min-width:6em;color:var(--muted)}.slider-value{min-width:2.5em;text-align:right;font-variant-numeric:tabular-nums}
.tabs{display:flex;gap:var(--p1);border-bottom:1px solid var(--border)}
.tab{display:inline-flex;align-items:center;gap:var(--p1);padding:var(--p2) var(--p3);cursor:pointer;color:var(--muted);border-bottom:2px solid transparent;white-space:nowrap}
.tab.active{color:var(--fg);border-bottom-color:var(--accent);font-weight:600}
.mitem{display:flex;align-items:center;gap:var(--p2);padding:var(--p1) var(--p2);cursor:pointer;border-radius:min(var(--radius),6px);white-space:nowrap}
.mitem.active{background:var(--sel)}.mitem .mtext{flex:1}.mitem .shortcut{color:var(--muted);font-size:.9em;margin-left:var(--p4)}
.badge{background:var(--accent);color:var(--accent-fg);border-radius:999px;padding:0 6px;font-size:.8em;min-width:1.5em;text-align:center}
.li{display:flex;align-items:center;gap:var(--p2);padding:var(--p2) var(--p3);border-bottom:1px solid var(--border);cursor:pointer}
.ti{display:flex;align-items:center;gap:4px;padding-top:2px;padding-bottom:2px;white-space:nowrap;cursor:pointer}.ti.selected{background:var(--sel)}
.ti .caret{display:inline-block;width:10px;color:var(--muted);font-size:.8em}.ti .ic{font-size:calc(var(--icon)*0.9);color:var(--accent)}
.card{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:var(--p4)}
.muted{color:var(--muted)}.row{display:flex;align-items:center;gap:var(--p2)}.col{display:flex;flex-direction:column;gap:var(--p2)}.grow{flex:1;min-width:0}
.toolbar{display:flex;align-items:center;gap:1px;padding:2px 6px;background:var(--surface);border-bottom:1px solid var(--border)}.toolbar .ibtn{padding:3px}
.sep{width:1px;align-self:stretch;background:var(--border);margin:0 var(--p1)}
h1{font-size:1.8em;margin:0 0 var(--p3)}h2{font-size:1.35em;margin:0 0 var(--p2)}h3{font-size:1.1em;margin:0 0 var(--p2)}p{margin:0 0 var(--p2)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:var(--p1) var(--p2);border-bottom:1px solid var(--border);white-space:nowrap}th{color:var(--muted);font-weight:600}
.avatar{display:inline-flex;align-items:center;justify-content:center;width:2.2em;height:2.2em;border-radius:50%;color:#fff;font-weight:600;flex:none}
.img{border-radius:var(--radius);flex:none}
`;
}

/** Wraps a body into a complete HTML document with the base and family CSS. */
export function htmlDocument(theme: Theme, familyCss: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${baseStylesheet(theme)}${familyCss}</style></head><body>${body}</body></html>`;
}
