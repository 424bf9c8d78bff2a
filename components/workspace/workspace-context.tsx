"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { DateFormatting } from "@/lib/format";
import type { Role } from "@/lib/roles";

export type CurrentWorkspace = {
  slug: string;
  name: string;
  role: Role;
  locale: string;
  timezone: string;
};

const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

export function WorkspaceProvider({
  value,
  children,
}: {
  value: CurrentWorkspace;
  children: ReactNode;
}) {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The workspace of the page, as the layout checked it. Only inside /w/[workspace]. */
export function useCurrentWorkspace(): CurrentWorkspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useCurrentWorkspace must be used inside WorkspaceProvider");
  return value;
}

export function useDateFormatting(): DateFormatting {
  const { locale, timezone } = useCurrentWorkspace();
  return { locale, timeZone: timezone };
}
