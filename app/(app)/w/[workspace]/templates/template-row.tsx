import Link from "next/link";
import { HighlightedText } from "@/components/templates/highlighted-text";
import { StatusBadge } from "@/components/templates/template-status";
import { Badge } from "@/components/ui/badge";
import { classNames } from "@/lib/class-names";
import type { DateFormatting } from "@/lib/format";
import { formatDate, pluralize } from "@/lib/format";
import type { LibraryItem } from "./use-library-results";

type TemplateRowProps = {
  item: LibraryItem;
  href: string;
  selected: boolean;
  formatting: DateFormatting;
  onFocus: () => void;
  /** Admins pick rows for bulk actions; the box sits above the row's link. */
  checked?: boolean;
  onCheck?: (checked: boolean) => void;
};

/** One template in the library: the whole row is its link; the name carries search marks. */
export function TemplateRow({
  item,
  href,
  selected,
  formatting,
  onFocus,
  checked,
  onCheck,
}: TemplateRowProps) {
  const highlights = "highlights" in item ? item.highlights : null;
  const updater = item.updatedBy ? (item.updatedBy.name ?? item.updatedBy.email) : null;
  return (
    <li
      className={classNames(
        "relative px-4 py-3 transition-colors focus-within:bg-accent-50/60 hover:bg-zinc-50 sm:px-5",
        selected && "bg-accent-50 ring-2 ring-accent-500 ring-inset",
      )}
      aria-current={selected ? "true" : undefined}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        {onCheck ? (
          <input
            type="checkbox"
            checked={checked ?? false}
            onChange={(event) => onCheck(event.target.checked)}
            aria-label={`Select ${item.name}`}
            className="relative z-10 mt-1 size-4 shrink-0 accent-accent-600"
          />
        ) : null}
        <div className="min-w-0 flex-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              href={href}
              data-template-link
              onFocus={onFocus}
              className="min-w-0 font-medium break-words text-zinc-900 outline-none after:absolute after:inset-0 focus-visible:underline"
            >
              {highlights && highlights.name.length > 0 ? (
                <HighlightedText segments={highlights.name} />
              ) : (
                item.name
              )}
            </Link>
            <StatusBadge status={item.status} />
            {"match" in item && item.match === "corrected" ? <Badge>Similar spelling</Badge> : null}
            {"match" in item && item.match === "partial" ? <Badge>Some of your words</Badge> : null}
            {item.visibility === "personal" ? <Badge tone="accent">Personal</Badge> : null}
            {item.visibility === "admins" ? <Badge>Admins only</Badge> : null}
            {item.category ? <Badge tone="accent">{item.category.name}</Badge> : null}
          </p>
          {highlights && highlights.snippet.length > 0 ? (
            <p className="line-clamp-2 text-sm text-zinc-600">
              <HighlightedText segments={highlights.snippet} />
            </p>
          ) : null}
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-500">
            <span>{pluralize(item.variableCount, "variable")}</span>
            <span>{pluralize(item.triggerCount, "trigger")}</span>
            {item.usageCount > 0 ? <span>Used {pluralize(item.usageCount, "time")}</span> : null}
            {"languages" in item && item.languages.length > 1 ? (
              <span className="flex flex-wrap gap-1" title="Languages">
                {item.languages.map((language) => (
                  <span key={language} className="rounded bg-zinc-100 px-1 uppercase">
                    {language}
                  </span>
                ))}
              </span>
            ) : (
              <span className="uppercase">{item.language}</span>
            )}
            {item.tags.length > 0 ? <span>#{item.tags.join(" #")}</span> : null}
          </p>
        </div>
        <p className="w-full text-xs text-zinc-500 sm:w-auto sm:shrink-0 sm:text-right">
          Updated {formatDate(item.updatedAt, formatting)}
          {updater ? (
            <>
              <br className="hidden sm:block" />
              <span className="sm:hidden"> </span>by {updater}
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}
