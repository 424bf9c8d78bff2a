import { searchTemplates } from "@/server/templates/search/search-templates";
import {
  listCategories,
  removeCategory,
  renameCategory,
} from "@/server/templates/store/categories";
import { exportTemplates, importTemplates } from "@/server/templates/store/import-export";
import { listTemplates } from "@/server/templates/store/list-templates";
import { getTemplate } from "@/server/templates/store/read-template";
import { recordTemplateUse, renderForWorkspace } from "@/server/templates/store/render-template";
import { validationReport } from "@/server/templates/store/require-valid-draft";
import {
  archiveTemplate,
  createTemplate,
  duplicateTemplate,
  restoreTemplate,
  updateTemplate,
} from "@/server/templates/store/template-commands";
import {
  getVersion,
  listVersions,
  restoreVersion,
} from "@/server/templates/store/template-versions";
import {
  adminProcedure,
  createTRPCRouter,
  workspaceProcedure,
  workspaceQueryProcedure,
} from "../trpc";
import {
  exportInput,
  idInput,
  importInput,
  listInput,
  renameCategoryInput,
  renderInput,
  searchInput,
  templateDraftInput,
  updateInput,
  validateInput,
  versionInput,
} from "./templates.schema";

/** Any member (and any key) reads; admins (and write keys) change. */
const versionsRouter = createTRPCRouter({
  list: workspaceProcedure.input(idInput).query(({ ctx, input }) => listVersions(ctx, input)),
  get: workspaceProcedure.input(versionInput).query(({ ctx, input }) => getVersion(ctx, input)),
  restore: adminProcedure
    .input(versionInput)
    .mutation(({ ctx, input }) => restoreVersion(ctx, input)),
});

const categoriesRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listCategories(ctx)),
  rename: adminProcedure
    .input(renameCategoryInput)
    .mutation(({ ctx, input }) => renameCategory(ctx, input)),
  remove: adminProcedure.input(idInput).mutation(({ ctx, input }) => removeCategory(ctx, input)),
});

export const templatesRouter = createTRPCRouter({
  list: workspaceProcedure.input(listInput).query(({ ctx, input }) => listTemplates(ctx, input)),
  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getTemplate(ctx, input.id)),
  search: workspaceProcedure
    .input(searchInput)
    .query(({ ctx, input }) => searchTemplates(ctx, input)),
  validate: workspaceProcedure
    .input(validateInput)
    .query(({ input }) => validationReport(input.draft)),
  /** Holds no transaction while patterns run (workspaceQueryProcedure). */
  render: workspaceQueryProcedure
    .input(renderInput)
    .query(({ ctx, input }) => renderForWorkspace(ctx, input, ctx.regexBudget)),
  /** An agent inserted the template into a reply (usage ranking). */
  recordUse: workspaceProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => recordTemplateUse(ctx, input)),

  create: adminProcedure
    .input(templateDraftInput)
    .mutation(({ ctx, input }) => createTemplate(ctx, input)),
  update: adminProcedure.input(updateInput).mutation(({ ctx, input }) => {
    const { id, expectedVersion, ...draft } = input;
    return updateTemplate(ctx, { id, expectedVersion, draft });
  }),
  archive: adminProcedure.input(idInput).mutation(({ ctx, input }) => archiveTemplate(ctx, input)),
  restore: adminProcedure.input(idInput).mutation(({ ctx, input }) => restoreTemplate(ctx, input)),
  duplicate: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => duplicateTemplate(ctx, input)),
  import: adminProcedure.input(importInput).mutation(async ({ ctx, input }) => {
    const result = await importTemplates(ctx, input);
    if (!result.committed) ctx.nothingChanged();
    return result;
  }),
  /** A mutation, not a query: data leaving the workspace is audited, and the id list can be long. */
  export: workspaceProcedure
    .input(exportInput)
    .mutation(({ ctx, input }) => exportTemplates(ctx, input)),

  versions: versionsRouter,
  categories: categoriesRouter,
});
