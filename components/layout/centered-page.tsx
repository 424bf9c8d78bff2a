import Link from "next/link";
import type { ReactNode } from "react";
import { ParleyLogo } from "./parley-logo";

type CenteredPageProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
};

/** Sign-in, sign-up, invitations and workspace creation: one card in the middle of the page. */
export function CenteredPage({ title, description, children, footer }: CenteredPageProps) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <Link href="/" className="mb-8 rounded-md" aria-label="Parley home">
        <ParleyLogo className="text-lg" />
      </Link>
      <main className="w-full max-w-sm">
        <div className="rounded-xl border border-zinc-200 bg-white px-5 py-6 shadow-sm sm:px-7 sm:py-8">
          <div className="mb-6 space-y-1.5">
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
            {description ? <div className="text-sm text-zinc-500">{description}</div> : null}
          </div>
          {children}
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-zinc-600">{footer}</div> : null}
      </main>
    </div>
  );
}
