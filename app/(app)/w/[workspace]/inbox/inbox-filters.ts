export const INBOX_FILTERS = [
  { value: "open", label: "Open" },
  { value: "mine", label: "Mine" },
  { value: "unassigned", label: "Unassigned" },
  { value: "pending", label: "Pending" },
  { value: "resolved", label: "Resolved" },
] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number]["value"];
export const DEFAULT_FILTER: InboxFilter = "open";
export const LIST_LIMIT = 100;

/** The next page's cursor: the last conversation's, when the page was full. */
export function nextListCursor(page: readonly { cursor: string }[]): string | undefined {
  return page.length >= LIST_LIMIT ? page.at(-1)?.cursor : undefined;
}
