/**
 * Pure helpers of the reply composer: where the unfilled variables of an inserted template are
 * (the renderer leaves a missing value as `{name}`), and the values a conversation's customer
 * attributes give templates.
 */
import type { RouterOutputs } from "@/lib/router-types";

export type CustomerAttributes = {
  name?: string;
  email?: string;
  orderNumbers?: string[];
  attributes?: Record<string, string>;
};

const PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_.]*(?:\|[^{}\n]*)?\}/g;

/** The next `{variable}` at or after `from`, wrapping to the first; null when none is left. */
export function nextPlaceholder(text: string, from: number): { start: number; end: number } | null {
  const all = [...text.matchAll(PLACEHOLDER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  return all.find((p) => p.start >= from) ?? all[0] ?? null;
}

/** The order number a reply is most likely about: the last one the help desk sent. */
export function latestOrderNumber(customer: CustomerAttributes): string | undefined {
  return customer.orderNumbers?.at(-1);
}

/**
 * Template values from the customer panel: the standard customer placeholders, common names
 * for the order number, and every extra attribute under its own name.
 */
export function valuesFromCustomer(customer: CustomerAttributes): Record<string, string> {
  const values: Record<string, string> = {};
  const [first, ...rest] = (customer.name ?? "").trim().split(/\s+/).filter(Boolean);
  if (customer.name) values["customer.name"] = customer.name;
  if (first) values["customer.first_name"] = first;
  if (rest.length > 0) values["customer.last_name"] = rest.join(" ");
  if (customer.email) values["customer.email"] = customer.email;
  const order = latestOrderNumber(customer);
  if (order) {
    for (const name of ["order_id", "order_number", "order.id", "order.number", "order_no"]) {
      values[name] = order;
    }
  }
  for (const [name, value] of Object.entries(customer.attributes ?? {})) values[name] = value;
  return values;
}

/**
 * What a conversation is called in the list and the thread: the stored name or e-mail; else the
 * name the customer gave in their messages ("… Thanks, Maria", the one previews greet; the
 * thread reads it from every customer message, the list from `customerSignedName`, which ingest
 * read from whole messages), marked as read from them; else the help desk's id.
 */
export function conversationLabel(
  customer: unknown,
  written: string | null | undefined,
  externalId: string,
): { label: string; fromMessages: boolean } {
  const stored = (customer ?? {}) as CustomerAttributes;
  const given = stored.name || stored.email;
  if (given) return { label: given, fromMessages: false };
  return written
    ? { label: written, fromMessages: true }
    : { label: externalId, fromMessages: false };
}

/** What the suggestions API read from the customer's own messages (its `extracted`). */
export type ValuesFromMessages = { name?: string; email?: string; orderNumber?: string };

export type CustomerFact = {
  label: string;
  /** Null: neither stored nor written by the customer. */
  value: string | null;
  /** The help desk sent no value; this one was read from the customer's messages. */
  fromMessages: boolean;
};

/**
 * The customer panel's rows. What the help desk stored wins; where it sent nothing, the panel
 * shows what the customer wrote (the values the suggestions were pre-filled with, e.g. the name
 * of a "Thanks, Maria" sign-off), marked as such, so the agent sees where a greeting came from.
 */
export function customerFacts(
  customer: CustomerAttributes,
  fromMessages: ValuesFromMessages | null,
): CustomerFact[] {
  const fact = (label: string, stored: string | undefined, read: string | undefined) =>
    stored
      ? { label, value: stored, fromMessages: false }
      : { label, value: read ?? null, fromMessages: Boolean(read) };
  const orders = customer.orderNumbers?.join(", ") || undefined;
  return [
    fact("Name", customer.name, fromMessages?.name),
    fact("E-mail", customer.email, fromMessages?.email),
    fact("Orders", orders, fromMessages?.orderNumber),
  ];
}

/** The same facts as the suggestions API's context (customer, order). */
export function suggestionContext(customer: CustomerAttributes) {
  const values = valuesFromCustomer(customer);
  const customerFields: Record<string, string> = {};
  if (values["customer.name"]) customerFields.name = values["customer.name"];
  if (values["customer.first_name"]) customerFields.first_name = values["customer.first_name"];
  if (values["customer.last_name"]) customerFields.last_name = values["customer.last_name"];
  if (customer.email) customerFields.email = customer.email;
  const order = latestOrderNumber(customer);
  return {
    customer: customerFields,
    ...(order ? { order: { id: order, number: order } } : {}),
  };
}

/** The API's reason (null when the answer is confident). */
export type NoConfidentReason = RouterOutputs["suggestions"]["forMessage"]["noConfidentReason"];

/**
 * What the sidebar says above weak candidates: why there is no confident suggestion, so an agent
 * knows whether to teach the assistant (unfamiliar words), write a new template (out of scope)
 * or just pick (a weak match).
 */
export function noConfidentNote(reason: NoConfidentReason, unfamiliarWords: string[] = []): string {
  switch (reason) {
    case "unfamiliar_words": {
      // The words themselves say what the training data lacks.
      const words = unfamiliarWords.length > 0 ? ` (${unfamiliarWords.join(", ")})` : "";
      return `No confident suggestion: most words of this message${words} never appeared in the training data. Weak candidates:`;
    }
    case "out_of_scope":
      return "No confident suggestion: the assistant recognises this as a question no template answers. Closest templates:";
    default:
      return "No confident suggestion — weak candidates:";
  }
}

/**
 * A suggestion's confidence as the sidebar shows it. A calibrated probability is never certain:
 * 0.996 reads ">99%", not "100%"; below 1% reads "<1%", not "0%".
 */
export function confidenceLabel(confidence: number): string {
  const percent = Math.round(confidence * 100);
  if (percent >= 100 && confidence < 1) return ">99%";
  if (percent <= 0 && confidence > 0) return "<1%";
  return `${percent}%`;
}
