/** Its own file: the import job's payload schema needs it without loading the store. */
export const IMPORT_FORMATS = ["json", "csv", "zendesk", "chatwoot"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
