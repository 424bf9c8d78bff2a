"use client";

import { formatCount } from "@/lib/format";

/** Real numbers: the count when the server gave one, otherwise what is shown and that more exist. */
export function countText(
  shown: number,
  hasMore: boolean,
  searching: boolean,
  total: { count: number; capped: boolean } | undefined,
): string {
  const noun = (n: number) => (n === 1 ? "template" : "templates");
  if (total) {
    return total.capped
      ? `More than ${formatCount(total.count)} templates`
      : `${formatCount(total.count)} ${noun(total.count)}`;
  }
  if (searching) {
    return hasMore ? `Best ${shown} matches shown; more below` : `${shown} ${noun(shown)} found`;
  }
  return hasMore ? `${shown} shown; more below` : `${shown} ${noun(shown)}`;
}

/** Why search results are not what was typed: a similar spelling, or most of the words. */
export function SearchHint({
  didYouMean,
  partial,
  onPick,
}: {
  didYouMean: string | null;
  partial: boolean;
  onPick: (query: string) => void;
}) {
  if (!didYouMean && !partial) return null;
  return (
    <p className="px-4 pt-2 text-sm text-zinc-700 sm:px-5" data-testid="search-hint">
      {partial
        ? "No template has every word you typed; these have most of them. "
        : "Some results match a similar spelling, not what you typed. "}
      {didYouMean ? (
        <>
          Did you mean{" "}
          <button
            type="button"
            className="font-medium text-accent-700 underline"
            onClick={() => onPick(didYouMean)}
          >
            {didYouMean}
          </button>
          ?
        </>
      ) : null}
    </p>
  );
}
