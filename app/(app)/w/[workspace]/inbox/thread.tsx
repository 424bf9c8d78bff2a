"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { classNames } from "@/lib/class-names";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { customerNameFrom } from "@/server/suggestions/extract-values";
import { conversationLabel } from "./reply-text";

type Thread = RouterOutputs["inbox"]["get"];

const ROLE_STYLE: Record<string, string> = {
  customer: "bg-white border border-zinc-200",
  agent: "bg-accent-50 border border-accent-100 ml-auto",
  bot: "bg-zinc-50 border border-zinc-200",
  note: "bg-amber-50 border border-amber-200 ml-auto",
};

/** The conversation's header (assignment, status, resolve with CSAT) and its messages. */
export function ThreadView({ thread }: { thread: Thread }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dates = useDateFormatting();
  const assignees = useQuery(trpc.inbox.assignees.queryOptions());
  const [csat, setCsat] = useState("");
  const [learned, setLearned] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.queryKey({ id: thread.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.counts.queryKey() });
  };
  const status = useMutation(
    trpc.inbox.setStatus.mutationOptions({
      onSuccess: (result) => {
        refresh();
        setLearned(
          result.status === "resolved"
            ? `Resolved. ${result.trainingExamples} ${result.trainingExamples === 1 ? "reply" : "replies"} from this conversation in the training data.`
            : null,
        );
      },
    }),
  );
  const assign = useMutation(trpc.inbox.assign.mutationOptions({ onSuccess: refresh }));
  const error = status.error ?? assign.error;
  // The parent re-renders on every keystroke in the composer; the messages change far less.
  const title = useMemo(
    () =>
      conversationLabel(
        thread.customer,
        customerNameFrom(thread.messages.filter((m) => m.role === "customer").map((m) => m.text)),
        thread.externalId,
      ),
    [thread.customer, thread.messages, thread.externalId],
  );
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-4 py-2">
        <h2 className="text-base font-semibold text-zinc-900" data-testid="thread-title">
          {title.label}
        </h2>
        <span className="mr-auto text-xs text-zinc-500">
          {title.fromMessages ? `from the messages · ${thread.externalId}` : ""}
        </span>
        <Badge
          tone={
            thread.status === "resolved"
              ? "success"
              : thread.status === "pending"
                ? "warning"
                : "accent"
          }
        >
          <span data-testid="thread-status">{thread.status}</span>
        </Badge>
        {thread.csat !== null && <Badge tone="neutral">CSAT {thread.csat}</Badge>}
        <label className="sr-only" htmlFor="assignee">
          Assignee
        </label>
        <Select
          id="assignee"
          className="h-8 w-44 text-xs"
          value={thread.assigneeId ?? ""}
          onChange={(e) =>
            assign.mutate({ conversationId: thread.id, userId: e.target.value || null })
          }
        >
          <option value="">Unassigned</option>
          {(assignees.data ?? []).map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.name ?? a.email}
            </option>
          ))}
        </Select>
        {thread.status !== "pending" && thread.status !== "resolved" && (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => status.mutate({ conversationId: thread.id, status: "pending" })}
          >
            Pending
          </Button>
        )}
        {thread.status === "resolved" ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => status.mutate({ conversationId: thread.id, status: "open" })}
          >
            Reopen
          </Button>
        ) : (
          <>
            <label className="sr-only" htmlFor="csat">
              CSAT
            </label>
            <Select
              id="csat"
              className="h-8 w-28 text-xs"
              value={csat}
              onChange={(e) => setCsat(e.target.value)}
            >
              <option value="">No CSAT</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={String(n)}>
                  CSAT {n}
                </option>
              ))}
            </Select>
            <Button
              size="sm"
              pending={status.isPending}
              pendingLabel="Resolving…"
              onClick={() =>
                status.mutate({
                  conversationId: thread.id,
                  status: "resolved",
                  csat: csat ? Number(csat) : undefined,
                })
              }
            >
              Resolve
            </Button>
          </>
        )}
      </header>
      {error && <p className="px-4 py-1 text-sm text-red-600">{formErrorMessage(error)}</p>}
      {learned && (
        <p className="px-4 py-1 text-xs text-emerald-700" role="status">
          {learned}
        </p>
      )}
      <ol
        className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto bg-zinc-50 p-4"
        data-testid="thread"
      >
        {thread.messages.map((m) => (
          <li
            key={m.id}
            data-role={m.role}
            className={classNames(
              "max-w-[80%] rounded-lg px-3 py-2 text-sm",
              ROLE_STYLE[m.role] ?? "",
            )}
          >
            <p className="mb-1 text-[11px] text-zinc-500">
              {m.role === "note" ? "Internal note" : m.role}
              {m.authorName ? ` · ${m.authorName}` : ""} · {formatDateTime(m.createdAt, dates)}
              {m.delivery && m.delivery !== "none" ? ` · ${m.delivery}` : ""}
            </p>
            <p className="whitespace-pre-wrap text-zinc-900">{m.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
