import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { MAX_BATCH_SIZE } from "@/lib/batch-limit";
import type { AppRouter } from "@/server/api/root";

export type ParleyClientOptions = {
  /** Where Parley runs, e.g. "https://support.example.com" (no trailing /api/trpc). */
  url: string;
  /** A workspace API key (Settings → API keys). It decides the workspace and the scope. */
  apiKey: string;
  /** Custom fetch, e.g. to add a timeout or a proxy. */
  fetch?: typeof fetch;
};

export type ParleyClient = TRPCClient<AppRouter>;

/**
 * A typed client for Parley's API: every procedure the web app uses, with its input and output
 * types from the server's router. Only types are imported from the server, nothing runs.
 */
export function createParleyClient(options: ParleyClientOptions): ParleyClient {
  const base = options.url.replace(/\/+$/, "");
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        maxItems: MAX_BATCH_SIZE,
        // Inputs go in the body for queries too, so large ones (template drafts) always fit.
        methodOverride: "POST",
        headers: () => ({ authorization: `Bearer ${options.apiKey}` }),
        fetch: options.fetch,
      }),
    ],
  });
}
