/**
 * Word lists the page generators draw from: people, products, files, menu entries, button labels
 * with what they do. Lower-case matching in `negatives.ts` relies on these being plain text.
 */

/** A labelled command: the text on the control and what it does. */
export interface Command {
  readonly label: string;
  readonly action: string;
  /** Semantic icon key that often goes with it, if any. */
  readonly icon?: string;
}

function commands(rows: string): Command[] {
  return rows
    .trim()
    .split("\n")
    .map((line) => {
      const [label = "", action = "", icon] = line.split("|").map((part) => part.trim());
      return icon ? { label, action, icon } : { label, action };
    });
}

/** Buttons of forms and dialogs. */
export const FORM_COMMANDS = commands(`
Save|save the changes|save
Cancel|cancel and close the form|close
Submit|submit the form|send
Continue|continue to the next step|chevron right
Next|go to the next step|chevron right
Back|go back to the previous step|back
Apply|apply the changes
Reset|reset the form to its defaults|refresh
Confirm|confirm the action
Delete|delete this item|trash
Update|update the details|sync
Create|create a new item|add
Send|send the message|send
Sign in|sign in to your account|login
Log in|log in to your account|login
Sign up|create a new account|add
Register|register a new account
Subscribe|subscribe to the newsletter|mail
Download|download the file|download
Upload|upload a file|upload
Export|export the data|download
Import|import data from a file|upload
Share|share this|share
Invite|invite a team member|people
Publish|publish the changes
Preview|preview the result|visibility
Print|print the page|print
Search|run the search|search
Edit|edit this item|edit
Add to cart|add the product to the shopping cart|cart
Buy now|buy the product now|credit card
Checkout|go to checkout|cart
Learn more|read more about this|info
Get started|start using the product
Try again|retry the last action|refresh
Close|close this dialog|close
OK|accept and close the dialog
Yes|answer yes
No|answer no
Discard|discard the changes|trash
Archive|archive this item|archive
Duplicate|make a copy of this item|copy
Rename|rename the item|edit
Move|move the item to another folder|folder
Open|open the file|folder
Browse|browse for a file|folder
Add filter|add a filter to the results|filter
Clear all|clear all the filters|close
View details|view the details|info
Follow|follow this account|add
Reply|reply to the message|reply
Forward|forward the message|forward mail
Mark as read|mark the message as read|mail
Select all|select all items
Refresh|reload the data|refresh
Restore|restore the item|history
Connect|connect the account|link
Disconnect|disconnect the account
Verify|verify your identity|lock
Change password|change your password|key
Add payment method|add a new payment method|credit card
`);

/** Desktop application menus and their items. */
export const MENUS: Readonly<Record<string, readonly Command[]>> = {
  File: commands(`
New|create a new document|add
Open...|open an existing file|folder
Save|save the document|save
Save As...|save the document under a new name
Export|export the document|download
Print...|print the document|print
Close|close the document|close
Exit|quit the application|logout
`),
  Edit: commands(`
Undo|undo the last action|undo
Redo|redo the last undone action|redo
Cut|cut the selection|cut
Copy|copy the selection|copy
Paste|paste from the clipboard|paste
Find...|find text in the document|search
Replace...|find and replace text
Select All|select everything
`),
  View: commands(`
Zoom In|zoom in|zoom in
Zoom Out|zoom out|zoom out
Full Screen|enter full screen|fullscreen
Show Sidebar|show or hide the sidebar
Status Bar|show or hide the status bar
`),
  Insert: commands(`
Image|insert an image|image
Table|insert a table|table
Link|insert a link|link
Chart|insert a chart|chart
Symbol|insert a special symbol
`),
  Format: commands(`
Bold|make the text bold|bold
Italic|make the text italic|italic
Underline|underline the text|underline
Paragraph|change paragraph settings
`),
  Tools: commands(`
Spelling|check the spelling
Word Count|count the words
Options|open the options|settings
Extensions|manage extensions|extension
`),
  Window: commands(`
Minimize|minimize the window
Arrange All|arrange all windows
`),
  Help: commands(`
Documentation|open the documentation|help
Keyboard Shortcuts|show the keyboard shortcuts
About|show information about the application|info
Check for Updates|check for updates|sync
`),
};

