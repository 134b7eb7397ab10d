import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Smart Land Lombardia", template: "%s · Smart Land Lombardia" },
  description:
    "Pianificazione e monitoraggio dei programmi Smart City e Smart Land dei comuni lombardi (DGR XI/1355/2019).",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="it">
      <body>{children}</body>
    </html>
  );
}
