/** Web application families: dashboard, shop, mail client, data table. */
import { CITIES, COMPANIES, FIRST_NAMES, PRODUCTS, STATUSES, SUBJECTS } from "../words.js";
import { avatar, paragraph, personName, picture, sentence, sideNav, webTopBar, type Family } from "./parts.js";

export const dashboardFamily: Family = {
  name: "web-dashboard",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const nav = sideNav(builder, [["Dashboard", "dashboard"], ["Analytics", "chart"], ["Customers", "people"], ["Orders", "cart"], ["Messages", "chat"], ["Calendar", "calendar"], ["Settings", "settings"]].slice(0, random.int(5, 7)) as [string, string][], 0);
    builder.region = "the header";
    const header = `<div class="row" style="padding:var(--p3) var(--p6);border-bottom:1px solid var(--border)"><h2 style="margin:0">${random.pick(["Overview", "Dashboard", "Sales summary"])}</h2><div class="grow"></div>${builder.select(undefined, random.pick(["Last 7 days", "Last 30 days", "This quarter"]), { action: "choose the date range", choices: ["Today"] })}${builder.button("Export", { icon: "download", action: "export the report" })}${builder.iconButton("notifications")}${builder.iconButton("account")}</div>`;
    builder.region = "the statistics cards";
    const cards = ["Revenue", "Orders", "Visitors", "Conversion"].map((title) => `<div class="card grow"><div class="muted">${title}</div><div style="font-size:1.8em;font-weight:700">${random.int(1, 999)}${random.pick(["", "K", ".4%", ",210"])}</div><div class="muted">${random.chance(0.5) ? "+" : "-"}${random.int(1, 30)}% vs last period</div></div>`).join("");
    const bars = Array.from({ length: 12 }, () => `<div style="flex:1;background:var(--accent);opacity:.8;height:${random.int(15, 95)}%;border-radius:3px 3px 0 0"></div>`).join("");
    builder.region = "the recent orders table";
    const rows = Array.from({ length: random.int(4, 8) }, () => {
      const name = personName(random);
      return `<tr><td>${avatar(random, name, "1.6em")} ${name}</td><td>${random.pick(PRODUCTS)}</td><td>${random.pick(STATUSES)}</td><td>$${random.int(10, 900)}.00</td><td>${builder.button("View", { variant: "link", action: `view the order of ${name}`, context: `for ${name}` })}</td></tr>`;
    }).join("");
    const chartTabs = builder.group("the chart tabs", "tab");
    builder.region = "the chart";
    const chart = `<div class="card" style="flex:2"><div class="row"><h3 style="margin:0">Sales</h3><div class="grow"></div><div class="tabs" style="border:none">${["Day", "Week", "Month"].map((text, index) => builder.tab(text, index === 1, chartTabs)).join("")}</div></div><div class="row" style="height:160px;align-items:flex-end;gap:6px;margin-top:var(--p3)">${bars}</div></div>`;
    const side = `<div class="card" style="flex:1"><h3>Top cities</h3>${random.sample(CITIES, 5).map((city) => `<div class="row" style="justify-content:space-between;padding:3px 0"><span>${city}</span><span class="muted">${random.int(100, 9000)}</span></div>`).join("")}</div>`;
    return `<div class="row" style="height:var(--screen-h);align-items:stretch">${nav}<main class="grow col" style="gap:0;overflow:hidden">${header}<div class="col" style="padding:var(--p4) var(--p6);gap:var(--p4)"><div class="row" style="gap:var(--p4);align-items:stretch">${cards}</div><div class="row" style="gap:var(--p4);align-items:stretch">${chart}${side}</div><div class="card"><h3>Recent orders</h3><table><tr><th>Customer</th><th>Product</th><th>Status</th><th>Amount</th><th></th></tr>${rows}</table></div></div></main></div>`;
  },
};

