/** The Jobs page's filters: shared by the server page (from the address) and the table. */
export const RUNNING_STATES = ["queued", "active", "retrying"] as const;

/** The status filter's choices: "running" stands for the three states a job is not done in. */
const STATUS_FILTERS = {
  any: undefined,
  running: [...RUNNING_STATES],
  failed: ["failed"],
  completed: ["completed"],
  cancelled: ["cancelled"],
} as const;
export type StatusFilter = keyof typeof STATUS_FILTERS;
export type JobFilters = { status: StatusFilter; type: string };

export function isStatusFilter(value: unknown): value is StatusFilter {
  return typeof value === "string" && Object.hasOwn(STATUS_FILTERS, value);
}

/** The filters as `jobs.list`'s input. */
export function jobsListInput(filters: JobFilters, limit: number) {
  const states = STATUS_FILTERS[filters.status];
  return {
    limit,
    ...(states ? { states: [...states] } : {}),
    ...(filters.type ? { name: filters.type } : {}),
  };
}

/** The filters as the page's query (`?status=failed&type=model-training`): links open it so. */
export function filtersToSearch(filters: JobFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== "any") params.set("status", filters.status);
  if (filters.type) params.set("type", filters.type);
  const search = params.toString();
  return search ? `?${search}` : "";
}
