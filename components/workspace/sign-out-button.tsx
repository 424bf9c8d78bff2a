"use client";

import { useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { signOutTo } from "@/lib/sign-out";

type SignOutButtonProps = { variant?: ButtonVariant; size?: ButtonSize; className?: string };

export function SignOutButton({ variant = "ghost", size = "sm", className }: SignOutButtonProps) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      size={size}
      className={className}
      pending={pending}
      pendingLabel="Signing out…"
      onClick={() => {
        setPending(true);
        void signOutTo("/sign-in");
      }}
    >
      Sign out
    </Button>
  );
}
