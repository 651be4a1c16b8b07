/**
 * Turns an instruction ("click the 'Save' button") into the text to look for on screen. Pure.
 */
import { withoutElementNoun } from "./element-nouns.js";

/** Words that name what kind of element the target is; stripped from the text, kept as hints. */
export const roleWords: ReadonlySet<string> = new Set([
  "button", "buttons", "btn", "link", "links", "hyperlink", "field", "input", "textbox", "textfield", "box",
  "tab", "tabs", "icon", "icons", "menu", "menuitem", "item", "checkbox", "check", "radio", "option",
  "dropdown", "combobox", "select", "toggle", "switch", "label", "text", "heading", "title", "entry", "element",
  "area", "bar", "toolbar", "panel", "section", "row", "cell", "column", "card", "image", "logo", "symbol",
]);

/** Leading verbs of an instruction ("click", "open" …); stripped. */
const verbs = new Set([
  "click", "clicks", "tap", "press", "push", "hit", "open", "select", "choose", "pick", "toggle", "check",
  "uncheck", "tick", "untick", "enable", "disable", "activate", "focus", "go", "navigate", "find", "locate",
  "show", "view", "type", "enter", "fill", "use", "double-click", "doubleclick", "right-click", "hover", "turn", "drag",
  "adjust", "change", "edit", "set", "visit", "launch", "start", "access", "expand", "collapse", "switch",
]);

const articles = new Set(["the", "a", "an", "my", "your", "this", "that"]);

/** Little words that do not identify a target on their own. */
const fillerWords = new Set(["the", "a", "an", "on", "at", "to", "into", "in", "onto", "over", "of", "for", "my", "your", "this", "that", "please", "with"]);

/** What to look for, derived from an instruction. */
export interface TargetText {
  /**
   * Readings of the target's text, most likely first, each a list of normalised words: the quoted
   * text when there is one; the instruction without its leading verb, fillers and role words; then
   * with the verb kept ("Select all" is a label as often as it is a command).
   */
  readonly variants: readonly (readonly string[])[];
  /** True when the first variant is quoted text from the instruction. */
  readonly quoted: boolean;
  /** Role words found in the instruction ("button", "link" …). */
  readonly roles: readonly string[];
}

/**
 * Normalises text for comparison: Unicode compatibility forms, lower case, accents removed,
 * punctuation and symbols turned into spaces (CJK characters kept), spaces collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// Single quotes only where they are not apostrophes ("don't"): not between Latin letters.
const quotePattern = /["“”„«»「」『』]([^"“”„«»「」『』]+)["“”„«»「」『』]|(?<![A-Za-z])['‘’]([^'‘’]+)['‘’](?![A-Za-z])/u;

/** Role words of Chinese instructions, written onto the label ("登录按钮" = the login button). */
const cjkRoleSuffix = /(按钮|输入框|搜索框|文本框|复选框|勾选框|单选框|下拉框|图标|链接|菜单|选项卡|标签页|标签|开关|文字|区域)$/u;

/** Leading verbs of Chinese instructions ("点击登录"), written without a space. */
const cjkVerbPrefix = /^(点击|单击|双击|右键点击|右击|选择|选中|打开|输入|按下|按|点|勾选|切换到|切换|进入|找到)/u;

/**
 * Reads the target text of an instruction: quoted text first; then the words left when leading
 * verbs ("click on"), fillers ("the") and role words ("button") are stripped from the ends; then the
 * same with the verb kept. When stripping would leave nothing, the role words are the text ("menu").
 */
export function parseInstruction(instruction: string): TargetText {
  const quoteMatch = quotePattern.exec(instruction);
  const allWords = normalizeText(instruction)
    .split(" ")
    .filter((word) => word !== "");
  if (allWords[0] !== undefined && cjkVerbPrefix.test(allWords[0]) && allWords[0].replace(cjkVerbPrefix, "") !== "") {
    allWords.splice(0, 1, allWords[0].replace(cjkVerbPrefix, ""));
  }
  const roles = allWords.filter((word) => roleWords.has(word));
  const last = allWords[allWords.length - 1];
  if (last !== undefined && cjkRoleSuffix.test(last)) {
    roles.push(/(按钮|图标|链接|菜单)$/u.exec(last)?.[1] ?? "field");
    const label = last.replace(cjkRoleSuffix, "");
    if (label !== "") allWords.splice(allWords.length - 1, 1, label);
  }
  const variants: string[][] = [];
  const add = (words: readonly string[]): void => {
    if (words.length > 0 && !variants.some((variant) => variant.join(" ") === words.join(" "))) variants.push([...words]);
  };
  const quotedText = quoteMatch?.[1] ?? quoteMatch?.[2];
  const quoted = quotedText !== undefined && normalizeText(quotedText) !== "";
  if (quoted) add(normalizeText(quotedText).split(" "));
  let stripped = [...allWords];
  // "click on the", "go to", "double click": one verb, with fillers around it, at the front. One only:
  // a second is a label ("click Find", "open View").
  let verbSeen = false;
  while (stripped.length > 1) {
    const first = stripped[0] ?? "";
    if (fillerWords.has(first) || first === "double" || first === "right" || (verbSeen && first === "off")) stripped = stripped.slice(1);
    else if (verbs.has(first) && !verbSeen) {
      verbSeen = true;
      stripped = stripped.slice(1);
    } else break;
  }
  add(withoutEnds(stripped));
  add(withoutEnds(allWords));
  add(stripped);
  return { variants, quoted, roles };
}

/** Drops leading fillers, a trailing "please", then one trailing element noun ("job title text field" → "job title"). */
function withoutEnds(words: readonly string[]): string[] {
  let start = 0;
  let end = words.length;
  while (start < end && fillerWords.has(words[start] ?? "")) start += 1;
  while (end > start && (words[end - 1] === "please" || articles.has(words[end - 1] ?? ""))) end -= 1;
  const phrase = words.slice(start, end).join(" ");
  const { rest } = withoutElementNoun(phrase);
  return rest === "" ? [] : rest.split(" ");
}

/** Whether a word is a filler that does not identify a target ("the", "of" …). */
export function isFillerWord(word: string): boolean {
  return fillerWords.has(word);
}
