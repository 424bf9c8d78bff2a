import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDatabase } from "@/db";
import { rejectOversizedBatch } from "@/server/api/batch-limit";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { getSessionUserCached } from "@/server/auth/auth";
import { limitTrpcBody } from "@/server/http/trpc-body-limit";

export const dynamic = "force-dynamic";

async function handler(incoming: Request) {
  // Too many procedures in one batch: refused from the URL alone, before the body is read.
  const oversized = rejectOversizedBatch(incoming, { endpoint: "/api/trpc", router: appRouter });
  if (oversized) return oversized;
  // Bodies are read within their limit before tRPC parses anything (1 MB unless listed).
  const req = await limitTrpcBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Queries may come as POST: a template draft (up to 20,000 characters) sent to
    // templates.validate or templates.render would not fit in a GET URL.
    allowMethodOverride: true,
    createContext: async ({ resHeaders }) => {
      const { db } = await getDatabase();
      return createContext({
        db,
        headers: req.headers,
        getSessionUser: () => getSessionUserCached(db, req.headers),
        resHeaders,
      });
    },
  });
}

export { handler as GET, handler as POST };