export const shopFamily: Family = {
  name: "web-shop",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const top = webTopBar(builder, random.pick(COMPANIES), random.sample(["Men", "Women", "Kids", "Home", "Sale", "New in", "Brands", "Outdoor"], random.int(3, 6)), { search: random.pick(["Search products", "Search", "What are you looking for?"]), icons: ["heart", "cart", "account"] });
    builder.region = "the filters";
    const filterGroup = builder.group("the category filters", "filter");
    const filters = `<aside style="width:14em;padding:var(--p4);flex:none"><h3>Category</h3>${random.sample(["Electronics", "Clothing", "Kitchen", "Sports", "Books", "Garden", "Toys"], 5).map((category) => builder.checkbox(category, random.chance(0.2), { group: filterGroup, action: `filter by ${category.toLowerCase()}` })).join("<br>")}<h3 style="margin-top:var(--p4)">Price</h3>${builder.slider("Max price", random.int(20, 90), { action: "set the maximum price" })}</aside>`;
    builder.region = "the product grid";
    const products = random.sample(PRODUCTS, random.int(6, 12));
    const cartVariant = random.chance(0.5) ? "primary" : "secondary";
    const cartIcon = random.chance(0.4) ? "cart" : undefined;
    const grid = products
      .map((product) => {
        const price = `$${random.int(5, 400)}.${random.pick(["00", "99", "49"])}`;
        return `<div class="card col" style="padding:var(--p2)">${picture(random, "100%", "9em")}${builder.link(product, { action: `open the product page of the ${product.toLowerCase()}` })}<div class="row"><b>${price}</b><span class="muted">★ ${random.int(30, 50) / 10}</span><div class="grow"></div>${builder.iconButton("heart", { action: `add the ${product.toLowerCase()} to the wishlist`, context: `for the ${product}` })}</div>${builder.button("Add to cart", { variant: cartVariant, icon: cartIcon, action: `add the ${product.toLowerCase()} to the cart`, context: `for the ${product}` })}</div>`;
      })
      .join("");
    const sortGroup = builder.select("Sort by", random.pick(["Featured", "Price: low to high", "Newest"]), { labelPosition: "left", action: "change the sort order" });
    return `${top}<div class="row" style="align-items:flex-start">${filters}<main class="grow" style="padding:var(--p4)"><div class="row"><h2 style="margin:0">${random.pick(["All products", "Best sellers", "New arrivals"])}</h2><div class="grow"></div>${sortGroup}</div><div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(${random.int(11, 16)}em,1fr));gap:var(--p4)">${grid}</div></main></div>`;
  },
};

export const mailFamily: Family = {
  name: "web-mail",
  kind: "web",
  build(builder) {
    const random = builder.random;
    builder.region = "the sidebar";
    const compose = `<div style="padding:var(--p2)">${builder.button("Compose", { variant: "primary", icon: "edit", action: "write a new email" })}</div>`;
    const folders = sideNav(builder, [["Inbox", "inbox"], ["Starred", "star"], ["Sent", "send"], ["Drafts", "file"], ["Archive", "archive"], ["Spam", "warning"], ["Trash", "trash"]], 0, "13em");
    builder.region = "the message toolbar";
    const toolbar = `<div class="row" style="padding:var(--p2) var(--p3);border-bottom:1px solid var(--border)">${builder.checkbox("Select all", false, { action: "select all messages" })}${["archive", "trash", "mail", "tag", "more vertical"].map((key) => builder.iconButton(key)).join("")}<div class="grow"></div>${builder.textField({ placeholder: "Search mail", icon: "search", action: "search the mailbox" })}${builder.iconButton("refresh")}</div>`;
    builder.region = "the message list";
    const messages = builder.group("the message list", "message");
    const list = Array.from({ length: random.int(8, 16) }, () => {
      const sender = personName(random);
      const subject = random.pick(SUBJECTS);
      const unread = random.chance(0.35);
      return builder.listItem(
        `<span class="muted">${random.chance(0.2) ? "★" : "☆"}</span><span style="width:11em;${unread ? "font-weight:700" : ""}">${sender}</span><span class="grow" style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis"><span style="${unread ? "font-weight:700" : ""}">${subject}</span> <span class="muted">— ${sentence(random, 8)}</span></span><span class="muted">${random.int(1, 12)}:${random.int(10, 59)} ${random.pick(["AM", "PM"])}</span>`,
        subject,
        messages,
        { action: `open the email from ${sender} about ${subject.toLowerCase()}`, context: `from ${sender}` },
      );
    }).join("");
    return `<div class="row" style="height:var(--screen-h);align-items:stretch;gap:0"><div class="col" style="gap:0">${compose}${folders}</div><main class="grow col" style="gap:0;overflow:hidden">${toolbar}${list}</main></div>`;
  },
};

