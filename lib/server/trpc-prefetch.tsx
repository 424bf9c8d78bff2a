import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { cache } from "react";
import { makeQueryClient } from "@/components/providers/query-client";
import { type AppRouter, appRouter } from "@/server/api/root";
import { getServerContext } from "@/server/api/server-caller";

/** One query client per server request: what the page prefetches is what it hydrates. */
export const getServerQueryClient = cache(makeQueryClient);

/**
 * tRPC query options on the server, keyed exactly like the browser's (the workspace slug as key
 * prefix, components/providers/trpc-react-provider.tsx), so prefetched queries hydrate the
 * client components' `useQuery` calls instead of being passed down as props.
 */
export function serverTRPC(slug: string) {
  return createTRPCOptionsProxy<AppRouter, { keyPrefix: true }>({
    router: appRouter,
    ctx: () => getServerContext(slug),
    queryClient: getServerQueryClient,
    keyPrefix: slug,
  });
}

/** Hands the request's prefetched queries to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return (
    <HydrationBoundary state={dehydrate(getServerQueryClient())}>{children}</HydrationBoundary>
  );
}
