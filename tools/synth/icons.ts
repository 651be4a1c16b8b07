/**
 * Icon vocabulary: semantic icons (Material Icons and FontAwesome 4.7 names, synonyms, what
 * clicking does) and the full Material ligature list read from Debian's icon-font CSS.
 */
import { readFileSync } from "node:fs";

/** Debian's Material Icons CSS (class → code point); the font is installed system-wide. */
export const MATERIAL_CSS = "/usr/share/fonts-material-design-icons-iconfont/css/material-design-icons.css";
/** Debian's FontAwesome 4.7 CSS (`.fa-name:before { content: "\f000" }`). */
export const FONTAWESOME_CSS = "/usr/share/fonts-font-awesome/css/font-awesome.css";

/** One icon with meaning: how people call it and what it does when clicked. */
export interface SemanticIcon {
  /** Key used in annotations (`icon` field): a plain English name. */
  readonly key: string;
  /** Material Icons ligature name. */
  readonly material: string;
  /** FontAwesome 4.7 name (without `fa-`), or undefined when FA has none. */
  readonly fontAwesome: string | undefined;
  /** Names people use for it, first = the most common; all lower case. */
  readonly names: readonly string[];
  /** What clicking it does, as an imperative ("delete the selected item"). */
  readonly action: string;
  /** A short text label that often goes with it ("Delete"). */
  readonly label: string;
}

