import { deleteDataset } from "@/server/training/datasets-store/delete";
import {
  createFaqTemplates,
  matchConversationReplies,
} from "@/server/training/datasets-store/derive";
import { createMissingTemplates, mapLabels } from "@/server/training/datasets-store/labels";
import {
  getDataset,
  listDatasets,
  listLabels,
  previewRows,
} from "@/server/training/datasets-store/queries";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";
import {
  createTemplatesInput,
  idInput,
  mapLabelsInput,
  matchRepliesInput,
  rowsInput,
} from "./datasets.schema";

/**
 * Training datasets (issue #9). Uploads go through POST /api/datasets (streamed), downloads
 * through GET /api/datasets/[id]/download; everything else is here. Members read; admins write.
 */
export const datasetsRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listDatasets(ctx.tx)),

  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getDataset(ctx.tx, input.id)),

  rows: workspaceProcedure.input(rowsInput).query(({ ctx, input }) => previewRows(ctx.tx, input)),

  labels: workspaceProcedure.input(idInput).query(({ ctx, input }) => listLabels(ctx.tx, input.id)),

  mapLabels: adminProcedure
    .input(mapLabelsInput)
    .meta({ cost: 10 })
    .mutation(({ ctx, input }) => mapLabels(ctx, input)),

  createMissingTemplates: adminProcedure
    .input(createTemplatesInput)
    .meta({ cost: 10 })
    .mutation(({ ctx, input }) => createMissingTemplates(ctx, input)),

  matchReplies: adminProcedure
    .input(matchRepliesInput)
    .meta({ cost: 20 })
    .mutation(({ ctx, input }) => matchConversationReplies(ctx, input)),

  createFaqTemplates: adminProcedure
    .input(idInput)
    .meta({ cost: 10 })
    .mutation(({ ctx, input }) => createFaqTemplates(ctx, input)),

  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => deleteDataset(ctx, input)),
});
