"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type {
  TemplateListPage,
  TemplateSearchHit,
  TemplateSummary,
} from "@/components/templates/template-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { isDefaultFilters, type LibraryFilters } from "./library-filters";

export type LibraryItem = TemplateSummary | TemplateSearchHit;

/**
 * The library's rows: `templates.search` while there is a query, `templates.list` otherwise,
 * both paged by the server's cursor. While the next answer loads the previous rows stay.
 */
export function useLibraryResults(
  filters: LibraryFilters,
  firstPage: TemplateListPage,
  pageSize: number,
) {
  const trpc = useTRPC();
  const query = filters.query.trim();
  const tag = filters.tag.trim();
  const common = {
    limit: pageSize,
    status: filters.status || undefined,
    categoryId: filters.categoryId || undefined,
    language: filters.language || undefined,
    owner: filters.owner || undefined,
  };

  const list = useInfiniteQuery(
    trpc.templates.list.infiniteQueryOptions(
      {
        ...common,
        tag: tag || undefined,
        sort: filters.sort,
        favourites: filters.favourites || undefined,
      },
      {
        enabled: query === "",
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
        // The server rendered the first unfiltered page.
        initialData: isDefaultFilters(filters)
          ? { pages: [firstPage], pageParams: [null] }
          : undefined,
      },
    ),
  );
  const search = useInfiniteQuery(
    trpc.templates.search.infiniteQueryOptions(
      { ...common, query, tags: tag ? [tag] : undefined },
      {
        enabled: query !== "",
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );

  const active = query ? search : list;
  const fresh = useMemo((): LibraryItem[] | undefined => {
    const items = active.data?.pages.flatMap((page): LibraryItem[] => page.items);
    if (!items || !query) return items;
    // One row per translation group, as the list shows them: the best-ranked variant.
    const groups = new Set<string>();
    return items.filter((item) => !groups.has(item.groupId) && groups.add(item.groupId));
  }, [active.data, query]);
  // Switching between list and search: keep showing the last rows until the other answers.
  const last = useRef<LibraryItem[]>(firstPage.items);
  if (fresh) last.current = fresh;

  return {
    items: fresh ?? last.current,
    searching: query !== "",
    loading: active.isFetching && !active.isFetchingNextPage,
    firstLoad: !fresh && active.isPending,
    error: formErrorMessage(active.error),
    hasMore: active.hasNextPage,
    /** How many templates match (list only; search pages by relevance without a count). */
    total: query ? undefined : list.data?.pages[0]?.total,
    /** Search only: the corrected query when results match only a corrected spelling. */
    didYouMean: query ? (search.data?.pages[0]?.didYouMean ?? null) : null,
    /** Search only: nothing matched every word; these match most of them. */
    partial: query ? (search.data?.pages[0]?.partial ?? false) : false,
    loadingMore: active.isFetchingNextPage,
    loadMore: () => void active.fetchNextPage(),
  };
}
