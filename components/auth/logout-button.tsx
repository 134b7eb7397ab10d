"use client";

import { signOut } from "next-auth/react";

export function LogoutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="rounded-md border border-white/60 px-3 py-1 text-sm text-white hover:bg-white/10"
    >
      Esci
    </button>
  );
}
