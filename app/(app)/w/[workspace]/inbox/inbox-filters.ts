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
