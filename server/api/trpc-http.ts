import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Database, getDatabase } from "@/db";
import type { SessionUser } from "@/server/access/caller";
import { rejectOversizedBatch } from "@/server/api/batch-limit";
import { type Context, createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { limitTrpcBody } from "@/server/http/trpc-body-limit";

export const TRPC_ENDPOINT = "/api/trpc";

export type ReadSessionUser = (db: Database, headers: Headers) => Promise<SessionUser | null>;

/**
 * One HTTP call of the tRPC API, whoever carries it: the front server in production
 * (server/http/trpc-front-door.ts, without Next.js's routing) and the Next.js route
 * (app/api/trpc/[trpc]/route.ts, used by `npm run dev`). Both pass the same session reader.
 */
export async function handleTrpcRequest(
  incoming: Request,
  readSessionUser: ReadSessionUser,
): Promise<Response> {
  // Too many procedures in one batch: refused from the URL alone, before the body is read.
  const oversized = rejectOversizedBatch(incoming, { endpoint: TRPC_ENDPOINT, router: appRouter });
  if (oversized) return oversized;
  // Bodies are read within their limit before tRPC parses anything (1 MB unless listed).
  const req = await limitTrpcBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    // Queries may come as POST: a template draft (up to 20,000 characters) sent to
    // templates.validate or templates.render would not fit in a GET URL.
    allowMethodOverride: true,
    createContext: ({ resHeaders }) => createTrpcContext(req.headers, readSessionUser, resHeaders),
  });
}

/** The context of one HTTP call of the API, on either path (this one, or trpc-direct.ts). */
export async function createTrpcContext(
  headers: Headers,
  readSessionUser: ReadSessionUser,
  resHeaders: Headers,
): Promise<Context> {
  const { db } = await getDatabase();
  return createContext({
    db,
    headers,
    getSessionUser: () => readSessionUser(db, headers),
    resHeaders,
  });
}
