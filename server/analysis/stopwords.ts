/**
 * Words that say nothing about what a customer asks about: function words, greetings, placeholder
 * tokens, and swear words and intensifiers (tone is the sentiment analyser's job). Key phrases and
 * the clustering vectors of gap detection leave them out.
 */

import { PLACEHOLDER_TOKENS } from "@/server/training/model/normalize";

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i i'm if in into is it its " +
    "me my no not of on or our so that the their them then there this to too was we were what when where which who " +
    "why will with would you your am any some still just get got been being should please help hi hello thanks thank " +
    "there here yes also very need want know way one all out up about after before again than only more most much"
  )
    .split(" ")
    .concat([...PLACEHOLDER_TOKENS]),
);

/**
 * Swear words and intensifiers say how a customer feels, not what they ask about. Angry messages
 * share them, so without this list they win a group's phrases: a gap was named "order, make,
 * bloody", and gap drafts build a template's first sentence from these phrases. Tone is the
 * sentiment analyser's job.
 */
const NO_TOPIC = new Set(
  (
    "bloody damn damned dammit goddamn goddamned fuck fucking fuckin fucked freaking frigging " +
    "friggin shit shitty crap crappy hell effing"
  ).split(" "),
);

/** False for a stopword, a placeholder token or a tone word. */
export function isTopicWord(token: string): boolean {
  return !STOPWORDS.has(token) && !NO_TOPIC.has(token);
}
