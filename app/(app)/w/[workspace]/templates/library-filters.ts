import type { TemplateSort } from "@/components/templates/template-types";
import type { TemplateStatus } from "@/server/templates/language/template-schema";

/** The library's query and filters; mirrored in the address so back and reload keep them. */
export type LibraryFilters = {
  query: string;
  status: TemplateStatus | "";
  categoryId: string;
  tag: string;
  language: string;
  /** Only the signed-in person's favourites (list only; search covers everything). */
  favourites: boolean;
  /** "mine": the person's personal templates; "shared": everyone's; "": both. */
  owner: "" | "mine" | "shared";
  sort: TemplateSort;
};

export const defaultFilters: LibraryFilters = {
  query: "",
  status: "",
  categoryId: "",
  tag: "",
  language: "",
  favourites: false,
  owner: "",
  sort: "updated",
};

const statuses = new Set(["draft", "active", "archived"]);
const sorts = new Set(["updated", "name", "usage"]);

type SearchParams = Record<string, string | string[] | undefined>;

export function filtersFromSearchParams(params: SearchParams): LibraryFilters {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const status = one("status");
  const sort = one("sort");
  return {
    query: one("q").slice(0, 200),
    status: statuses.has(status) ? (status as TemplateStatus) : "",
    categoryId: one("category"),
    tag: one("tag").slice(0, 50),
    language: one("language").slice(0, 20),
    favourites: one("favourites") === "1",
    owner: one("owner") === "mine" ? "mine" : one("owner") === "shared" ? "shared" : "",
    sort: sorts.has(sort) ? (sort as TemplateSort) : "updated",
  };
}

export function filtersToSearch(filters: LibraryFilters): string {
  const params = new URLSearchParams();
  if (filters.query.trim()) params.set("q", filters.query.trim());
  if (filters.status) params.set("status", filters.status);
  if (filters.categoryId) params.set("category", filters.categoryId);
  if (filters.tag.trim()) params.set("tag", filters.tag.trim());
  if (filters.language) params.set("language", filters.language);
  if (filters.favourites) params.set("favourites", "1");
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.sort !== "updated") params.set("sort", filters.sort);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function isDefaultFilters(filters: LibraryFilters): boolean {
  return filtersToSearch(filters) === "";
}
