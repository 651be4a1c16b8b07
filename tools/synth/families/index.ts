/** Every layout family, in a fixed order (screen `i` of a dataset uses family `i mod n`). */
import { dialogFamily, editorFamily, fileManagerFamily, ribbonFamily } from "./desktop-apps.js";
import { ideFamily, proToolFamily, spreadsheetFamily } from "./desktop-pro.js";
import { mobileChatFamily, mobileFeedFamily, mobileListFamily, mobileSettingsFamily, mobileSheetFamily } from "./mobile.js";
import type { Family } from "./parts.js";
import { articleFamily, docsFamily, searchResultsFamily } from "./web-content.js";
import { dashboardFamily, dataTableFamily, mailFamily, shopFamily } from "./web-apps.js";
import { loginFamily, settingsFamily, signupFamily } from "./web-forms.js";
import { calendarFamily, kanbanFamily } from "./web-planning.js";

export type { Family } from "./parts.js";

/** All families: 12 web, 7 desktop, 5 mobile. */
export const FAMILIES: readonly Family[] = [
  loginFamily,
  signupFamily,
  settingsFamily,
  dashboardFamily,
  shopFamily,
  mailFamily,
  dataTableFamily,
  docsFamily,
  searchResultsFamily,
  articleFamily,
  calendarFamily,
  kanbanFamily,
  editorFamily,
  ribbonFamily,
  dialogFamily,
  fileManagerFamily,
  ideFamily,
  spreadsheetFamily,
  proToolFamily,
  mobileListFamily,
  mobileFeedFamily,
  mobileSheetFamily,
  mobileSettingsFamily,
  mobileChatFamily,
];

/**
 * The families whose names match `filter` (comma-separated names or prefixes: "web", "desktop-ide").
 *
 * @throws Error listing the known names when nothing matches.
 */
export function selectFamilies(filter: string | undefined): readonly Family[] {
  if (!filter) return FAMILIES;
  const wanted = filter.split(",").map((part) => part.trim()).filter(Boolean);
  const chosen = FAMILIES.filter((family) => wanted.some((name) => family.name === name || family.name.startsWith(`${name}-`)));
  if (chosen.length === 0) throw new Error(`synth: no family matches "${filter}". Known: ${FAMILIES.map((family) => family.name).join(", ")}.`);
  return chosen;
}
