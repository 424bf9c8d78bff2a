"use client";

import { useRouter } from "next/navigation";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import {
  type TemplateCategory,
  type TemplateListPage,
  templatesPath,
} from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { LoadMoreFooter } from "@/components/ui/paged-list";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { BulkBar } from "./bulk-bar";
import { ExportDialog } from "./export-dialog";
import { ImportDialog } from "./import-dialog";
import { defaultFilters, filtersToSearch, type LibraryFilters } from "./library-filters";
import { countText, SearchHint } from "./library-status";
import { LibraryToolbar } from "./library-toolbar";
import { TemplateRow } from "./template-row";
import { useDebouncedValue } from "./use-debounced-value";
import { useLibraryResults } from "./use-library-results";

type TemplateLibraryProps = {
  slug: string;
  firstPage: TemplateListPage;
  /** The workspace has no templates at all (not: none match). */
  workspaceEmpty: boolean;
  categories: TemplateCategory[];
  languages: string[];
  initialFilters: LibraryFilters;
  pageSize: number;
  canWrite: boolean;
};

const isEditable = (element: Element | null) =>
  element instanceof HTMLInputElement ||
  element instanceof HTMLTextAreaElement ||
  element instanceof HTMLSelectElement ||
  (element instanceof HTMLElement && element.isContentEditable);

