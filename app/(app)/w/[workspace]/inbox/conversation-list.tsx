"use client";

import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { classNames } from "@/lib/class-names";
import { formatCount } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { customerNameFrom } from "@/server/suggestions/extract-values";
import { INBOX_FILTERS, type InboxFilter } from "./inbox-filters";
import { conversationLabel } from "./reply-text";

type Summary = RouterOutputs["inbox"]["list"][number];

/** The filters and the conversations, newest activity first; j/k move the selection. */
export function ConversationList(props: {
  filter: InboxFilter;
  onFilter: (filter: InboxFilter) => void;
  conversations: Summary[];
  /** Conversations per tab (null while loading). */
  counts: Record<InboxFilter, number> | null;
  /** Loads the next conversations of the tab, when there are more. */
  onLoadMore: (() => void) | null;
  loadingMore: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  live: string;
  /** Display classes from the inbox (hidden on phones while a conversation is open). */
  className: string;
}) {
  // The inbox re-renders the list on every keystroke in the composer; the names change only
  // with the conversations.
  const labels = useMemo(
    () =>
      new Map(
        props.conversations.map((c) => [
          c.id,
          conversationLabel(
            c.customer,
            // Conversations stored before the column was added have only their preview.
            c.customerSignedName ?? customerNameFrom([c.preview]),
            c.externalId,
          ),
        ]),
      ),
    [props.conversations],
  );
  return (
    <nav
      aria-label="Conversations"
      className={classNames("min-h-0 flex-col border-zinc-200 lg:border-r", props.className)}
    >
      <div className="flex flex-wrap gap-1 border-b border-zinc-200 p-2" role="tablist">
        {INBOX_FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            role="tab"
            aria-selected={props.filter === f.value}
            onClick={() => props.onFilter(f.value)}
            className={classNames(
              "rounded px-2 py-1 text-xs font-medium",
              props.filter === f.value
                ? "bg-accent-600 text-white"
                : "text-zinc-600 hover:bg-zinc-100",
            )}
          >
            {f.label}
            {/* A space between, so the tab reads "Open 37", not "Open37". */}
            {props.counts ? " " : null}
            {props.counts ? (
              <span
                className={classNames(
                  "tabular-nums",
                  props.filter === f.value ? "text-accent-100" : "text-zinc-400",
                )}
              >
                {formatCount(props.counts[f.value])}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <p className="px-3 py-1 text-[11px] text-zinc-400" data-testid="inbox-live">
        {props.live === "live"
          ? "Live"
          : props.live === "offline"
            ? "Offline — reload"
            : "Connecting…"}
      </p>
      <ul className="min-h-0 flex-1 overflow-y-auto">
        {props.conversations.length === 0 && (
          <li className="p-4 text-sm text-zinc-500">No conversations here.</li>
        )}
        {props.conversations.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => props.onSelect(c.id)}
              aria-current={c.id === props.selectedId ? "true" : undefined}
              data-testid="conversation-item"
              className={classNames(
                "block w-full border-b border-zinc-100 px-3 py-2 text-left",
                c.id === props.selectedId ? "bg-accent-50" : "hover:bg-zinc-50",
              )}
            >
              <span className="flex items-center justify-between gap-2">
                <ConversationName
                  label={labels.get(c.id) ?? { label: c.externalId, fromMessages: false }}
                  externalId={c.externalId}
                />
                {c.status !== "open" && (
                  <Badge tone={c.status === "resolved" ? "success" : "warning"}>{c.status}</Badge>
                )}
              </span>
              <span className="line-clamp-2 text-xs text-zinc-500">{c.preview || "—"}</span>
            </button>
          </li>
        ))}
        {props.onLoadMore ? (
          <li className="p-2">
            <Button
              variant="secondary"
              size="sm"
              className="w-full"
              onClick={props.onLoadMore}
              pending={props.loadingMore}
              pendingLabel="Loading…"
            >
              Load older conversations
            </Button>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export type { Summary };

/** The list's name for a conversation; one read from the messages names the help desk's id on hover. */
function ConversationName(props: {
  label: { label: string; fromMessages: boolean };
  externalId: string;
}) {
  return (
    <span
      data-testid="conversation-name"
      className="truncate text-sm font-medium text-zinc-900"
      title={
        props.label.fromMessages
          ? `Name from the customer's messages (help desk id ${props.externalId})`
          : undefined
      }
    >
      {props.label.label}
    </span>
  );
}
