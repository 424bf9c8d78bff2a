import type { ComponentProps } from "react";
import { classNames } from "@/lib/class-names";

/** A table that scrolls sideways on narrow screens instead of breaking the layout. */
export function Table({ className, ...rest }: ComponentProps<"table">) {
  return (
    <div className="relative w-full overflow-x-auto">
      <table
        className={classNames("w-full border-collapse text-left text-sm", className)}
        {...rest}
      />
    </div>
  );
}

export function TableHead(props: ComponentProps<"thead">) {
  return <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500" {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-zinc-100 text-zinc-700" {...props} />;
}

export function TableRow(props: ComponentProps<"tr">) {
  return <tr {...props} />;
}

export function TableHeaderCell({ className, ...rest }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={classNames(
        "px-4 py-2.5 font-medium whitespace-nowrap first:pl-5 last:pr-5",
        className,
      )}
      {...rest}
    />
  );
}

export function TableCell({ className, ...rest }: ComponentProps<"td">) {
  return (
    <td
      className={classNames("px-4 py-3 align-middle first:pl-5 last:pr-5", className)}
      {...rest}
    />
  );
}
