"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { ParleyLogo } from "@/components/layout/parley-logo";
import { classNames } from "@/lib/class-names";
import { CloseIcon, MenuIcon } from "./nav-icons";
import { UserPanel } from "./user-panel";
import { type CurrentWorkspace, WorkspaceProvider } from "./workspace-context";
import { WorkspaceNav } from "./workspace-nav";
import { type SwitcherWorkspace, WorkspaceSwitcher } from "./workspace-switcher";

type WorkspaceShellProps = {
  workspace: CurrentWorkspace;
  workspaces: SwitcherWorkspace[];
  user: { name: string | null; email: string };
  children: ReactNode;
};

const SIDEBAR_ID = "workspace-sidebar";

/**
 * The signed-in frame: a sidebar on wide screens; on phones a top bar whose menu button slides
 * the same sidebar in. A closed drawer is `invisible`, so it is out of the tab order too.
 */
export function WorkspaceShell({ workspace, workspaces, user, children }: WorkspaceShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = usePathname();

  // Close the drawer whenever the page changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger
  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => event.key === "Escape" && setMenuOpen(false);
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [menuOpen]);

  return (
    <WorkspaceProvider value={workspace}>
      <div className="min-h-dvh lg:pl-64">
        <a
          href="#main-content"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white/95 px-4 backdrop-blur lg:hidden">
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls={SIDEBAR_ID}
            onClick={() => setMenuOpen(true)}
            className="-ml-1.5 rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100"
          >
            <MenuIcon />
            <span className="sr-only">Open menu</span>
          </button>
          <span className="min-w-0 truncate text-sm font-semibold text-zinc-900">
            {workspace.name}
          </span>
        </header>

        {menuOpen ? (
          <button
            type="button"
            aria-label="Close menu"
            tabIndex={-1}
            onClick={() => setMenuOpen(false)}
            className="fixed inset-0 z-30 bg-zinc-900/40 lg:hidden"
          />
        ) : null}

        <aside
          id={SIDEBAR_ID}
          aria-label="Sidebar"
          className={classNames(
            "fixed inset-y-0 left-0 z-40 flex w-72 flex-col border-r border-zinc-200 bg-zinc-100 transition-transform lg:w-64 lg:translate-x-0",
            menuOpen ? "translate-x-0 shadow-xl" : "max-lg:invisible max-lg:-translate-x-full",
          )}
        >
          <div className="flex h-14 items-center justify-between px-4">
            <Link href="/" className="rounded-md">
              <ParleyLogo />
            </Link>
            <button
              type="button"
              onClick={() => setMenuOpen(false)}
              className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-200 lg:hidden"
            >
              <CloseIcon />
              <span className="sr-only">Close menu</span>
            </button>
          </div>
          <div className="px-3 pb-3">
            <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
          </div>
          <div className="flex-1 overflow-y-auto px-3 py-2">
            <WorkspaceNav slug={workspace.slug} />
          </div>
          <div className="border-t border-zinc-200 px-3 py-3">
            <UserPanel name={user.name} email={user.email} />
          </div>
        </aside>

        <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 lg:px-10 lg:py-10">
          {children}
        </main>
      </div>
    </WorkspaceProvider>
  );
}
