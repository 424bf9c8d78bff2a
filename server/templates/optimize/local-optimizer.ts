import { parseTemplate } from "../language/parse-template";
import { STANDARD_PLACEHOLDER_NAMES } from "../language/standard-placeholders";
import { readingEase, sentenceCount, words } from "./readability";

/**
 * The optimiser that needs no provider: measurable rule-based findings, and a rewrite that only
 * adds a plain greeting or closing when one is missing. It is labelled as not AI-written
 * everywhere it is shown.
 */
export type Finding = {
  rule:
    | "length"
    | "reading_ease"
    | "greeting"
    | "closing"
    | "passive_voice"
    | "unused_variable"
    | "undeclared_variable"
    | "personalise";
  severity: "info" | "warning";
  message: string;
  /** The measured value behind the finding, when there is one. */
  value?: number | string;
};

const GREETING =
  /^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|thanks? for|thank you for)\b/i;
const CLOSING =
  /(best( regards| wishes)?|kind regards|regards|thanks|thank you|cheers|sincerely|all the best|have a (great|nice|good) day)[\s,.!]*(\{[^}]*\}[\s.!]*)?$/i;
const PASSIVE =
  /\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+ed|done|made|sent|given|taken|seen|known|shown|paid|held|kept|told|found|built|bought|brought|caught|written|chosen|broken|spoken|forgotten|gotten)\b/gi;
const GENERIC =
  /\b(dear (customer|sir|madam|client|user)|valued customer|to whom it may concern)\b/i;

const LONG_WORDS = 150;
const SHORT_WORDS = 8;
const HARD_READING = 50;

export type LocalOptimization = {
  optimizedTemplate: string;
  findings: Finding[];
  improvementAreas: { area: string; change: string }[];
  metrics: { words: number; sentences: number; readingEase: number | null; passiveCount: number };
};

export function analyseTemplate(
  content: string,
  declared: readonly string[],
  language = "en",
): { findings: Finding[]; metrics: LocalOptimization["metrics"] } {
  const findings: Finding[] = [];
  const english = language.toLowerCase().startsWith("en");
  const count = words(content).length;
  const ease = english ? readingEase(content) : null;
  const passive = english ? [...content.matchAll(PASSIVE)].map((m) => m[0]) : [];
  if (count > LONG_WORDS) {
    findings.push({
      rule: "length",
      severity: "warning",
      value: count,
      message: `${count} words: replies over ${LONG_WORDS} words are often skimmed; cut what the customer does not need.`,
    });
  } else if (count < SHORT_WORDS) {
    findings.push({
      rule: "length",
      severity: "info",
      value: count,
      message: `${count} words: very short replies can read as curt.`,
    });
  }
  if (ease !== null && ease < HARD_READING) {
    findings.push({
      rule: "reading_ease",
      severity: "warning",
      value: ease,
      message: `Reading ease ${ease} (Flesch; 60+ is plain English): use shorter sentences and simpler words.`,
    });
  }
  if (english && !GREETING.test(content)) {
    findings.push({
      rule: "greeting",
      severity: "warning",
      message: "No greeting: open with one, e.g. “Hi {customer.first_name|there},”.",
    });
  }
  if (english && !CLOSING.test(content.trim())) {
    findings.push({
      rule: "closing",
      severity: "info",
      message: "No closing: end with a sign-off, e.g. “Best regards,”.",
    });
  }
  for (const phrase of passive.slice(0, 3)) {
    findings.push({
      rule: "passive_voice",
      severity: "info",
      value: phrase,
      message: `Passive voice “${phrase}”: say who does it (“we sent” rather than “was sent”).`,
    });
  }
  const used = new Set(
    parseTemplate(content).nodes.flatMap((n) => (n.kind === "placeholder" ? [n.name] : [])),
  );
  const known = new Set([...declared, ...STANDARD_PLACEHOLDER_NAMES]);
  for (const name of declared) {
    if (!used.has(name)) {
      findings.push({
        rule: "unused_variable",
        severity: "warning",
        value: name,
        message: `Variable “${name}” is declared but the text never uses {${name}}.`,
      });
    }
  }
  for (const name of used) {
    if (!known.has(name)) {
      findings.push({
        rule: "undeclared_variable",
        severity: "warning",
        value: name,
        message: `{${name}} is used but not declared as a variable.`,
      });
    }
  }
  const personal = [...used].some((n) => n.startsWith("customer."));
  if (GENERIC.test(content)) {
    findings.push({
      rule: "personalise",
      severity: "warning",
      message: "Generic address (“dear customer”): use {customer.first_name|there} instead.",
    });
  } else if (!personal) {
    findings.push({
      rule: "personalise",
      severity: "info",
      message: "The reply never names the customer: {customer.first_name|there} makes it personal.",
    });
  }
  return {
    findings,
    metrics: {
      words: count,
      sentences: sentenceCount(content),
      readingEase: ease,
      passiveCount: passive.length,
    },
  };
}

/**
 * The local rewrite adds only what a rule can add safely: a plain greeting and closing
 * (no placeholders, so it can never invent one). Everything else is a finding to act on.
 */
export function optimizeLocally(
  content: string,
  declared: readonly string[],
  language = "en",
): LocalOptimization {
  const { findings, metrics } = analyseTemplate(content, declared, language);
  let text = content.trim();
  const improvementAreas: LocalOptimization["improvementAreas"] = [];
  if (findings.some((f) => f.rule === "greeting")) {
    text = `Hi there,\n\n${text}`;
    improvementAreas.push({ area: "Greeting", change: "Added a greeting." });
  }
  if (findings.some((f) => f.rule === "closing")) {
    text = `${text}\n\nBest regards`;
    improvementAreas.push({ area: "Closing", change: "Added a sign-off." });
  }
  for (const f of findings) {
    if (f.rule !== "greeting" && f.rule !== "closing")
      improvementAreas.push({ area: ruleTitle(f.rule), change: f.message });
  }
  return { optimizedTemplate: text, findings, improvementAreas, metrics };
}

function ruleTitle(rule: Finding["rule"]): string {
  return {
    length: "Length",
    reading_ease: "Readability",
    greeting: "Greeting",
    closing: "Closing",
    passive_voice: "Active voice",
    unused_variable: "Unused variable",
    undeclared_variable: "Undeclared variable",
    personalise: "Personalisation",
  }[rule];
}

/** Placeholder names in a text, in order of first use. */
export function placeholderNames(content: string): string[] {
  return [
    ...new Set(
      parseTemplate(content).nodes.flatMap((n) => (n.kind === "placeholder" ? [n.name] : [])),
    ),
  ];
}