export const dataTableFamily: Family = {
  name: "web-data-table",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const top = webTopBar(builder, random.pick(COMPANIES), ["Projects", "Issues", "Reports", "Admin"], { icons: ["help", "notifications"] });
    builder.region = "the table toolbar";
    const toolbar = `<div class="row" style="margin-bottom:var(--p3)">${builder.textField({ placeholder: "Filter rows", icon: "filter", action: "filter the table" })}${builder.select(undefined, random.pick(["All statuses", "Active only"]), { action: "filter by status", choices: ["Closed"] })}<div class="grow"></div>${builder.button("Add user", { variant: "primary", icon: "add", action: "add a new user" })}${builder.button("Export CSV", { icon: "download", action: "export the table as CSV" })}</div>`;
    builder.region = "the table";
    const header = builder.group("the table header", "column header");
    const columns = ["Name", "Email", "Role", "City", "Status", "Last active"];
    const head = `<tr><th><input type="checkbox"></th>${columns.map((column) => `<th>${builder.button(column, { variant: "link", group: header, action: `sort by ${column.toLowerCase()}`, className: "th-btn" })}</th>`).join("")}<th></th></tr>`;
    const rows = Array.from({ length: random.int(8, 18) }, () => {
      const first = random.pick(FIRST_NAMES);
      const name = `${first} ${random.pick(["Smith", "Lee", "Garcia", "Chen", "Novak", "Silva"])}`;
      return `<tr><td>${builder.checkbox("", false, { action: `select ${name}`, context: `for ${name}` }).replace("<span></span>", "")}</td><td>${name}</td><td class="muted">${first.toLowerCase()}@${random.pick(["acme.io", "mail.com", "corp.net"])}</td><td>${random.pick(["Admin", "Editor", "Viewer", "Owner"])}</td><td>${random.pick(CITIES)}</td><td>${random.pick(STATUSES)}</td><td class="muted">${random.int(1, 59)} min ago</td><td>${builder.iconButton("edit", { action: `edit ${name}`, context: `for ${name}` })}${builder.iconButton("trash", { action: `delete ${name}`, context: `for ${name}` })}</td></tr>`;
    }).join("");
    builder.region = "the pagination";
    const pages = builder.group("the pagination", "page");
    const pager = `<div class="row" style="margin-top:var(--p3)"><span class="muted">Showing 1–20 of ${random.int(40, 900)}</span><div class="grow"></div>${builder.iconButton("chevron left", { action: "go to the previous page" })}${[1, 2, 3, 4].map((page) => builder.button(String(page), { variant: page === 1 ? "primary" : "ghost", group: pages, action: `go to page ${page}` })).join("")}${builder.iconButton("chevron right", { action: "go to the next page of results" })}</div>`;
    builder.css += `.th-btn{color:var(--muted);font-weight:600;padding:0}`;
    return `${top}<main style="padding:var(--p4) var(--p6)"><h2>${random.pick(["Users", "Team members", "Customers"])}</h2><p class="muted">${paragraph(random, 1)}</p>${toolbar}<div class="card" style="padding:0">${`<table>${head}${rows}</table>`}</div>${pager}</main>`;
  },
};