// key, material, fontAwesome, names (synonyms), action, label
const SEMANTIC_ROWS: readonly (readonly [string, string, string | undefined, string, string, string])[] = [
  ["trash", "delete", "trash", "trash|delete|bin|trash can|remove|garbage", "delete the selected item", "Delete"],
  ["settings", "settings", "cog", "gear|settings|preferences|cog|options", "open the settings", "Settings"],
  ["search", "search", "search", "search|magnifying glass|magnifier|find", "search", "Search"],
  ["home", "home", "home", "home|house", "go to the home page", "Home"],
  ["menu", "menu", "bars", "menu|hamburger menu|three lines|navigation menu", "open the navigation menu", "Menu"],
  ["close", "close", "times", "close|x|cross|dismiss", "close this window", "Close"],
  ["back", "arrow_back", "arrow-left", "back arrow|back|left arrow", "go back to the previous page", "Back"],
  ["forward", "arrow_forward", "arrow-right", "forward arrow|forward|right arrow", "go forward", "Forward"],
  ["refresh", "refresh", "refresh", "refresh|reload|circular arrow", "reload the content", "Refresh"],
  ["add", "add", "plus", "plus|add|new|create", "add a new item", "Add"],
  ["edit", "edit", "pencil", "pencil|edit|modify", "edit this item", "Edit"],
  ["save", "save", "floppy-o", "save|floppy disk|disk", "save the document", "Save"],
  ["share", "share", "share-alt", "share|share arrows", "share this", "Share"],
  ["download", "file_download", "download", "download|down arrow into tray", "download the file", "Download"],
  ["upload", "file_upload", "upload", "upload|up arrow", "upload a file", "Upload"],
  ["print", "print", "print", "print|printer", "print the document", "Print"],
  ["copy", "content_copy", "files-o", "copy|duplicate|two pages", "copy the selection", "Copy"],
  ["cut", "content_cut", "scissors", "cut|scissors", "cut the selection", "Cut"],
  ["paste", "content_paste", "clipboard", "paste|clipboard", "paste from the clipboard", "Paste"],
  ["undo", "undo", "undo", "undo|curved arrow left", "undo the last action", "Undo"],
  ["redo", "redo", "repeat", "redo|curved arrow right", "redo the last undone action", "Redo"],
  ["bold", "format_bold", "bold", "bold|b", "make the text bold", "Bold"],
  ["italic", "format_italic", "italic", "italic|i", "make the text italic", "Italic"],
  ["underline", "format_underlined", "underline", "underline|u", "underline the text", "Underline"],
  ["align left", "format_align_left", "align-left", "align left|left align", "align the text to the left", "Align left"],
  ["align center", "format_align_center", "align-center", "align center|center text|centre", "center the text", "Center"],
  ["align right", "format_align_right", "align-right", "align right|right align", "align the text to the right", "Align right"],
  ["bulleted list", "format_list_bulleted", "list-ul", "bulleted list|bullet points|unordered list", "start a bulleted list", "Bullets"],
  ["numbered list", "format_list_numbered", "list-ol", "numbered list|ordered list", "start a numbered list", "Numbering"],
  ["link", "link", "link", "link|chain|hyperlink", "insert a link", "Link"],
  ["image", "image", "picture-o", "image|picture|photo", "insert an image", "Image"],
  ["table", "table_chart", "table", "table|grid", "insert a table", "Table"],
  ["notifications", "notifications", "bell", "bell|notifications|alerts", "show the notifications", "Notifications"],
  ["account", "account_circle", "user-circle", "user|account|profile|person", "open your profile", "Account"],
  ["mail", "mail", "envelope", "envelope|mail|email|message", "open the mail", "Mail"],
  ["send", "send", "paper-plane", "send|paper plane", "send the message", "Send"],
  ["attach", "attach_file", "paperclip", "paperclip|attach|attachment", "attach a file", "Attach"],
  ["star", "star", "star", "star|favorite|bookmark star", "mark as favorite", "Star"],
  ["heart", "favorite", "heart", "heart|like|love", "like this", "Like"],
  ["bookmark", "bookmark", "bookmark", "bookmark|ribbon", "bookmark this page", "Bookmark"],
  ["calendar", "calendar_today", "calendar", "calendar|date", "open the calendar", "Calendar"],
  ["clock", "schedule", "clock-o", "clock|time|schedule", "set the time", "Schedule"],
  ["filter", "filter_list", "filter", "filter|funnel", "filter the results", "Filter"],
  ["sort", "sort", "sort", "sort|order", "sort the list", "Sort"],
  ["more vertical", "more_vert", "ellipsis-v", "three dots|more options|kebab menu|vertical ellipsis", "show more options", "More"],
  ["more horizontal", "more_horiz", "ellipsis-h", "three dots|more|ellipsis|overflow menu", "show more actions", "More"],
  ["info", "info", "info-circle", "info|information|i in a circle", "show more information", "Info"],
  ["help", "help", "question-circle", "help|question mark", "open the help", "Help"],
  ["warning", "warning", "exclamation-triangle", "warning|exclamation triangle|alert", "show the warnings", "Warnings"],
  ["lock", "lock", "lock", "lock|padlock", "lock this item", "Lock"],
  ["unlock", "lock_open", "unlock", "unlock|open padlock", "unlock this item", "Unlock"],
  ["visibility", "visibility", "eye", "eye|show|visibility|view", "toggle visibility", "Show"],
  ["hide", "visibility_off", "eye-slash", "crossed eye|hide|visibility off", "hide this", "Hide"],
  ["play", "play_arrow", "play", "play|triangle", "start playback", "Play"],
  ["pause", "pause", "pause", "pause|two bars", "pause playback", "Pause"],
  ["stop", "stop", "stop", "stop|square", "stop", "Stop"],
  ["skip next", "skip_next", "step-forward", "next track|skip forward|next", "skip to the next track", "Next"],
  ["skip previous", "skip_previous", "step-backward", "previous track|skip back|previous", "go to the previous track", "Previous"],
  ["volume", "volume_up", "volume-up", "volume|speaker|sound", "change the volume", "Volume"],
  ["mute", "volume_off", "volume-off", "mute|speaker off|sound off", "mute the sound", "Mute"],
  ["fullscreen", "fullscreen", "expand", "fullscreen|expand|maximize", "enter full screen", "Fullscreen"],
  ["zoom in", "zoom_in", "search-plus", "zoom in|magnifier plus|enlarge", "zoom in", "Zoom in"],
  ["zoom out", "zoom_out", "search-minus", "zoom out|magnifier minus", "zoom out", "Zoom out"],
  ["folder", "folder", "folder", "folder|directory", "open the folder", "Folder"],
  ["new folder", "create_new_folder", "folder-open", "new folder|add folder|folder plus", "create a new folder", "New folder"],
  ["file", "insert_drive_file", "file-o", "file|document|page", "open the file", "File"],
  ["cloud", "cloud", "cloud", "cloud", "open cloud storage", "Cloud"],
  ["sync", "sync", "exchange", "sync|synchronize|two arrows", "synchronize now", "Sync"],
  ["logout", "logout", "sign-out", "logout|sign out|exit arrow", "sign out", "Log out"],
  ["login", "login", "sign-in", "login|sign in|enter arrow", "sign in", "Log in"],
  ["cart", "shopping_cart", "shopping-cart", "cart|shopping cart|basket|trolley", "open the shopping cart", "Cart"],
  ["phone", "phone", "phone", "phone|call|telephone", "make a call", "Call"],
  ["camera", "photo_camera", "camera", "camera|photo", "take a photo", "Camera"],
  ["mic", "mic", "microphone", "microphone|mic|voice", "record voice", "Voice"],
  ["location", "place", "map-marker", "location pin|map marker|place|pin", "show the location", "Location"],
  ["chat", "chat", "comments", "chat|speech bubble|comments|messages", "open the chat", "Chat"],
  ["code", "code", "code", "code|angle brackets", "view the code", "Code"],
  ["terminal", "terminal", "terminal", "terminal|console|command line", "open a terminal", "Terminal"],
  ["bug", "bug_report", "bug", "bug|debug|insect", "start debugging", "Debug"],
  ["build", "build", "wrench", "wrench|build|tools|spanner", "build the project", "Build"],
  ["grid view", "grid_view", "th-large", "grid view|tiles|four squares", "switch to grid view", "Grid"],
  ["list view", "view_list", "th-list", "list view|rows", "switch to list view", "List"],
  ["chevron down", "expand_more", "chevron-down", "chevron down|down arrow|expand|caret down", "expand the section", "Expand"],
  ["chevron right", "chevron_right", "chevron-right", "chevron right|right caret|next arrow", "go to the next page", "Next"],
  ["chevron left", "chevron_left", "chevron-left", "chevron left|left caret|previous arrow", "go to the previous page", "Previous"],
  ["archive", "archive", "archive", "archive|box", "archive the message", "Archive"],
  ["flag", "flag", "flag", "flag|report", "flag this item", "Flag"],
  ["tag", "label", "tag", "tag|label", "add a label", "Label"],
  ["pin", "push_pin", "thumb-tack", "pin|thumbtack|push pin", "pin this item", "Pin"],
  ["brush", "brush", "paint-brush", "brush|paint brush", "select the brush tool", "Brush"],
  ["crop", "crop", "crop", "crop", "crop the image", "Crop"],
  ["layers", "layers", "clone", "layers|stack", "show the layers panel", "Layers"],
  ["palette", "palette", "tint", "palette|colors|color picker", "choose a color", "Color"],
  ["eyedropper", "colorize", "eyedropper", "eyedropper|color picker|pipette", "pick a color from the image", "Eyedropper"],
  ["move", "open_with", "arrows", "move|four arrows|move tool", "select the move tool", "Move"],
  ["rotate", "rotate_right", "rotate-right", "rotate|rotate right|turn", "rotate the selection", "Rotate"],
  ["text tool", "text_fields", "font", "text tool|text|letter t", "add text", "Text"],
  ["select", "highlight_alt", "mouse-pointer", "selection tool|pointer|arrow cursor|select", "select objects", "Select"],
  ["wifi", "wifi", "wifi", "wifi|wireless|signal", "open the wi-fi settings", "Wi-Fi"],
  ["bluetooth", "bluetooth", "bluetooth", "bluetooth", "open the bluetooth settings", "Bluetooth"],
  ["battery", "battery_full", "battery-full", "battery|power", "show the battery status", "Battery"],
  ["dark mode", "dark_mode", "moon-o", "moon|dark mode|night mode", "switch to dark mode", "Dark mode"],
  ["language", "language", "globe", "globe|language|world", "change the language", "Language"],
  ["dashboard", "dashboard", "tachometer", "dashboard|gauge|speedometer", "open the dashboard", "Dashboard"],
  ["chart", "bar_chart", "bar-chart", "bar chart|chart|statistics|graph", "show the statistics", "Reports"],
  ["people", "people", "users", "people|users|group|team", "show the team", "People"],
  ["thumb up", "thumb_up", "thumbs-up", "thumbs up|like|approve", "give a thumbs up", "Like"],
  ["thumb down", "thumb_down", "thumbs-down", "thumbs down|dislike", "give a thumbs down", "Dislike"],
  ["reply", "reply", "reply", "reply|curved arrow", "reply to the message", "Reply"],
  ["forward mail", "forward", "share", "forward|arrow right", "forward the message", "Forward"],
  ["inbox", "inbox", "inbox", "inbox|tray", "open the inbox", "Inbox"],
  ["history", "history", "history", "history|clock with arrow|recent", "show the history", "History"],
  ["key", "vpn_key", "key", "key|password", "manage passwords", "Keys"],
  ["credit card", "credit_card", "credit-card", "credit card|payment|card", "manage payment methods", "Payment"],
  ["split", "vertical_split", "columns", "split view|columns|side by side", "split the editor", "Split"],
  ["run", "play_circle", "play-circle", "run|play circle|start", "run the program", "Run"],
  ["extension", "extension", "puzzle-piece", "puzzle piece|extensions|plugins|add-ons", "manage extensions", "Extensions"],
  ["branch", "call_split", "code-fork", "branch|fork|git branch", "switch branches", "Branch"],
];

