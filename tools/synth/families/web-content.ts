/** Web reading families: documentation, search results, article. */
import { COMPANIES, TOPICS } from "../words.js";
import { webFooter } from "./overlays.js";
import { avatar, paragraph, personName, picture, sentence, webTopBar, type Family } from "./parts.js";

export const docsFamily: Family = {
  name: "web-docs",
  kind: "web",
  serif: true,
  build(builder) {
    const random = builder.random;
    const product = random.pick(COMPANIES);
    const top = webTopBar(builder, `${product} Docs`, ["Guides", "API", "Examples", "Blog"], { search: random.pick(["Search docs", "Search documentation", "Search..."]), icons: ["dark mode", "code"] });
    builder.region = "the table of contents";
    const toc = builder.group("the table of contents", "entry");
    const topics = random.sample(TOPICS, random.int(10, 16));
    const current = random.int(0, 4);
    const nav = `<aside style="width:16em;flex:none;padding:var(--p4);border-right:1px solid var(--border);overflow:hidden">${topics.map((topic, index) => builder.menuItem(topic, toc, { active: index === current, action: `read the ${topic.toLowerCase()} page` })).join("")}</aside>`;
    builder.region = "the article";
    const title = topics[current] ?? "Guide";
    const code = `<pre style="background:var(--surface2);padding:var(--p3);border-radius:min(var(--radius),10px);font-family:var(--mono, monospace);overflow:hidden">npm install ${product.toLowerCase().replace(/\s+/g, "-")}\n${product.toLowerCase().split(" ")[0]} init --${random.pick(["force", "yes", "template basic"])}</pre>`;
    const body = `<main class="grow" style="padding:var(--p6);max-width:820px;overflow:hidden"><div class="row muted">${builder.link("Docs", { action: "go to the documentation home" })} / ${title}</div><h1>${title}</h1><p>${paragraph(random)}</p>${code}<h2>${random.pick(["Overview", "Usage", "Options", "Example"])}</h2><p>${paragraph(random)} ${builder.link(random.pick(TOPICS.filter((topic) => topic !== title)), { action: "open the related page" })}.</p><div class="row">${builder.button("Copy", { icon: "copy", variant: "ghost", action: "copy the code snippet" })}${builder.button("Edit this page", { icon: "edit", variant: "ghost", action: "edit this page on the repository" })}</div><div class="row" style="margin-top:var(--p6);justify-content:space-between">${builder.button("Previous", { icon: "chevron left", action: "go to the previous page of the guide" })}${builder.button("Next", { icon: "chevron right", iconAfter: true, variant: "primary", action: "go to the next page of the guide" })}</div></main>`;
    builder.region = "the page outline";
    const outline = builder.group("the page outline", "heading");
    const right = random.chance(0.6) ? `<aside style="width:13em;padding:var(--p4);flex:none"><div class="muted" style="font-weight:600">On this page</div>${["Overview", "Usage", "Options", "Examples", "FAQ"].map((heading) => builder.link(heading, { group: outline, action: `jump to the ${heading} section`, className: "block" })).join("")}</aside>` : "";
    builder.css += `.block{display:block;padding:2px 0}`;
    return `${top}<div class="row" style="align-items:stretch;height:calc(var(--screen-h) - 3em)">${nav}${body}${right}</div>`;
  },
};

