import { z } from "zod";
import { apiKeyScope } from "@/db/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/api-keys";
import { safeName } from "@/server/validation/text";
import { createTRPCRouter, humanAdminProcedure } from "../trpc";

/** People manage keys; a key (even a write key) can neither mint nor revoke keys. */
export const apiKeysRouter = createTRPCRouter({
  create: humanAdminProcedure
    .input(
      z.object({
        name: safeName({ max: 80, label: "The key name", tooShort: "Name the key" }),
        scope: z.enum(apiKeyScope.enumValues),
      }),
    )
    .mutation(({ ctx, input }) => createApiKey(ctx, input)),

  list: humanAdminProcedure.query(({ ctx }) => listApiKeys(ctx)),

  revoke: humanAdminProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx, input)),
});
