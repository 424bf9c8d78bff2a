"use client";

import { useId } from "react";
import { classNames } from "@/lib/class-names";

type CheckboxFieldProps = {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  className?: string;
};

/** A checkbox with its label, aligned to sit in a row of labelled inputs. */
export function CheckboxField({
  label,
  checked,
  onChange,
  disabled,
  className,
}: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={classNames("flex h-10 items-center gap-2", className)}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        className="size-4 rounded border-zinc-300 accent-accent-600"
      />
      <label htmlFor={id} className="text-sm text-zinc-800">
        {label}
      </label>
    </div>
  );
}