export const FIRST_NAMES = "Alice Bob Carla David Elena Farid Grace Hiro Ines Jamal Kira Liam Maya Noah Olga Pedro Quinn Rosa Sami Tara Umar Vera Wen Xavier Yara Zoe Anna Ben Chloe Dmitri Emma Felix Greta Hugo Ivy Jonas Lena Marco Nina Oscar Priya Ravi Sofia Tomas".split(" ");
export const LAST_NAMES = "Smith Garcia Chen Muller Rossi Kowalski Nakamura Okafor Silva Novak Dubois Larsen Patel Kim Haddad Jensen Costa Ivanova Brown Lopez Weber Sato Moreau Fischer Andersen Nguyen Romero Schmidt".split(" ");
export const COMPANIES = "Acme Corp|Globex|Initech|Umbrella Labs|Stark Industries|Northwind|Contoso|Fabrikam|Tailspin|Wayne Enterprises|Hooli|Vandelay Import|Soylent|Cyberdyne|Oscorp|Pied Piper|Blue Sun|Aperture".split("|");
export const PRODUCTS = "Wireless Headphones|Running Shoes|Coffee Grinder|Desk Lamp|Yoga Mat|Backpack|Smart Watch|Water Bottle|Bluetooth Speaker|Office Chair|Mechanical Keyboard|Sunglasses|Leather Wallet|Ceramic Mug|Travel Pillow|Camping Tent|Cast Iron Pan|Phone Case|USB-C Charger|Desk Organizer|Wool Sweater|Rain Jacket|Table Fan|Electric Kettle|Notebook Set|Plant Pot|Bike Helmet|Air Purifier|Standing Desk|Portable SSD".split("|");
export const TOPICS = "Getting started|Installation|Configuration|Authentication|Deployment|Troubleshooting|API reference|Webhooks|Billing|Permissions|Data export|Migrations|Rate limits|Security|Changelog|Integrations|Command line|Environment variables|Logging|Caching|Testing|Performance|Backups|Notifications".split("|");
export const SUBJECTS = "Quarterly report|Meeting notes|Invoice #4821|Your order has shipped|Team offsite plans|Re: budget review|Design feedback|Welcome aboard|Password reset|Weekly digest|Contract draft|Lunch on Friday?|Server maintenance|New comment on your post|Flight confirmation|Project kickoff|Holiday schedule|Interview invitation|Release candidate|Security alert".split("|");
export const FILE_STEMS = "report|budget|notes|photo|invoice|presentation|draft|summary|backup|data|readme|logo|schedule|contract|index|main|utils|config|styles|app|server|test|setup|thesis|slides".split("|");
export const FILE_EXTENSIONS = "pdf|docx|xlsx|png|jpg|txt|md|csv|zip|pptx|ts|py|json|css|html|js|svg|mp4".split("|");
export const FOLDERS = "Documents|Downloads|Pictures|Music|Videos|Desktop|Projects|Archive|Invoices|Photos 2024|Work|Personal|Backups|Templates|Shared|Screenshots|src|tests|assets|docs|build|scripts".split("|");
export const CITIES = "Berlin|Lisbon|Tokyo|Nairobi|Toronto|Lima|Oslo|Seoul|Austin|Madrid|Cairo|Sydney|Prague|Dublin|Mumbai|Bogota".split("|");
export const NOUNS = "account|profile|project|invoice|order|customer|ticket|report|task|message|file|team|workspace|product|campaign|device|server|user|event|document".split("|");
export const ADJECTIVES = "new|recent|active|pending|archived|shared|private|public|draft|completed|overdue|starred|important|scheduled".split("|");
export const STATUSES = "Active|Pending|Paid|Overdue|Shipped|Draft|Closed|Open|In review|Done|Failed|Queued".split("|");
export const SETTINGS_LABELS = "Email notifications|Push notifications|Dark mode|Two-factor authentication|Auto-save|Show previews|Location services|Sync contacts|Sound effects|Compact view|Autoplay videos|Weekly summary|Public profile|Read receipts|Beta features|Spell check|Auto-update|Usage statistics|Desktop alerts|Keyboard shortcuts".split("|");
export const FORM_FIELDS: readonly { label: string; placeholder: string; action: string; type: string }[] = [
  { label: "Email", placeholder: "you@example.com", action: "enter your email address", type: "email" },
  { label: "Password", placeholder: "Password", action: "type your password", type: "password" },
  { label: "Username", placeholder: "Username", action: "enter your user name", type: "text" },
  { label: "Full name", placeholder: "Jane Doe", action: "enter your full name", type: "text" },
  { label: "Phone number", placeholder: "+1 555 0100", action: "enter your phone number", type: "tel" },
  { label: "Company", placeholder: "Company name", action: "enter your company name", type: "text" },
  { label: "Address", placeholder: "Street and number", action: "enter your street address", type: "text" },
  { label: "City", placeholder: "City", action: "enter your city", type: "text" },
  { label: "Postal code", placeholder: "ZIP", action: "enter your postal code", type: "text" },
  { label: "Website", placeholder: "https://", action: "enter your website address", type: "url" },
  { label: "Confirm password", placeholder: "Repeat password", action: "type the password again", type: "password" },
  { label: "Card number", placeholder: "1234 5678 9012 3456", action: "enter your card number", type: "text" },
  { label: "Date of birth", placeholder: "DD/MM/YYYY", action: "enter your date of birth", type: "text" },
  { label: "Job title", placeholder: "e.g. Designer", action: "enter your job title", type: "text" },
];

/** Ordinal words for "the third item". */
export const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
