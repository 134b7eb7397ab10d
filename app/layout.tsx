import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Smart Land Lombardia", template: "%s · Smart Land Lombardia" },
  description:
    "Pianificazione e monitoraggio dei programmi Smart City e Smart Land dei comuni lombardi (DGR XI/1355/2019).",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry the request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not.
  await connection();
  return (
    <html lang="it">
      <body>{children}</body>
    </html>
  );
}
