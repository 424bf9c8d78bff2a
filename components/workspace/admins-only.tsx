import { EmptyState } from "@/components/ui/empty-state";

/** What an agent sees on a page that only admins may open (the server refuses them anyway). */
export function AdminsOnly({ what }: { what: string }) {
  return (
    <EmptyState
      icon={
        <svg
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          aria-hidden="true"
        >
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 1 1 8 0v3" />
        </svg>
      }
      title="Only admins can see this page"
      description={`${what} are managed by workspace owners and admins. Ask one of them if you need a change.`}
    />
  );
}
