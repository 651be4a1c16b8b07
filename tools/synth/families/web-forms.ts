/** Web families built around forms: login, sign-up, settings. */
import type { PageBuilder } from "../page-builder.js";
import { COMPANIES, FORM_FIELDS, SETTINGS_LABELS } from "../words.js";
import { webFooter } from "./overlays.js";
import { brand, paragraph, picture, sideNav, type Family } from "./parts.js";

function authShell(builder: PageBuilder, inner: string): string {
  const random = builder.random;
  builder.css += `.auth{display:flex}.auth-side{flex:1;display:flex;align-items:center;justify-content:center}.auth-card{width:min(92vw,${random.int(340, 440)}px)}`;
  const art = random.chance(0.6) ? `<div class="auth-side" style="background:var(--surface2)">${picture(random, "60%", "60%")}</div>` : "";
  const form = `<div class="auth-side"><div class="auth-card ${random.chance(0.6) ? "card" : ""}">${inner}</div></div>`;
  const footer = random.chance(0.6) ? webFooter(builder) : "";
  return `<div style="display:flex;flex-direction:column;height:var(--screen-h)"><div class="auth" style="flex:1;min-height:0">${random.chance(0.5) ? art + form : form + art}</div>${footer}</div>`;
}

export const loginFamily: Family = {
  name: "web-login",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const company = random.pick(COMPANIES);
    builder.region = "the sign-in form";
    const signIn = random.pick(["Sign in", "Log in"]);
    const social = random.chance(0.5)
      ? `<div class="col" style="margin-top:var(--p3)">${builder.button(`Continue with ${random.pick(["Google", "GitHub", "Microsoft", "Apple"])}`, { action: "sign in with a third-party account", className: "wide" })}</div>`
      : "";
    const inner =
      `${brand(random, company)}<h2 style="margin-top:var(--p4)">${random.pick(["Welcome back", "Sign in to your account", `Log in to ${company}`])}</h2>` +
      builder.textField({ label: random.pick(["Email", "Email address", "Username"]), placeholder: random.pick(["you@example.com", "name@company.com", ""]) || undefined, action: "enter your email or user name", labelPosition: "above" }) +
      builder.textField({ label: "Password", placeholder: random.chance(0.5) ? "Password" : undefined, type: "password", action: "type your password", labelPosition: "above" }) +
      `<div class="row" style="justify-content:space-between">${builder.checkbox("Remember me", random.chance(0.3), { action: "stay signed in on this device" })}${builder.link("Forgot password?", { action: "reset your password" })}</div>` +
      `<div class="col" style="margin-top:var(--p3)">${builder.button(signIn, { variant: "primary", action: "sign in to your account", className: "wide" })}</div>${social}` +
      `<p class="muted" style="margin-top:var(--p4)">Don't have an account? ${builder.link(random.pick(["Sign up", "Create one", "Register"]), { action: "create a new account" })}</p>`;
    builder.css += `.wide{justify-content:center;width:100%}`;
    return authShell(builder, inner);
  },
};

