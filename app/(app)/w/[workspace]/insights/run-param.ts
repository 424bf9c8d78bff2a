const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?run=<uuid>` of an insights page; anything else means "the latest finished run". */
export function runParam(search: Record<string, string | string[] | undefined>): string | null {
  const value = search.run;
  return typeof value === "string" && UUID.test(value) ? value : null;
}
