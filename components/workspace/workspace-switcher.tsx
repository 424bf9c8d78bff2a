"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { type Role, roleLabels } from "@/lib/roles";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "./nav-icons";

export type SwitcherWorkspace = { slug: string; name: string; role: Role };

type WorkspaceSwitcherProps = { current: SwitcherWorkspace; workspaces: SwitcherWorkspace[] };

function Initial({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-7 shrink-0 items-center justify-center rounded-md bg-accent-600 text-xs font-semibold text-white"
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/** A disclosure listing every workspace of the user, plus "New workspace". */
export function WorkspaceSwitcher({ current, workspaces }: WorkspaceSwitcherProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-zinc-200/60"
      >
        <Initial name={current.name} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold text-zinc-900">{current.name}</span>
          <span className="block text-xs text-zinc-500">{roleLabels[current.role]}</span>
        </span>
        <span className="text-zinc-400">
          <ChevronUpDownIcon />
        </span>
        <span className="sr-only">Switch workspace</span>
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute inset-x-0 top-full z-30 mt-1 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg"
        >
          <p className="px-2 pt-1.5 pb-1 text-xs font-medium text-zinc-500">Your workspaces</p>
          <ul className="max-h-64 overflow-y-auto">
            {workspaces.map((workspace) => {
              const isCurrent = workspace.slug === current.slug;
              return (
                <li key={workspace.slug}>
                  <Link
                    href={`/w/${encodeURIComponent(workspace.slug)}`}
                    aria-current={isCurrent ? "page" : undefined}
                    onClick={() => setOpen(false)}
                    className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100"
                  >
                    <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
                    {isCurrent ? (
                      <span className="text-accent-600">
                        <CheckIcon />
                      </span>
                    ) : (
                      <span className="text-xs text-zinc-400">{roleLabels[workspace.role]}</span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="mt-1 border-t border-zinc-100 pt-1">
            <Link
              href="/w/new"
              onClick={() => setOpen(false)}
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
            >
              <span className="text-zinc-400">
                <PlusIcon />
              </span>
              New workspace
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
