import { SignOutButton } from "./sign-out-button";

type UserPanelProps = { name: string | null; email: string };

export function UserPanel({ name, email }: UserPanelProps) {
  return (
    <div className="flex items-center gap-2.5">
      <span
        aria-hidden="true"
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700"
      >
        {(name ?? email).trim().charAt(0).toUpperCase()}
      </span>
      <div className="min-w-0 flex-1">
        {name ? <p className="truncate text-sm font-medium text-zinc-900">{name}</p> : null}
        <p className="truncate text-xs text-zinc-500">{email}</p>
      </div>
      <SignOutButton />
    </div>
  );
}
