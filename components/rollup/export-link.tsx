"use client";

import { useState } from "react";

const size = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 1 });

/**
 * A download link that streams the export and shows how much has arrived (large exports take a while);
 * without JavaScript it is a plain link to the same file.
 */
export function ExportLink(props: { href: string; label: string; accessibleLabel: string }) {
  const [progress, setProgress] = useState<string | null>(null);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setProgress("Preparazione…");
    try {
      const res = await fetch(props.href);
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.getReader();
      const chunks: BlobPart[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setProgress(`${size.format(received / 1_048_576)} MB scaricati…`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
      const url = URL.createObjectURL(
        new Blob(chunks, { type: res.headers.get("content-type") ?? undefined }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
      setProgress(`Completato (${size.format(received / 1_048_576)} MB)`);
    } catch {
      setProgress("Esportazione non riuscita: riprova.");
    }
  }

  return (
    <>
      <a href={props.href} onClick={download} aria-label={props.accessibleLabel}>
        {props.label}
      </a>
      {progress ? (
        <span role="status" className="ml-1 text-xs text-slate-700">
          {progress}
        </span>
      ) : null}
    </>
  );
}