export const searchResultsFamily: Family = {
  name: "web-search-results",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const query = `${random.pick(TOPICS).toLowerCase()} ${random.pick(["guide", "tutorial", "best practices", "examples", "errors"])}`;
    builder.region = "the search bar";
    const bar = `<div class="row" style="padding:var(--p3) var(--p6);gap:var(--p6)"><div style="font-weight:800;font-size:1.5em;color:var(--accent)">${random.pick(["Findr", "Seekly", "Looksee", "Queryo"])}</div><div style="width:min(50vw,640px)">${builder.textField({ value: query, icon: "search", action: "edit the search query" })}</div>${builder.iconButton("mic", { action: "search by voice" })}<div class="grow"></div>${builder.iconButton("settings")}${builder.iconButton("account")}</div>`;
    const tabs = builder.group("the result type tabs", "tab");
    const tabBar = `<div class="tabs" style="padding:0 var(--p6)">${["All", "Images", "News", "Videos", "Maps", "Shopping"].slice(0, random.int(4, 6)).map((text, index) => builder.tab(text, index === 0, tabs)).join("")}</div>`;
    builder.region = "the results";
    const results = builder.group("the search results", "result");
    const items = Array.from({ length: random.int(5, 9) }, () => {
      const site = `${random.pick(["docs", "blog", "www", "dev", "forum"])}.${random.pick(COMPANIES).toLowerCase().replace(/\s+/g, "")}.com`;
      const title = `${random.pick(TOPICS)} — ${random.pick(["Complete guide", "How to", "FAQ", "Tutorial", "Reference"])}`;
      return `<div style="margin-bottom:var(--p4);max-width:680px"><div class="muted">${site}</div>${builder.link(title, { group: results, action: `open the result from ${site}`, className: "result-title", context: `from ${site}` })}<p class="muted" style="margin:2px 0">${sentence(random, 18)}</p></div>`;
    }).join("");
    builder.region = "the pagination";
    const pages = builder.group("the result pages", "page");
    const pager = `<div class="row">${[1, 2, 3, 4, 5].map((page) => builder.link(String(page), { group: pages, action: `go to result page ${page}` })).join("")}${builder.link("Next", { action: "go to the next page of results" })}</div>`;
    builder.css += `.result-title{font-size:1.25em;display:inline-block;margin:2px 0}`;
    return `${bar}${tabBar}<main style="padding:var(--p4) var(--p6)"><div class="muted" style="margin-bottom:var(--p3)">About ${random.int(2, 900)},${random.int(100, 999)} results</div>${items}${pager}</main>${webFooter(builder)}`;
  },
};

export const articleFamily: Family = {
  name: "web-article",
  kind: "web",
  serif: true,
  build(builder) {
    const random = builder.random;
    const top = webTopBar(builder, random.pick(["The Daily Byte", "Morning Post", "Tech Weekly", "City Herald"]), ["World", "Business", "Tech", "Science", "Culture", "Sports"].slice(0, random.int(4, 6)), { icons: ["search", "account"] });
    const author = personName(random);
    builder.region = "the article";
    const share = builder.group("the share buttons", "button");
    const shareRow = `<div class="row">${["share", "bookmark", "link", "print"].map((key) => builder.iconButton(key, { group: share, className: "boxed" })).join("")}</div>`;
    const article = `<article style="max-width:720px;margin:0 auto;padding:var(--p6)"><div class="muted">${random.pick(["Technology", "Science", "Business"])}</div><h1 style="font-size:2.2em">${sentence(random, 8).replace(/\.$/, "")}</h1><div class="row" style="margin-bottom:var(--p4)">${avatar(random, author)}<div class="col" style="gap:0">${builder.link(author, { action: `see more articles by ${author}` })}<span class="muted">${random.int(2, 12)} min read · ${random.pick(["Mar", "Jun", "Oct"])} ${random.int(1, 28)}</span></div><div class="grow"></div>${builder.button("Follow", { variant: "primary", action: `follow ${author}` })}</div>${shareRow}${picture(random, "100%", "16em")}<p style="margin-top:var(--p4)">${paragraph(random, 5)}</p><p>${paragraph(random, 4)}</p><div class="row" style="margin-top:var(--p4)">${builder.button(String(random.int(3, 900)), { icon: "heart", variant: "ghost", action: "like the article" })}${builder.button(String(random.int(1, 90)), { icon: "chat", variant: "ghost", action: "read the comments" })}</div><div class="card" style="margin-top:var(--p4)"><h3>Newsletter</h3>${builder.textField({ placeholder: "Your email", action: "enter your email for the newsletter" })}${builder.button("Subscribe", { variant: "primary", action: "subscribe to the newsletter" })}</div></article>`;
    builder.region = "the related articles";
    const related = builder.group("the related articles", "article");
    const aside = `<div style="max-width:720px;margin:0 auto;padding:0 var(--p6)"><h3>Related</h3>${Array.from({ length: 4 }, () => builder.link(sentence(random, 6).replace(/\.$/, ""), { group: related, action: "read the related article", className: "block" })).join("")}</div>`;
    builder.css += `.block{display:block;padding:2px 0}`;
    return `${top}${article}${aside}${webFooter(builder)}`;
  },
};
