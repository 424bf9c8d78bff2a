import type { ComponentProps } from "react";
import { classNames } from "@/lib/class-names";
import { controlClasses } from "./input";

export type SelectOption = { value: string; label: string };

type SelectProps = ComponentProps<"select"> & { options?: readonly SelectOption[] };

/** A native select: keyboard and screen-reader behaviour come for free. */
export function Select({ className, options, children, ...rest }: SelectProps) {
  return (
    <select
      className={classNames(controlClasses(className, "h-10"), "appearance-none bg-no-repeat pr-9")}
      style={{
        backgroundImage:
          "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20' fill='%2371717a'%3E%3Cpath fill-rule='evenodd' d='M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z' clip-rule='evenodd'/%3E%3C/svg%3E\")",
        backgroundPosition: "right 0.6rem center",
        backgroundSize: "1.1rem",
      }}
      {...rest}
    >
      {options?.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
      {children}
    </select>
  );
}
