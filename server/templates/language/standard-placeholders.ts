import type { TemplateVariable } from "./variable-schema";

/**
 * Placeholders every template may use without declaring them: what Parley knows about the
 * conversation when an agent replies. None is required; with no value they render their
 * written fallback (`{customer.first_name|there}`), or nothing.
 */
export const STANDARD_PLACEHOLDERS: readonly TemplateVariable[] = [
  {
    name: "customer.first_name",
    type: "text",
    required: false,
    description: "Customer's first name",
  },
  {
    name: "customer.last_name",
    type: "text",
    required: false,
    description: "Customer's last name",
  },
  { name: "customer.name", type: "text", required: false, description: "Customer's full name" },
  {
    name: "customer.email",
    type: "email",
    required: false,
    description: "Customer's email address",
  },
  {
    name: "agent.first_name",
    type: "text",
    required: false,
    description: "Replying agent's first name",
  },
  { name: "agent.name", type: "text", required: false, description: "Replying agent's full name" },
  {
    name: "agent.email",
    type: "email",
    required: false,
    description: "Replying agent's email address",
  },
  { name: "workspace.name", type: "text", required: false, description: "Your workspace's name" },
  { name: "conversation.id", type: "text", required: false, description: "Conversation number" },
  {
    name: "conversation.subject",
    type: "text",
    required: false,
    description: "Conversation subject",
  },
];

const byName = new Map(STANDARD_PLACEHOLDERS.map((v) => [v.name, v]));

export const STANDARD_PLACEHOLDER_NAMES: readonly string[] = [...byName.keys()];

export function standardPlaceholder(name: string): TemplateVariable | undefined {
  return byName.get(name);
}
