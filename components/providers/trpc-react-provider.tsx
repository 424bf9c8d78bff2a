"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useParams } from "next/navigation";
import { type ReactNode, useRef, useState } from "react";
import superjson from "superjson";
import { MAX_BATCH_SIZE } from "@/lib/batch-limit";
import type { AppRouter } from "@/server/api/root";
import { getQueryClient } from "./query-client";

/**
 * Query keys are prefixed with the workspace slug, so one browser-wide cache never shows one
 * workspace's data on another workspace's page.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<
  AppRouter,
  { keyPrefix: true }
>();

/** The workspace the browser is on: the `[workspace]` segment of the URL, if any. */
function useWorkspaceSlugFromUrl(): string | null {
  const params = useParams<{ workspace?: string | string[] }>();
  const value = params?.workspace;
  return typeof value === "string" ? value : null;
}

/**
 * tRPC for client components. Every request names the current workspace in
 * `x-parley-workspace` (the server checks membership for it; the slug is not trusted).
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const slug = useWorkspaceSlugFromUrl();
  const slugRef = useRef(slug);
  slugRef.current = slug;

  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: MAX_BATCH_SIZE,
          headers() {
            const current = slugRef.current;
            return current ? { "x-parley-workspace": current } : {};
          },
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient} keyPrefix={slug ?? ""}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
