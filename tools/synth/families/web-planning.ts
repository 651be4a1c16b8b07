/** Web planning tools: a month calendar and a kanban board. */
import { NOUNS, TOPICS } from "../words.js";
import { avatar, personName, sideNav, webTopBar, type Family } from "./parts.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const EVENTS = ["Standup", "Design review", "Lunch", "1:1", "Sprint planning", "Dentist", "Gym", "Client call", "Demo", "Retro", "Workshop", "Interview"];

export const calendarFamily: Family = {
  name: "web-calendar",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const month = random.pick(MONTHS);
    const nav = sideNav(builder, [["Calendar", "calendar"], ["Tasks", "edit"], ["Contacts", "people"], ["Settings", "settings"]], 0, "12em");
    builder.region = "the calendar header";
    const views = builder.group("the view switcher", "view");
    const header = `<div class="row" style="padding:var(--p3) var(--p4);border-bottom:1px solid var(--border)">${builder.button("Today", { action: "jump to today" })}${builder.iconButton("chevron left", { action: "show the previous month" })}${builder.iconButton("chevron right", { action: "show the next month" })}<h2 style="margin:0 var(--p3)">${month} ${random.int(2024, 2027)}</h2><div class="grow"></div><div class="tabs" style="border:none">${["Day", "Week", "Month", "Year"].map((text, index) => builder.tab(text, index === 2, views, { action: `switch to the ${text.toLowerCase()} view` })).join("")}</div>${builder.button("New event", { variant: "primary", icon: "add", action: "create a new event" })}</div>`;
    builder.region = "the month grid";
    const offset = random.int(0, 6);
    const cells = Array.from({ length: 35 }, (_, cell) => {
      const day = cell - offset + 1;
      const inMonth = day >= 1 && day <= 30;
      const events = inMonth && random.chance(0.35) ? random.sample(EVENTS, random.int(1, 2)) : [];
      const chips = events.map((event) => builder.button(`${random.int(8, 17)}:${random.pick(["00", "30"])} ${event}`, { variant: "ghost", action: `open the ${event.toLowerCase()} event on day ${day}`, context: `on day ${day}`, className: "event" })).join("");
      return `<div class="day${inMonth ? "" : " muted"}"><div class="daynum">${inMonth ? day : ""}</div>${chips}</div>`;
    }).join("");
    builder.css += `.cal{display:grid;grid-template-columns:repeat(7,1fr);grid-auto-rows:1fr;flex:1;min-height:0}.day{border-right:1px solid var(--border);border-bottom:1px solid var(--border);padding:2px 4px;overflow:hidden}.daynum{font-size:.85em;color:var(--muted)}
.event{display:block;width:100%;text-align:left;font-size:.8em;padding:1px 4px;min-height:0;background:var(--sel);margin-top:2px;overflow:hidden;text-overflow:ellipsis}.weekdays{display:grid;grid-template-columns:repeat(7,1fr);color:var(--muted);font-size:.85em;padding:2px 4px}`;
    const weekdays = `<div class="weekdays">${["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((day) => `<span>${day}</span>`).join("")}</div>`;
    return `<div class="row" style="height:var(--screen-h);align-items:stretch;gap:0">${nav}<main class="grow col" style="gap:0">${header}${weekdays}<div class="cal">${cells}</div></main></div>`;
  },
};

export const kanbanFamily: Family = {
  name: "web-kanban",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const top = webTopBar(builder, random.pick(["Trackly", "Boardly", "Sprintr", "Flowdesk"]), ["Boards", "Backlog", "Reports", "Team"], { search: true, icons: ["notifications", "help", "account"] });
    builder.region = "the board toolbar";
    const toolbar = `<div class="row" style="padding:var(--p3) var(--p4)"><h2 style="margin:0">${random.pick(TOPICS)} board</h2><div class="grow"></div>${builder.button("Filter", { icon: "filter", action: "filter the cards" })}${builder.button("Share", { icon: "share", action: "share the board" })}${builder.button("Add card", { variant: "primary", icon: "add", action: "add a new card" })}</div>`;
    const columns = random.sample(["Backlog", "To do", "In progress", "Review", "Done", "Blocked"], random.int(3, 5));
    const board = columns
      .map((column) => {
        builder.region = `the ${column} column`;
        const cards = builder.group(`the ${column} column`, "card");
        const cardCount = random.int(2, 6);
        const cardHtml = Array.from({ length: cardCount }, () => {
          const title = `${random.pick(["Fix", "Add", "Update", "Review", "Write", "Design"])} ${random.pick(NOUNS)} ${random.pick(["page", "flow", "tests", "docs", "API", "export"])}`;
          const owner = personName(random);
          return builder.listItem(`<div class="col" style="gap:4px;width:100%"><span>${title}</span><div class="row"><span class="tag">${random.pick(["bug", "feature", "chore", "design"])}</span><span class="grow"></span>${avatar(random, owner, "1.6em")}</div></div>`, title, cards, { action: `open the card ${title.toLowerCase()}`, className: "kcard" });
        }).join("");
        return `<div class="kcol"><div class="row" style="margin-bottom:var(--p2)"><b>${column}</b><span class="muted">${cardCount}</span><div class="grow"></div>${builder.iconButton("add", { action: `add a card to ${column}`, context: `in the ${column} column` })}${builder.iconButton("more horizontal", { action: `show the ${column} column options`, context: `in the ${column} column` })}</div>${cardHtml}</div>`;
      })
      .join("");
    builder.css += `.kboard{display:flex;gap:var(--p4);padding:0 var(--p4);align-items:flex-start}.kcol{width:${random.int(15, 20)}em;flex:none;background:var(--surface2);border-radius:var(--radius);padding:var(--p2)}
.kcard{background:var(--surface);border:1px solid var(--border);border-radius:min(var(--radius),8px);margin-bottom:var(--p2)}.tag{font-size:.75em;padding:0 6px;border-radius:999px;background:var(--sel)}`;
    return `${top}${toolbar}<div class="kboard">${board}</div>`;
  },
};
