"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { classNames } from "@/lib/class-names";
import { formErrorMessage } from "@/lib/trpc-errors";
import { Composer, type ComposerMode, type Inserted } from "./composer";
import { ConversationList } from "./conversation-list";
import { DEFAULT_FILTER, type InboxFilter, LIST_LIMIT, nextListCursor } from "./inbox-filters";
import { ReplySidebar } from "./reply-sidebar";
import { type CustomerAttributes, valuesFromCustomer } from "./reply-text";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { ThreadView } from "./thread";
import { useInboxEvents } from "./use-inbox-events";
import { useInboxKeys } from "./use-inbox-keys";
import { useSuggestions } from "./use-suggestions";

/**
 * The agent inbox: conversations on the left, the thread and the reply composer in the middle,
 * the customer panel, suggestions and template search on the right. Keyboard first
 * (use-inbox-keys.ts, composer.tsx); live through server-sent events (use-inbox-events.ts).
 */
export function InboxView(props: {
  slug: string;
  userId: string;
  isAdmin: boolean;
  initialConversationId: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<InboxFilter>(DEFAULT_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(props.initialConversationId);
  // Phones show one pane at a time: the list first (the preselected conversation is the page's
  // prefetch, not the agent's choice), then the open conversation with its sidebar below.
  // Wide screens (lg) show all three columns whatever this says.
  const [pane, setPane] = useState<"list" | "conversation">("list");
  const [text, setText] = useState("");
  const [mode, setMode] = useState<ComposerMode>("reply");
  const [inserted, setInserted] = useState<Inserted | null>(null);
  const [shortcuts, setShortcuts] = useState(false);
  const [insertError, setInsertError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const live = useInboxEvents(props.slug);

  const list = useInfiniteQuery(
    trpc.inbox.list.infiniteQueryOptions(
      { filter, limit: LIST_LIMIT },
      { getNextPageParam: nextListCursor },
    ),
  );
  const conversations = useMemo(() => list.data?.pages.flat() ?? [], [list.data]);
  // "Load older conversations". A refetch of the list under way (after a change) would be
  // cancelled by the page's fetch, and the change lost: that refetch finishes first (with
  // cancelRefetch false the call hands it back), then the page is fetched. A second click while
  // the page is on its way gets that same fetch, not another page.
  const loadOlder = async () => {
    if (list.isFetching && !list.isFetchingNextPage) {
      await list.fetchNextPage({ cancelRefetch: false });
    }
    await list.fetchNextPage({ cancelRefetch: false });
  };
  const counts = useQuery(trpc.inbox.counts.queryOptions());
  // The first conversation is selected when nothing is (a new one arriving in an empty inbox).
  useEffect(() => {
    if (!selectedId && conversations[0]) setSelectedId(conversations[0].id);
  }, [selectedId, conversations]);
  const thread = useQuery({
    ...trpc.inbox.get.queryOptions({ id: selectedId ?? "00000000-0000-0000-0000-000000000000" }),
    enabled: Boolean(selectedId),
  });
  const current = selectedId && thread.data?.id === selectedId ? thread.data : undefined;
  const suggestions = useSuggestions(current);

  const select = (id: string) => {
    setPane("conversation");
    if (id === selectedId) return;
    setSelectedId(id);
    setText("");
    setInserted(null);
    setInsertError(null);
  };

  const placeCaret = () => {
    requestAnimationFrame(() => {
      const box = textareaRef.current;
      if (!box) return;
      box.focus();
      box.setSelectionRange(0, 0);
    });
  };

  const insert = (value: Inserted) => {
    setMode("reply");
    setText(value.renderedText);
    setInserted(value);
    setInsertError(null);
    placeCaret();
  };

  /** Free text (an AI draft, an FAQ answer): no template, so no template usage is recorded. */
  const insertText = (value: string) => {
    setMode("reply");
    setText(value);
    setInserted(null);
    setInsertError(null);
    placeCaret();
  };

  const insertSuggestion = (rank: number) => {
    const s = suggestions.items.find((item) => item.rank === rank);
    if (!s) return;
    insert({
      templateId: s.templateId,
      name: s.name,
      renderedText: s.preview,
      rank,
      shownTemplateIds: suggestions.items.map((item) => item.templateId),
      suggestionId: suggestions.suggestionId,
    });
  };

  const insertTemplate = async (template: { id: string; name: string }) => {
    if (!current) return;
    try {
      const rendered = await queryClient.fetchQuery(
        trpc.templates.render.queryOptions({
          id: template.id,
          values: valuesFromCustomer((current.customer ?? {}) as CustomerAttributes),
          format: "text",
          // A template under an A/B test renders this conversation's variant, as suggestions do.
          conversationId: current.id,
        }),
      );
      insert({
        templateId: template.id,
        name: template.name,
        renderedText: rendered.output,
        rank: null,
        shownTemplateIds: suggestions.items.map((item) => item.templateId),
        suggestionId: suggestions.suggestionId,
      });
    } catch (error) {
      setInsertError(formErrorMessage(error));
    }
  };

  const refresh = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.get.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.counts.queryKey() });
  };
  const feedback = useMutation(trpc.suggestions.feedback.mutationOptions());
  const send = useMutation(
    trpc.inbox.send.mutationOptions({
      onSuccess: (_result, input) => {
        if (inserted?.suggestionId) {
          feedback.mutate({
            suggestionId: inserted.suggestionId,
            chosenTemplateId: inserted.templateId,
          });
        }
        setText("");
        setInserted(null);
        refresh(input.conversationId);
      },
    }),
  );
  const note = useMutation(
    trpc.inbox.note.mutationOptions({
      onSuccess: (_result, input) => {
        setText("");
        refresh(input.conversationId);
      },
    }),
  );

  const submit = () => {
    if (!current || !text.trim() || send.isPending || note.isPending) return;
    if (mode === "note") {
      note.mutate({ conversationId: current.id, text });
      return;
    }
    send.mutate({
      conversationId: current.id,
      text,
      ...(inserted
        ? {
            templateId: inserted.templateId,
            renderedText: inserted.renderedText,
            shownTemplateIds:
              inserted.shownTemplateIds.length > 0 ? inserted.shownTemplateIds : undefined,
            chosenRank: inserted.rank ?? undefined,
          }
        : {}),
    });
  };

  useInboxKeys({
    move: (delta) => {
      const index = conversations.findIndex((c) => c.id === selectedId);
      const next = conversations[Math.min(Math.max(index + delta, 0), conversations.length - 1)];
      if (next) select(next.id);
    },
    insertSuggestion,
    focusSearch: () => searchRef.current?.focus(),
    toggleShortcuts: () => setShortcuts((open) => !open),
  });

  const error = send.error ?? note.error;
  return (
    <div className="-mx-4 -my-6 grid grid-cols-1 bg-white sm:-mx-6 lg:-m-6 lg:h-[calc(100vh-4rem)] lg:min-h-[480px] lg:grid-cols-[260px_1fr_300px]">
      <ConversationList
        filter={filter}
        onFilter={(f) => {
          setFilter(f);
          setSelectedId(null);
        }}
        conversations={conversations}
        counts={counts.data ?? null}
        onLoadMore={list.hasNextPage ? () => void loadOlder() : null}
        loadingMore={list.isFetchingNextPage}
        selectedId={selectedId}
        onSelect={select}
        live={live}
        className={pane === "list" ? "flex" : "hidden lg:flex"}
      />
      <section
        aria-label="Conversation"
        className={classNames(
          pane === "conversation" ? "flex" : "hidden lg:flex",
          "h-[75vh] min-h-0 flex-col lg:h-auto",
        )}
      >
        <button
          type="button"
          className="border-b border-zinc-200 px-4 py-2 text-left text-sm font-medium text-accent-700 lg:hidden"
          onClick={() => setPane("list")}
        >
          ← Conversations
        </button>
        {current ? (
          <>
            <ThreadView thread={current} />
            <Composer
              textareaRef={textareaRef}
              text={text}
              onText={setText}
              mode={mode}
              onMode={setMode}
              inserted={inserted}
              onClearInserted={() => setInserted(null)}
              onSend={submit}
              sending={send.isPending || note.isPending}
              error={error ? formErrorMessage(error) : insertError}
            />
          </>
        ) : (
          <div className="m-auto max-w-sm p-6 text-center text-sm text-zinc-500">
            <p className="font-medium text-zinc-700">No conversation selected</p>
            <p>
              Conversations pushed from your help desk (inbox.ingest or the signed webhook) appear
              here as they arrive. Press ? for shortcuts.
            </p>
            {props.isAdmin ? (
              <p className="mt-3 space-x-3">
                <Link
                  className="font-medium text-accent-700"
                  href={`/w/${props.slug}/settings/inbox`}
                >
                  Connect a help desk
                </Link>
                <Link
                  className="font-medium text-accent-700"
                  href={`/w/${props.slug}/settings/api-keys`}
                >
                  API keys
                </Link>
              </p>
            ) : null}
          </div>
        )}
      </section>
      <ReplySidebar
        slug={props.slug}
        isAdmin={props.isAdmin}
        onInsertText={insertText}
        thread={current}
        suggestions={suggestions}
        onInsertSuggestion={insertSuggestion}
        onInsertTemplate={(t) => void insertTemplate(t)}
        searchRef={searchRef}
        className={pane === "conversation" ? "flex" : "hidden lg:flex"}
      />
      <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}
