import { searchTemplates } from "@/server/templates/search/search-templates";
import { bulkUpdateTemplates } from "@/server/templates/store/bulk-actions";
import {
  listCategories,
  mergeCategory,
  removeCategory,
  renameCategory,
} from "@/server/templates/store/categories";
import { listTemplateLanguages } from "@/server/templates/store/facets";
import { listFavouriteIds, setFavourite } from "@/server/templates/store/favourites";
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
import { addTranslation, listTranslations } from "@/server/templates/store/translations";
import { listTrash, restoreFromTrash, trashTemplates } from "@/server/templates/store/trash";
import {
  adminProcedure,
  createTRPCRouter,
  workspaceProcedure,
  workspaceQueryProcedure,
} from "../trpc";
import { optimizationsRouter, optimizeProcedure } from "./template-optimize";
import {
  addTranslationInput,
  bulkInput,
  createInput,
  exportInput,
  favouriteInput,
  idInput,
  idsInput,
  importInput,
  listInput,
  mergeCategoryInput,
  recordUseOutput,
  renameCategoryInput,
  renderInput,
  searchInput,
  updateInput,
  validateInput,
  versionInput,
} from "./templates.schema";

/**
 * Who may do what with templates (server/templates/store/visibility.ts): every read shows only
 * what the caller may see (shared templates for their role, their own personal ones); changes
 * to a template are checked in the store (owners change personal templates, admins and write
 * keys shared ones), so those procedures are open to every member. Workspace-wide things
 * (categories, imports) stay admin procedures.
 */
const versionsRouter = createTRPCRouter({
  list: workspaceProcedure.input(idInput).query(({ ctx, input }) => listVersions(ctx, input)),
  get: workspaceProcedure.input(versionInput).query(({ ctx, input }) => getVersion(ctx, input)),
  restore: workspaceProcedure
    .input(versionInput)
    .mutation(({ ctx, input }) => restoreVersion(ctx, input)),
});

const categoriesRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listCategories(ctx)),
  rename: adminProcedure
    .input(renameCategoryInput)
    .mutation(({ ctx, input }) => renameCategory(ctx, input)),
  remove: adminProcedure.input(idInput).mutation(({ ctx, input }) => removeCategory(ctx, input)),
  /** Moves a category's templates into another and deletes it. */
  merge: adminProcedure
    .input(mergeCategoryInput)
    .mutation(({ ctx, input }) => mergeCategory(ctx, input)),
});

/** Deleted templates, restorable for TRASH_DAYS (server/templates/store/trash.ts). */
const trashRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listTrash(ctx)),
  restore: workspaceProcedure
    .input(idsInput)
    .mutation(({ ctx, input }) => restoreFromTrash(ctx, input)),
});

/** A template's languages: linked variants sharing a group (server/templates/variants.ts). */
const translationsRouter = createTRPCRouter({
  list: workspaceProcedure.input(idInput).query(({ ctx, input }) => listTranslations(ctx, input)),
  /** A new variant in another language, copied from this one to be translated. */
  add: workspaceProcedure
    .input(addTranslationInput)
    .mutation(({ ctx, input }) => addTranslation(ctx, input)),
});

/** A person's starred templates; any member keeps their own. */
const favouritesRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listFavouriteIds(ctx)),
  set: workspaceProcedure
    .input(favouriteInput)
    .mutation(({ ctx, input }) => setFavourite(ctx, input)),
});

export const templatesRouter = createTRPCRouter({
  list: workspaceProcedure.input(listInput).query(({ ctx, input }) => listTemplates(ctx, input)),
  /** The languages templates are written in, for the language filter. */
  languages: workspaceProcedure.query(({ ctx }) => listTemplateLanguages(ctx)),
  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getTemplate(ctx, input.id)),
  search: workspaceProcedure
    .input(searchInput)
    .query(({ ctx, input }) => searchTemplates(ctx, input)),
  validate: workspaceProcedure
    .input(validateInput)
    .query(({ input }) => validationReport(input.draft)),
  /**
   * Holds no transaction while patterns run (workspaceQueryProcedure). With `language`, a saved
   * template renders its translation for that language (pickTemplateVariant); `variant` says
   * which one, so recordUse counts the right template.
   */
  render: workspaceQueryProcedure
    .input(renderInput)
    .query(({ ctx, input }) => renderForWorkspace(ctx, input, ctx.regexBudget)),
  /** An agent copied the template's reply from the library: a usage event (counted by roll-ups). */
  recordUse: workspaceProcedure
    .input(idInput)
    .output(recordUseOutput)
    .mutation(({ ctx, input }) => recordTemplateUse(ctx, input)),

  create: workspaceProcedure.input(createInput).mutation(({ ctx, input }) => {
    const { visibility, ...draft } = input;
    return createTemplate(ctx, draft, { visibility });
  }),
  update: workspaceProcedure.input(updateInput).mutation(({ ctx, input }) => {
    const { id, expectedVersion, visibility, ...draft } = input;
    return updateTemplate(ctx, { id, expectedVersion, draft, visibility });
  }),
  archive: workspaceProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => archiveTemplate(ctx, input)),
  restore: workspaceProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => restoreTemplate(ctx, input)),
  /** Moves templates to the trash (restorable for 30 days). */
  remove: workspaceProcedure
    .input(idsInput)
    .mutation(({ ctx, input }) => trashTemplates(ctx, input)),
  /** Archive, move to a category, add a tag or delete, for many templates at once. */
  bulk: workspaceProcedure
    .input(bulkInput)
    .mutation(({ ctx, input }) => bulkUpdateTemplates(ctx, input)),
  /** An agent's copy of a shared template is personal (template-commands.ts). */
  duplicate: workspaceProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => duplicateTemplate(ctx, input)),
  import: adminProcedure.input(importInput).mutation(async ({ ctx, input }) => {
    const result = await importTemplates(ctx, input);
    // "Check file" and a rejected file change nothing, so they leave no audit row.
    if (input.dryRun || !result.committed) ctx.nothingChanged();
    return result;
  }),
  /** A mutation, not a query: data leaving the workspace is audited, and the id list can be long. */
  export: workspaceProcedure
    .input(exportInput)
    .mutation(({ ctx, input }) => exportTemplates(ctx, input)),

  /** AI (or, with no provider, rule-based) rewrite proposal; accept it via optimizations. */
  optimize: optimizeProcedure,
  optimizations: optimizationsRouter,
  versions: versionsRouter,
  translations: translationsRouter,
  trash: trashRouter,
  favourites: favouritesRouter,
  categories: categoriesRouter,
});