/** The template library: search as you type, filters, keyboard navigation, import and export. */
export function TemplateLibrary({
  slug,
  firstPage,
  workspaceEmpty,
  categories,
  languages,
  initialFilters,
  pageSize,
  canWrite,
}: TemplateLibraryProps) {
  const router = useRouter();
  const formatting = useDateFormatting();
  const listId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [filters, setFilters] = useState<LibraryFilters>(initialFilters);
  const [selected, setSelected] = useState(-1);
  const [dialog, setDialog] = useState<"import" | "export" | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  // Typing is debounced; picking a filter applies at once (it is debounced along, unnoticed).
  const applied = useDebouncedValue(filters, 150);
  const results = useLibraryResults(applied, firstPage, pageSize);
  const { items } = results;

  useEffect(() => {
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${filtersToSearch(applied)}`,
    );
  }, [applied]);

  // New results: the best match is selected while searching, nothing otherwise.
  useEffect(() => {
    setSelected(applied.query.trim() && items.length > 0 ? 0 : -1);
  }, [items, applied.query]);

  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(document.activeElement) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const hrefOf = (index: number) => {
    const item = items[index];
    return item ? templatesPath(slug, item.id) : null;
  };

  function select(index: number, focusLink: boolean) {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setSelected(next);
    const row = listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-template-link]")[next];
    row?.scrollIntoView({ block: "nearest" });
    if (focusLink) row?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (items.length > 0) select(selected + (event.key === "ArrowDown" ? 1 : -1), false);
    } else if (event.key === "Enter") {
      const href = hrefOf(Math.max(selected, 0));
      if (href) {
        event.preventDefault();
        router.push(href);
      }
    } else if (event.key === "Escape" && filters.query) {
      event.preventDefault();
      setFilters((current) => ({ ...current, query: "" }));
    }
  }

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    if (event.key === "ArrowUp" && selected <= 0) {
      searchRef.current?.focus();
      return;
    }
    select(selected + (event.key === "ArrowDown" ? 1 : -1), true);
  }

  const filtered = filtersToSearch(applied) !== "";
  const selectedItem = selected >= 0 ? items[selected] : undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Templates"
        description="Reply templates with typed variables, suggested to agents in the inbox."
        actions={
          <>
            {canWrite ? (
              <Button variant="secondary" onClick={() => setDialog("import")}>
                Import
              </Button>
            ) : null}
            {workspaceEmpty && items.length === 0 ? null : (
              <Button variant="secondary" onClick={() => setDialog("export")}>
                Export
              </Button>
            )}
            {canWrite ? (
              <ButtonLink variant="secondary" href={`/w/${slug}/templates/categories`}>
                Categories
              </ButtonLink>
            ) : null}
            {/* Everyone has a trash and may write templates: agents' own are personal. */}
            <ButtonLink variant="secondary" href={`/w/${slug}/templates/trash`}>
              Trash
            </ButtonLink>
            <ButtonLink href={templatesPath(slug, "new")}>New template</ButtonLink>
          </>
        }
      />

      {workspaceEmpty && !filtered && items.length === 0 ? (
        <EmptyState
          title="No templates yet"
          description={
            canWrite
              ? "Write your first reply template, or import your macros from Zendesk, canned responses from Chatwoot, or a CSV file."
              : "Admins of this workspace have not written any templates yet."
          }
          action={
            canWrite ? (
              <div className="flex flex-wrap justify-center gap-2">
                <ButtonLink href={templatesPath(slug, "new")}>New template</ButtonLink>
                <Button variant="secondary" onClick={() => setDialog("import")}>
                  Import templates
                </Button>
              </div>
            ) : null
          }
        />
      ) : (
        <Card>
          <div className="border-b border-zinc-200 px-4 py-4 sm:px-5">
            <LibraryToolbar
              filters={filters}
              onChange={(patch) => setFilters((current) => ({ ...current, ...patch }))}
              categories={categories}
              languages={languages}
              searchRef={searchRef}
              listId={listId}
              onSearchKeyDown={onSearchKeyDown}
            />
          </div>
          <div className="flex min-h-6 items-center justify-between gap-2 px-4 pt-2 text-xs text-zinc-500 sm:px-5">
            <span role="status">
              {results.loading ? (
                <span className="inline-flex items-center gap-1.5">
                  <Spinner className="size-3" /> Searching…
                </span>
              ) : (
                countText(items.length, results.hasMore, results.searching, results.total)
              )}
            </span>
            <span className="hidden sm:inline">↑ ↓ to move · Enter to open · / to search</span>
            <span className="sr-only" aria-live="polite">
              {selectedItem ? `${selectedItem.name}, ${selected + 1} of ${items.length}` : ""}
            </span>
          </div>
          {canWrite ? (
            <BulkBar
              ids={items.filter((item) => ticked.has(item.id)).map((item) => item.id)}
              categories={categories}
              onDone={() => setTicked(new Set())}
            />
          ) : null}
          <SearchHint
            didYouMean={results.didYouMean}
            partial={results.partial}
            onPick={(query) => setFilters((current) => ({ ...current, query }))}
          />
          {results.error ? (
            <div className="p-5">
              <Alert tone="error">{results.error}</Alert>
            </div>
          ) : results.firstLoad ? (
            <p className="flex items-center justify-center gap-2 py-12 text-sm text-zinc-500">
              <Spinner /> Loading templates…
            </p>
          ) : items.length === 0 ? (
            <div className="space-y-3 px-5 py-12 text-center text-sm text-zinc-500">
              <p>
                No templates match{" "}
                {applied.query.trim() ? `“${applied.query.trim()}”` : "these filters"}.
              </p>
              <Button variant="secondary" size="sm" onClick={() => setFilters(defaultFilters)}>
                Clear search and filters
              </Button>
            </div>
          ) : (
            <ul
              id={listId}
              ref={listRef}
              aria-label="Templates"
              onKeyDown={onListKeyDown}
              className="mt-2 divide-y divide-zinc-100 border-t border-zinc-100"
            >
              {items.map((item, index) => (
                <TemplateRow
                  key={item.id}
                  item={item}
                  href={templatesPath(slug, item.id)}
                  selected={index === selected}
                  formatting={formatting}
                  onFocus={() => setSelected(index)}
                  checked={ticked.has(item.id)}
                  onCheck={
                    canWrite
                      ? (on) =>
                          setTicked((current) => {
                            const next = new Set(current);
                            if (on) next.add(item.id);
                            else next.delete(item.id);
                            return next;
                          })
                      : undefined
                  }
                />
              ))}
            </ul>
          )}
          <LoadMoreFooter
            hasMore={results.hasMore && items.length > 0}
            loading={results.loadingMore}
            onLoadMore={results.loadMore}
          />
        </Card>
      )}

      <ImportDialog open={dialog === "import"} onClose={() => setDialog(null)} />
      <ExportDialog
        open={dialog === "export"}
        onClose={() => setDialog(null)}
        shownIds={items.map((item) => item.id)}
        filtered={filtered}
      />
    </div>
  );
}
