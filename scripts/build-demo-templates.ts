/**
 * Writes db/demo/templates.json, the demo workspace's templates (db/seed.ts imports it).
 *   npx tsx scripts/build-demo-templates.ts [path/to/bitext_cs_train_v_2023-08-07.csv]
 * Texts and trigger phrases come from scripts/demo-template-texts.ts; this script checks them
 * against the dataset and prints, per intent, the share of its messages the phrases match
 * (recall) and the share of matched messages that belong to it (precision).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { exportTemplatesJson } from "@/server/templates/interchange/json-interchange";
import {
  type TemplateDraft,
  templateDraftSchema,
} from "@/server/templates/language/template-schema";
import { DEMO_TEXTS } from "./demo-template-texts";

const csvPath =
  process.argv[2] ??
  path.join(
    process.cwd(),
    "..",
    "shared",
    "datasets",
    "bitext-customer-support",
    "bitext_cs_train_v_2023-08-07.csv",
  );
const { records } = parseCsv(readFileSync(csvPath, "utf8"));
const [header, ...rows] = records;
if (!header) throw new Error("empty CSV");
const column = (name: string) => header.fields.indexOf(name);
const [iText, iIntent, iCategory] = [column("instruction"), column("intent"), column("category")];

/** Phrase matching as the trigger matcher does it: lower-case, punctuation folded, substring. */
const normalise = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()} `;

const messages = rows.map((row) => ({
  text: normalise(row.fields[iText] ?? ""),
  intent: row.fields[iIntent] ?? "",
  category: row.fields[iCategory] ?? "",
}));
const intents = [...new Set(messages.map((m) => m.intent))];

const CATEGORY_NAMES: Record<string, string> = {
  ORDER: "Orders",
  SHIPPING_ADDRESS: "Shipping",
  CANCELLATION_FEE: "Orders",
  INVOICE: "Billing",
  PAYMENT: "Billing",
  REFUND: "Refunds",
  FEEDBACK: "Feedback",
  CONTACT: "Contact",
  ACCOUNT: "Account",
  DELIVERY: "Shipping",
  NEWSLETTER: "Marketing",
};

const quality: { intent: string; recall: number; precision: number }[] = [];
const mined: TemplateDraft[] = intents.map((intent) => {
  const text = DEMO_TEXTS[intent];
  if (!text) throw new Error(`no demo text for intent ${intent}`);
  const phrases = text.phrases.map((p) => normalise(p).trim());
  const hits = messages.filter((m) =>
    phrases.some((p) => m.text.includes(` ${p} `) || m.text.includes(` ${p}`)),
  );
  const own = messages.filter((m) => m.intent === intent);
  const correct = hits.filter((m) => m.intent === intent).length;
  quality.push({
    intent,
    recall: round(correct / own.length),
    precision: round(hits.length ? correct / hits.length : 0),
  });
  return templateDraftSchema.parse({
    name: text.name,
    category: CATEGORY_NAMES[own[0]?.category ?? ""] ?? own[0]?.category ?? null,
    content: text.content,
    status: "active",
    tags: text.tags,
    language: "en",
    variables: text.variables,
    triggers: text.phrases.map((value, i) => ({
      kind: "phrase",
      value,
      weight: round(1 - i * 0.1),
      active: true,
    })),
  });
});

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The two examples the product brief started from, kept as written there. */
const classics: TemplateDraft[] = [
  templateDraftSchema.parse({
    name: "Order Status Inquiry",
    category: "Orders",
    content:
      "Hi {customer_name}! Your order {order_id} is currently {order_status}. {status_details|You'll get an email as soon as anything changes.}\n\nThanks for shopping with Acme Store!",
    status: "active",
    tags: ["orders", "status"],
    language: "en",
    variables: [
      { name: "customer_name", type: "text", required: true, fallback: "there" },
      { name: "order_id", type: "text", required: true },
      {
        name: "order_status",
        type: "select",
        required: true,
        options: ["being prepared", "shipped", "out for delivery", "delivered", "delayed"],
      },
      { name: "status_details", type: "text", required: false },
    ],
    triggers: [
      { kind: "phrase", value: "order status", weight: 1, active: true },
      { kind: "phrase", value: "where is my order", weight: 1, active: true },
      { kind: "keyword", value: "tracking", weight: 0.6, active: true },
    ],
  }),
  templateDraftSchema.parse({
    name: "Technical Support Resolution",
    category: "Technical",
    content:
      "Hi {customer_name},\n\nThanks for your patience while we looked into {issue_summary}. The cause was {root_cause}, and it was fixed on {resolved_on}. If you still see the problem, reply to this message and mention ticket {ticket_id}.\n\n{agent.name|The Acme Store team}",
    status: "active",
    tags: ["technical", "resolution"],
    language: "en",
    variables: [
      { name: "customer_name", type: "text", required: true, fallback: "there" },
      { name: "issue_summary", type: "text", required: true },
      { name: "root_cause", type: "text", required: true },
      { name: "resolved_on", type: "date", required: true },
      { name: "ticket_id", type: "text", required: true },
      { name: "agent.name", type: "text", required: false },
    ],
    triggers: [
      { kind: "phrase", value: "not working", weight: 1, active: true },
      { kind: "keyword", value: "error", weight: 0.6, active: true },
      { kind: "keyword", value: "bug", weight: 0.6, active: true },
    ],
  }),
];

const out = path.join(process.cwd(), "db", "demo", "templates.json");
writeFileSync(out, exportTemplatesJson([...classics, ...mined]));
const mean = (key: "recall" | "precision") =>
  round(quality.reduce((sum, q) => sum + q[key], 0) / quality.length);
console.log(
  JSON.stringify({
    written: out,
    templates: classics.length + mined.length,
    mean_recall: mean("recall"),
    mean_precision: mean("precision"),
    per_intent: quality,
  }),
);