/** The semantic icons, with synonyms and actions. */
export const SEMANTIC_ICONS: readonly SemanticIcon[] = SEMANTIC_ROWS.map(([key, material, fontAwesome, names, action, label]) => ({
  key,
  material,
  fontAwesome,
  names: names.split("|"),
  action,
  label,
}));

/** Lookup of {@link SEMANTIC_ICONS} by key. */
export const ICON_BY_KEY: ReadonlyMap<string, SemanticIcon> = new Map(SEMANTIC_ICONS.map((icon) => [icon.key, icon]));

/** Icon-font code points: ligature/class name → one-character string. */
export interface IconCodepoints {
  readonly material: ReadonlyMap<string, string>;
  readonly fontAwesome: ReadonlyMap<string, string>;
}

function parseCss(path: string, selectorName: RegExp): Map<string, string> {
  const css = readFileSync(path, "utf8");
  const map = new Map<string, string>();
  // A rule may list aliases: `.fa-rotate-right:before, .fa-repeat:before { content: "\f01e"; }`.
  for (const rule of css.matchAll(/([^{}]+)\{\s*content:\s*"\\([0-9a-f]+)"/g)) {
    const selectors = rule[1] ?? "";
    const glyph = String.fromCodePoint(Number.parseInt(rule[2] ?? "0", 16));
    for (const match of selectors.matchAll(selectorName)) {
      const name = match[1];
      if (name && !map.has(name)) map.set(name, glyph);
    }
  }
  return map;
}

let cached: IconCodepoints | undefined;

/**
 * Reads both icon-font CSS files once. Material class names starting with `_` (`._10k`) are
 * digits-first ligatures; their leading underscore is dropped.
 *
 * @throws Error naming the Debian packages when the CSS files are missing.
 */
export function loadIconCodepoints(): IconCodepoints {
  if (cached) return cached;
  try {
    const materialRaw = parseCss(MATERIAL_CSS, /\.material-icons\.([a-z0-9_]+):before/g);
    const material = new Map([...materialRaw].map(([name, glyph]) => [name.replace(/^_/, ""), glyph]));
    const fontAwesome = parseCss(FONTAWESOME_CSS, /\.fa-([a-z0-9-]+):before/g);
    cached = { material, fontAwesome };
    return cached;
  } catch (error) {
    throw new Error(
      `synth: icon-font CSS not found (${MATERIAL_CSS}, ${FONTAWESOME_CSS}). Install Debian's ` +
        "fonts-material-design-icons-iconfont and fonts-font-awesome.",
      { cause: error },
    );
  }
}

/** "format_align_left" → "format align left": how a ligature name reads in an instruction. */
export function readableIconName(ligature: string): string {
  return ligature.replace(/[_-]+/g, " ").trim();
}

/**
 * `count` Material ligatures outside the semantic table, with plain names (letters, at most three
 * words: "format_paint", "table_rows"), so toolbars show more of the 2,193 icons than the table has.
 */
export function randomLigatures(random: { sample<T>(items: readonly T[], count: number): T[] }, count: number): string[] {
  const semantic = new Set(SEMANTIC_ICONS.map((icon) => icon.material));
  const plain = [...loadIconCodepoints().material.keys()].filter((name) => /^[a-z]+(_[a-z]+){0,2}$/.test(name) && !semantic.has(name));
  return random.sample(plain, count);
}
