"use client";

import { useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

type Tip = { name: string; value: string; x: number; y: number };

/** The comune shape under an event target: the path itself, or the path inside a focused link. */
function shapeOf(target: EventTarget): Element | null {
  if (!(target instanceof Element)) return null;
  return target.closest("[data-istat]") ?? target.querySelector("[data-istat]");
}

/**
 * Wraps a server-rendered map and shows a tooltip with the name and value of the comune under the pointer
 * or with keyboard focus, read from the `<title>` ("Name: value") of the `[data-istat]` shapes. The tooltip is
 * aria-hidden: the focused element already announces the same text through its `<title>`. Escape hides it
 * (WCAG 1.4.13).
 */
export function MapTooltip(props: { children: ReactNode; metricLabel: string }) {
  const [tip, setTip] = useState<Tip | null>(null);

  function show(target: EventTarget, container: HTMLElement, at?: { clientX: number; clientY: number }) {
    const shape = shapeOf(target);
    if (!shape) return setTip(null);
    const box = container.getBoundingClientRect();
    let x: number;
    let y: number;
    if (at) {
      x = at.clientX - box.left;
      y = at.clientY - box.top;
    } else {
      const r = shape.getBoundingClientRect();
      x = r.left + r.width / 2 - box.left;
      y = r.top - box.top;
    }
    // "Name: value", the <title> of the link around the shape or of the shape itself.
    const title = (shape.closest("a") ?? shape).querySelector("title")?.textContent ?? "";
    const cut = title.lastIndexOf(": ");
    setTip({
      name: cut < 0 ? title : title.slice(0, cut),
      value: cut < 0 ? "" : title.slice(cut + 2),
      x,
      y,
    });
  }

  const onMouse = (e: MouseEvent<HTMLDivElement>) => show(e.target, e.currentTarget, e);
  const onFocus = (e: FocusEvent<HTMLDivElement>) => show(e.target, e.currentTarget);
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setTip(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") setTip(null);
  };

  return (
    <div
      className="relative"
      onMouseOver={onMouse}
      onMouseMove={tip ? onMouse : undefined}
      onMouseLeave={() => setTip(null)}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      {props.children}
      {tip ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute z-10 max-w-64 -translate-x-1/2 -translate-y-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-md"
          style={{ left: tip.x, top: tip.y - 8 }}
        >
          <p className="font-semibold">{tip.name}</p>
          <p>
            {props.metricLabel}: <span className="tabular-nums">{tip.value}</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
