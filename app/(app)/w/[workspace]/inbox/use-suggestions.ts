"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type { RouterOutputs } from "@/lib/router-types";
import {
  type CustomerAttributes,
  type NoConfidentReason,
  suggestionContext,
  type ValuesFromMessages,
} from "./reply-text";

type Thread = RouterOutputs["inbox"]["get"];

/** What the sidebar shows of a suggestion, whatever ranks it (server/suggestions today). */
export type SidebarSuggestion = {
  rank: number;
  templateId: string;
  name: string;
  /** Rendered with what is known; unfilled variables stay as `{name}`. */
  preview: string;
  missing: string[];
  confidence: number;
  lowConfidence: boolean;
};

export type Suggestions = {
  suggestionId: string | null;
  items: SidebarSuggestion[];
  noConfidentSuggestion: boolean;
  noConfidentReason: NoConfidentReason;
  /** With "unfamiliar_words": the words the model never saw. */
  unfamiliarWords: string[];
  /** Name, e-mail and order number as the customer wrote them (null until answered). */
  fromMessages: ValuesFromMessages | null;
  loading: boolean;
  error: string | null;
};

/**
 * The top three suggestions for the conversation's latest customer message, asked again when a
 * new customer message arrives (the query key holds the message). Earlier customer messages go
 * along as history, the customer panel's attributes as context, so variables come pre-filled.
 */
export function useSuggestions(thread: Thread | undefined): Suggestions {
  const trpc = useTRPC();
  const customerMessages = (thread?.messages ?? []).filter((m) => m.role === "customer");
  const latest = customerMessages.at(-1)?.text ?? null;
  const history = customerMessages.slice(-11, -1).map((m) => m.text);
  const customer = (thread?.customer ?? {}) as CustomerAttributes;
  const query = useQuery({
    ...trpc.suggestions.forMessage.queryOptions({
      message: latest ?? "-",
      conversationId: thread?.id,
      history,
      context: suggestionContext(customer),
      limit: 3,
    }),
    enabled: Boolean(thread && latest),
    staleTime: 60_000,
  });
  const data = query.data;
  return {
    suggestionId: data?.suggestionId ?? null,
    items: (data?.suggestions ?? []).map((s) => ({
      rank: s.rank,
      templateId: s.templateId,
      name: s.name,
      preview: s.preview,
      missing: s.missing,
      confidence: s.confidence,
      lowConfidence: s.lowConfidence,
    })),
    noConfidentSuggestion: data?.noConfidentSuggestion ?? false,
    noConfidentReason: data?.noConfidentReason ?? null,
    unfamiliarWords: data?.unfamiliarWords ?? [],
    fromMessages: data
      ? {
          name: data.extracted.name,
          email: data.extracted.email,
          orderNumber: data.extracted.orderNumber,
        }
      : null,
    loading: query.isLoading && Boolean(latest),
    error: query.error ? query.error.message : null,
  };
}
