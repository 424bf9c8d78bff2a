import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button, Spinner } from "./button";

/**
 * What a paged list in a card shows before its rows: the error, the first page loading, or
 * why it is empty. Renders `children` (the rows) once there are some.
 */
export function PagedListBody(props: {
  error: string | null;
  pending: boolean;
  /** "Loading jobs…" */
  loadingLabel: string;
  empty: boolean;
  emptyLabel: string;
  children: ReactNode;
}) {
  if (props.error) {
    return (
      <div className="p-5">
        <Alert tone="error">{props.error}</Alert>
      </div>
    );
  }
  if (props.pending) {
    return (
      <p
        className="flex items-center justify-center gap-2 px-5 py-10 text-sm text-zinc-500"
        role="status"
      >
        <Spinner /> {props.loadingLabel}
      </p>
    );
  }
  if (props.empty) {
    return <p className="px-5 py-10 text-center text-sm text-zinc-500">{props.emptyLabel}</p>;
  }
  return <>{props.children}</>;
}

/**
 * The "Load more" footer of a paged list in a card; nothing when there is no next page.
 * `summary` (how many are shown) sits beside the button.
 */
export function LoadMoreFooter(props: {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  /** "Load more" unless given. */
  label?: string;
  summary?: ReactNode;
}) {
  if (!props.hasMore) return null;
  return (
    <div
      className={`flex items-center gap-3 border-t border-zinc-200 px-5 py-3 text-sm text-zinc-600 ${props.summary ? "justify-between" : "justify-center"}`}
    >
      {props.summary}
      <Button
        variant="secondary"
        onClick={props.onLoadMore}
        pending={props.loading}
        pendingLabel="Loading…"
      >
        {props.label ?? "Load more"}
      </Button>
    </div>
  );
}
