"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type { TemplateStatus } from "@/server/templates/language/template-schema";

/** The list's largest page: a 1,000-template workspace fills a picker in ten requests. */
const PAGE = 100;

/**
 * Every template the caller sees, by name, for a picker (a gap's resolving template, a dataset
 * label's template). `templates.list` pages by cursor; this reads page after page until the
 * last, so a workspace with more templates than one page still offers all of them.
 */
export function useTemplateChoices(options: { status?: TemplateStatus; enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.templates.list.infiniteQueryOptions(
      { limit: PAGE, sort: "name", status: options.status },
      {
        enabled: options.enabled ?? true,
        getNextPageParam: (page) => page.nextCursor ?? undefined,
      },
    ),
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    isPending: query.isPending,
    refetch: query.refetch,
  };
}