export const signupFamily: Family = {
  name: "web-signup",
  kind: "web",
  build(builder) {
    const random = builder.random;
    builder.region = "the registration form";
    const fields = random.sample(FORM_FIELDS.filter((field) => field.label !== "Password" && field.label !== "Confirm password"), random.int(3, 6));
    const twoColumns = random.chance(0.5);
    const fieldHtml = fields.map((field) => builder.textField({ label: field.label, placeholder: random.chance(0.6) ? field.placeholder : undefined, action: field.action, labelPosition: random.chance(0.85) ? "above" : "left" })).join("");
    const plans = builder.group("the plan options", "option");
    const planHtml = random.chance(0.5)
      ? `<div class="row" style="flex-wrap:wrap">${["Free", "Pro", "Business"].map((plan, index) => builder.radio(`${plan} plan`, index === 0, "plan", { group: plans })).join("")}</div>`
      : "";
    const inner =
      `<h2>${random.pick(["Create your account", "Sign up", "Join us today", "Get started for free"])}</h2><p class="muted">${paragraph(random, 1)}</p>` +
      `<div style="display:grid;grid-template-columns:${twoColumns ? "1fr 1fr" : "1fr"};column-gap:var(--p4)">${fieldHtml}` +
      builder.textField({ label: "Password", type: "password", action: "choose a password", labelPosition: "above" }) +
      (random.chance(0.6) ? builder.textField({ label: "Confirm password", type: "password", action: "type the password again", labelPosition: "above" }) : "") +
      `</div>${planHtml}` +
      builder.select("Country", random.pick(["United States", "Germany", "Japan", "Brazil", "India", "France"]), { choices: ["Canada", "Spain"] }) +
      builder.checkbox("I agree to the Terms of Service", false, { action: "accept the terms of service" }) +
      (random.chance(0.6) ? builder.checkbox("Send me product updates", random.chance(0.5), { action: "subscribe to product updates" }) : "") +
      `<div class="row" style="margin-top:var(--p3)">${builder.button("Create account", { variant: "primary", action: "create the account" })}${builder.button("Cancel", { variant: "ghost", action: "cancel the registration" })}</div>` +
      `<p class="muted">Already registered? ${builder.link("Log in", { action: "go to the sign-in page" })}</p>`;
    builder.css += `.signup{max-width:${twoColumns ? 760 : 480}px;margin:var(--p6) auto;padding:var(--p6)}`;
    return `<div class="signup card">${inner}</div>${webFooter(builder)}`;
  },
};

export const settingsFamily: Family = {
  name: "web-settings",
  kind: "web",
  build(builder) {
    const random = builder.random;
    const sections: [string, string][] = [["Profile", "account"], ["Account", "settings"], ["Notifications", "notifications"], ["Security", "lock"], ["Billing", "credit card"], ["Integrations", "extension"], ["Language", "language"], ["Team", "people"]];
    const active = random.int(0, 3);
    const nav = sideNav(builder, sections.slice(0, random.int(5, 8)), active);
    builder.region = "the settings panel";
    const settingsTabs = builder.group("the settings tabs", "tab");
    const tabs = random.chance(0.5) ? `<div class="tabs">${["General", "Privacy", "Advanced"].map((text, index) => builder.tab(text, index === 0, settingsTabs)).join("")}</div>` : "";
    const toggles = random.sample(SETTINGS_LABELS, random.int(4, 8)).map((label) => builder.toggle(label, random.chance(0.5))).join("");
    const profile =
      builder.textField({ label: "Display name", value: "Alex Morgan", action: "change your display name", labelPosition: random.chance(0.5) ? "left" : "above" }) +
      builder.textField({ label: "Email", value: "alex@example.com", action: "change your email address", labelPosition: random.chance(0.5) ? "left" : "above" }) +
      builder.select("Time zone", random.pick(["UTC+01:00 Berlin", "UTC-05:00 New York", "UTC+09:00 Tokyo"]), { labelPosition: "left" });
    const actions = `<div class="row" style="margin-top:var(--p4)">${builder.button("Save changes", { variant: "primary", action: "save the settings" })}${builder.button("Reset", { variant: "ghost", action: "reset the settings to their defaults" })}${random.chance(0.4) ? `<div class="grow"></div>${builder.button("Delete account", { variant: "danger", action: "delete your account" })}` : ""}</div>`;
    builder.css += `.settings{flex:1;padding:var(--p6);max-width:900px;overflow:hidden}`;
    return `<div class="row" style="height:var(--screen-h);align-items:stretch">${nav}<main class="settings"><h1>${sections[active]?.[0] ?? "Settings"}</h1>${tabs}<div class="card" style="margin-top:var(--p3)">${profile}</div><div class="card" style="margin-top:var(--p3)"><h3>Preferences</h3>${toggles}</div>${actions}</main></div>`;
  },
};
