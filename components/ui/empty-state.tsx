import type { ReactNode } from "react";
import { classNames } from "@/lib/class-names";

type EmptyStateProps = {
  title: string;
  description: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, icon, action, className }: EmptyStateProps) {
  return (
    <div
      className={classNames(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center",
        className,
      )}
    >
      {icon ? (
        <div className="flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
          {icon}
        </div>
      ) : null}
      <div className="max-w-md space-y-1">
        <p className="text-sm font-semibold text-zinc-900">{title}</p>
        <div className="text-sm text-zinc-500">{description}</div>
      </div>
      {action ? <div className="pt-1">{action}</div> : null}
    </div>
  );
}
