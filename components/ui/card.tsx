import type { ComponentProps, ReactNode } from "react";
import { classNames } from "@/lib/class-names";

export function Card({ className, ...rest }: ComponentProps<"section">) {
  return (
    <section
      className={classNames("rounded-lg border border-zinc-200 bg-white shadow-xs", className)}
      {...rest}
    />
  );
}

type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level inside the page; pages own the single h1. */
  as?: "h2" | "h3";
  id?: string;
};

export function CardHeader({
  title,
  description,
  actions,
  as: Heading = "h2",
  id,
}: CardHeaderProps) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-4">
      <div className="min-w-0 space-y-1">
        <Heading id={id} className="text-base font-semibold text-zinc-900">
          {title}
        </Heading>
        {description ? <p className="text-sm text-zinc-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...rest }: ComponentProps<"div">) {
  return <div className={classNames("px-5 py-4", className)} {...rest} />;
}

export function CardFooter({ className, ...rest }: ComponentProps<"div">) {
  return (
    <div
      className={classNames(
        "flex flex-wrap items-center justify-end gap-3 rounded-b-lg border-t border-zinc-200 bg-zinc-50 px-5 py-3",
        className,
      )}
      {...rest}
    />
  );
}
