import type { ComponentProps } from "react";
import { classNames } from "@/lib/class-names";

type LabelProps = ComponentProps<"label"> & { htmlFor: string };

export function Label({ className, htmlFor, children, ...rest }: LabelProps) {
  return (
    <label
      htmlFor={htmlFor}
      className={classNames("block text-sm font-medium text-zinc-800", className)}
      {...rest}
    >
      {children}
    </label>
  );
}
