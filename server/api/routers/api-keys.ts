import { z } from "zod";
import { apiKeyScope } from "@/db/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/api-keys";
import { createTRPCRouter, humanAdminProcedure } from "../trpc";

/** People manage keys; a key (even a write key) can neither mint nor revoke keys. */
export const apiKeysRouter = createTRPCRouter({
  create: humanAdminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Name the key").max(80),
        scope: z.enum(apiKeyScope.enumValues),
      }),
    )
    .mutation(({ ctx, input }) => createApiKey(ctx, input)),

  list: humanAdminProcedure.query(({ ctx }) => listApiKeys(ctx)),

  revoke: humanAdminProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx, input)),
});
