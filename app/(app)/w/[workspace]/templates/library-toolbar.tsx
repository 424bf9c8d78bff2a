import type { KeyboardEvent, RefObject } from "react";
import { statusOptions } from "@/components/templates/template-status";
import type { TemplateCategory } from "@/components/templates/template-types";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { LibraryFilters } from "./library-filters";

const sortOptions = [
  { value: "updated", label: "Recently updated" },
  { value: "name", label: "Name" },
  { value: "usage", label: "Most used" },
];

type LibraryToolbarProps = {
  filters: LibraryFilters;
  onChange: (patch: Partial<LibraryFilters>) => void;
  categories: readonly TemplateCategory[];
  /** The languages the workspace's templates are written in. */
  languages: readonly string[];
  searchRef: RefObject<HTMLInputElement | null>;
  listId: string;
  onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
};

const selectClass = "h-9 w-full sm:w-auto";

export function LibraryToolbar({
  filters,
  onChange,
  categories,
  languages,
  searchRef,
  listId,
  onSearchKeyDown,
}: LibraryToolbarProps) {
  const languageOptions = [...new Set([...languages, filters.language].filter(Boolean))];
  return (
    <div className="space-y-3">
      <div className="relative">
        <Input
          ref={searchRef}
          type="search"
          aria-label="Search templates"
          aria-controls={listId}
          aria-keyshortcuts="/"
          placeholder="Search by name, trigger or text…"
          value={filters.query}
          onChange={(event) => onChange({ query: event.target.value })}
          onKeyDown={onSearchKeyDown}
          autoComplete="off"
          spellCheck={false}
          className="h-11 pr-10 text-base sm:text-sm"
        />
        {filters.query ? null : (
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-3 hidden -translate-y-1/2 rounded border border-zinc-300 px-1.5 font-mono text-xs text-zinc-500 sm:block"
          >
            /
          </span>
        )}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <Select
          aria-label="Filter by category"
          value={filters.categoryId}
          onChange={(event) => onChange({ categoryId: event.target.value })}
          className={selectClass}
        >
          <option value="">All categories</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name} ({category.templateCount})
            </option>
          ))}
        </Select>
        <Select
          aria-label="Filter by status"
          value={filters.status}
          onChange={(event) => onChange({ status: event.target.value as LibraryFilters["status"] })}
          className={selectClass}
        >
          <option value="">Any status</option>
          {statusOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Filter by language"
          value={filters.language}
          onChange={(event) => onChange({ language: event.target.value })}
          className={selectClass}
        >
          <option value="">Any language</option>
          {languageOptions.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Whose templates"
          value={filters.owner}
          onChange={(event) => onChange({ owner: event.target.value as LibraryFilters["owner"] })}
          className={selectClass}
        >
          <option value="">Shared and mine</option>
          <option value="mine">Mine</option>
          <option value="shared">Shared</option>
        </Select>
        <label className="flex h-9 items-center gap-2 text-sm text-zinc-700">
          <input
            type="checkbox"
            checked={filters.favourites}
            disabled={filters.query.trim() !== ""}
            onChange={(event) => onChange({ favourites: event.target.checked })}
            className="size-4 accent-accent-600"
          />
          My favourites
        </label>
        <Input
          aria-label="Filter by tag"
          placeholder="Tag"
          value={filters.tag}
          onChange={(event) => onChange({ tag: event.target.value })}
          autoComplete="off"
          className="h-9 sm:w-36"
        />
        <Select
          aria-label="Sort"
          value={filters.query.trim() ? "relevance" : filters.sort}
          disabled={filters.query.trim() !== ""}
          onChange={(event) => onChange({ sort: event.target.value as LibraryFilters["sort"] })}
          className={`${selectClass} col-span-2 sm:ml-auto`}
        >
          {filters.query.trim() ? <option value="relevance">Best match</option> : null}
          {sortOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
