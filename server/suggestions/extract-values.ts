import { collapseWhitespace, findEmail, replaceEmails } from "./linear-patterns";

/**
 * Values a customer gave in their own words: order numbers, e-mail addresses, dates, amounts
 * and their name. Pre-filling a suggested reply uses them where the caller's `context` says
 * nothing. Rules, not a model: every rule is a pattern a person can read, and a wrong guess only
 * pre-fills a field the agent sees before sending.
 */
export interface ExtractedValues {
  orderNumber?: string;
  email?: string;
  /** As the customer wrote it ("March 3", "2026-03-03"). */
  date?: string;
  /** The number only, "49.90"; `currency` when a symbol or code was written next to it. */
  amount?: string;
  currency?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
}

// E-mail addresses: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/, matched in linear time
// (linear-patterns.ts).
// "order 12345", "order #A-1042", "order number: 778812", "#12345"; the id needs a digit.
const ORDER =
  /\b(?:order|purchase|ord)(?:\s+(?:number|no\.?|num|id|ref(?:erence)?))?\s*(?:is|was|:)?\s*#?\s*([A-Z0-9][A-Z0-9-]{2,19})\b|(?:^|\s)#([A-Z0-9][A-Z0-9-]{2,19})\b/i;
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATE = new RegExp(
  [
    String.raw`\b\d{4}-\d{2}-\d{2}\b`,
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`,
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\b(?:,?\s+\d{4})?`,
  ].join("|"),
  "i",
);
const SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY" };
const AMOUNT_SYMBOL = /([$€£¥])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/;
const AMOUNT_CODE =
  /\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(usd|eur|gbp|dollars?|euros?|pounds?)\b/i;
const CODE_WORDS: Record<string, string> = {
  usd: "USD",
  dollar: "USD",
  dollars: "USD",
  eur: "EUR",
  euro: "EUR",
  euros: "EUR",
  gbp: "GBP",
  pound: "GBP",
  pounds: "GBP",
};
// A name is one or two capitalised words after "my name is", "I'm", "this is", or in a sign-off
// that ends the message: on its own line ("Thanks,\nMaria Lopez" / "- Maria") or after the last
// sentence of a one-line chat message ("Where is it? Thanks, Maria"). Case matters here, so no
// `i` flag on the word.
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const NAME_INTRO = new RegExp(
  String.raw`(?:\b[Mm]y name is|\b[Nn]ame's|\b[Tt]his is|\bI am|\bI'm|\bI’m)\s+(${NAME_WORD}(?:\s+${NAME_WORD})?)`,
  "u",
);
const SIGN_OFF = new RegExp(
  String.raw`(?:^|\n|[.!?]\s)\s*(?:(?:[Tt]hanks|[Tt]hank you|[Rr]egards|[Bb]est|[Cc]heers|[Ss]incerely|[Bb]est regards|[Kk]ind regards)[,.!]?\s*(?:\n\s*|\s+)|[-–—]\s*)(${NAME_WORD}(?:\s+${NAME_WORD})?)\s*[.!]?\s*$`,
  "u",
);
// Words that follow "I'm"/"This is" or a sign-off without being a name ("I'm Unable", "This is
// Urgent", "Thanks, Team").
const NOT_NAMES = new Set(
  "Unable Not Still Trying Looking Having Getting Writing Sorry Very Really So Just Urgent Happy Unhappy Angry Frustrated Confused Waiting Going Here Back Done Sure The A An It My Your Team Support Everyone All Again Guys Folks".split(
    " ",
  ),
);

function amountOf(whole: string, cents: string | undefined): string {
  const digits = whole.replace(/,/g, "");
  return cents ? `${digits}.${cents.padEnd(2, "0")}` : digits;
}

function nameFrom(text: string): string | undefined {
  for (const pattern of [NAME_INTRO, SIGN_OFF]) {
    // SIGN_OFF on whitespace runs collapsed: same name, linear time (linear-patterns.ts).
    const found = pattern.exec(pattern === SIGN_OFF ? collapseWhitespace(text) : text)?.[1];
    if (!found) continue;
    const words = found.split(/\s+/).filter((w) => !NOT_NAMES.has(w));
    if (words.length > 0 && words.length === found.split(/\s+/).length) return words.join(" ");
  }
  return undefined;
}

/**
 * The name the customer gave in their messages, oldest first: the newest one wins, as in
 * extractFromConversation, without reading the other kinds of value (the inbox names
 * conversations with it on every render).
 */
export function customerNameFrom(messages: readonly string[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const name = nameFrom(messages[i] ?? "");
    if (name) return name;
  }
  return undefined;
}

/** One text (a message). */
export function extractFromText(text: string): ExtractedValues {
  const out: ExtractedValues = {};
  const withoutEmails = replaceEmails(text, " ");
  const email = findEmail(text);
  if (email) out.email = text.slice(email.start, email.end);
  const order = ORDER.exec(withoutEmails);
  const orderId = order?.[1] ?? order?.[2];
  if (orderId && /\d/.test(orderId)) out.orderNumber = orderId.toUpperCase();
  const date = DATE.exec(withoutEmails)?.[0];
  if (date) out.date = date.trim();
  const symbol = AMOUNT_SYMBOL.exec(withoutEmails);
  const coded = symbol ? null : AMOUNT_CODE.exec(withoutEmails);
  if (symbol?.[1] && symbol[2]) {
    out.amount = amountOf(symbol[2], symbol[3]);
    out.currency = SYMBOLS[symbol[1]];
  } else if (coded?.[1] && coded[3]) {
    out.amount = amountOf(coded[1], coded[2]);
    out.currency = CODE_WORDS[coded[3].toLowerCase()];
  }
  const name = nameFrom(text);
  if (name) {
    const [first, ...rest] = name.split(" ");
    out.name = name;
    out.firstName = first;
    if (rest.length > 0) out.lastName = rest.join(" ");
  }
  return out;
}

/**
 * The customer's messages of a conversation, oldest first, the current one last: the newest
 * mention of each kind wins (a corrected order number replaces the first one), and a kind the
 * newest message lacks comes from an earlier one.
 */
export function extractFromConversation(messages: readonly string[]): ExtractedValues {
  const out: ExtractedValues = {};
  for (const message of messages) {
    const found = extractFromText(message);
    if (found.amount) delete out.currency; // an amount brings its own currency, or none
    Object.assign(out, found);
  }
  return out;
}
