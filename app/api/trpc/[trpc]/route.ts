import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDatabase } from "@/db";
import { rejectOversizedBatch } from "@/server/api/batch-limit";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { getSessionUser } from "@/server/auth/auth";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  const oversized = rejectOversizedBatch(req, { endpoint: "/api/trpc", router: appRouter });
  if (oversized) return oversized;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Queries may come as POST: a template draft (up to 20,000 characters) sent to
    // templates.validate or templates.render would not fit in a GET URL.
    allowMethodOverride: true,
    createContext: async () => {
      const { db } = await getDatabase();
      return createContext({ db, headers: req.headers, getSessionUser });
    },
  });
}

export { handler as GET, handler as POST };
