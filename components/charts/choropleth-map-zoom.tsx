"use client";

// The zoomable choropleth of the whole region, drawn in the browser: the shapes come from the geometry
// document (fetched once per page load and kept by the browser's cache: its URL is versioned), each
// comune's colour, value and link from the page (one string, `cells`); together they make one markup
// string (lib/choropleth/shapes-markup.ts), set once, never hydrated element by element. Zoom and pan change
// only the <svg>'s viewBox. Mouse wheel and drag, two-finger pinch and drag (one
// finger scrolls the page; pointer events), keyboard (+, -, arrows while focus is in the map) and three
// buttons. Names of the comuni wide enough on screen are drawn in an overlay <svg> that ignores the pointer.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { NO_DATA_COLOR, NO_DATA_LABEL } from "@/lib/choropleth/color-scale";
import {
  type GeometryDocument,
  type MapGeometry,
  decodeCells,
  geometryFromDocument,
  shapesMarkup,
} from "@/lib/choropleth/shapes-markup";
import {
  type Bounds,
  type ViewBox,
  labelled,
  panViewBox,
  pixelsPerUnit,
  viewBoxAttribute,
  zoomViewBox,
} from "@/lib/choropleth/view-box";

/** Zoom step of a button or key press. */
const STEP = 1.6;
/** Part of the view an arrow key moves it by. */
const PAN_STEP = 0.15;
/** Pointer travel (px) before a press becomes a drag and no longer a click. */
const DRAG_THRESHOLD = 5;
/** Names are drawn this size on screen (px), whatever the zoom. */
const LABEL_PX = 12;

type Label = { istat: string; name: string; bounds: Bounds };

// One fetch per page load whatever the number of maps and re-renders (a new metric re-colours the shapes).
const geometries = new Map<string, Promise<MapGeometry>>();
function loadGeometry(url: string): Promise<MapGeometry> {
  let pending = geometries.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`map geometry: HTTP ${r.status}`);
        return r.json() as Promise<GeometryDocument>;
      })
      .then(geometryFromDocument);
    // A failure is not kept: the next map (or a reload of this one) tries again.
    pending.catch(() => geometries.delete(url));
    geometries.set(url, pending);
  }
  return pending;
}

/** Name and bounds of every shape, read once from the markup (the name is the <title>'s "Name: value"). */
function readLabels(svg: SVGSVGElement): Label[] {
  return [...svg.querySelectorAll<SVGGraphicsElement>("[data-istat]")].map((shape) => {
    const title = (shape.closest("a") ?? shape).querySelector("title")?.textContent ?? "";
    const cut = title.lastIndexOf(": ");
    const box = shape.getBBox();
    return {
      istat: shape.getAttribute("data-istat") ?? "",
      name: cut < 0 ? title : title.slice(0, cut),
      bounds: [box.x, box.y, box.x + box.width, box.y + box.height],
    };
  });
}

/** The labels to draw: wide enough, whole on screen, not overlapping one drawn before (widest first). */
function placeLabels(all: Label[], view: ViewBox, screenWidth: number) {
  const k = pixelsPerUnit(view, screenWidth);
  const size = LABEL_PX / k;
  const placed: { x: number; y: number; w: number; label: Label }[] = [];
  const candidates = labelled(all, view, screenWidth).sort(
    (a, b) => b.bounds[2] - b.bounds[0] - (a.bounds[2] - a.bounds[0]),
  );
  for (const label of candidates) {
    const x = (label.bounds[0] + label.bounds[2]) / 2;
    const y = (label.bounds[1] + label.bounds[3]) / 2;
    const w = label.name.length * size * 0.6;
    // A name cut by the edge of the view is not drawn (it would read as another name).
    if (x - w / 2 < view.x || x + w / 2 > view.x + view.width) continue;
    if (placed.some((p) => Math.abs(p.x - x) < (p.w + w) / 2 && Math.abs(p.y - y) < size * 1.2)) continue;
    placed.push({ x, y, w, label });
  }
  return { size, placed };
}

export function ZoomableMapSvg(props: {
  /** The geometry document (`lombardyGeometryUrl()`). */
  geometryUrl: string;
  /** Each comune's fill, shown value and link (`encodeCells`). */
  cells: string;
  full: ViewBox;
  initial: ViewBox;
  labelledBy: string;
  describedBy: string;
}) {
  const { full, initial } = props;
  const [view, setView] = useState(initial);
  const [screenWidth, setScreenWidth] = useState(0);
  const [labels, setLabels] = useState<Label[]>([]);
  const svgRef = useRef<SVGSVGElement>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const press = useRef({ x: 0, y: 0, dragged: false });
  const [twoFingerHint, setTwoFingerHint] = useState(false);
  const [markup, setMarkup] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadGeometry(props.geometryUrl).then(
      (geometry) => {
        if (!live) return;
        const cells = decodeCells(props.cells);
        const noData = { fill: NO_DATA_COLOR, shown: NO_DATA_LABEL.toLowerCase() };
        setFailed(false);
        setMarkup(shapesMarkup(geometry, (istat) => cells.get(istat), noData));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.geometryUrl, props.cells]);

  useEffect(() => {
    if (!twoFingerHint) return;
    const timer = setTimeout(() => setTwoFingerHint(false), 2000);
    return () => clearTimeout(timer);
  }, [twoFingerHint]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || markup === null) return;
    setLabels(readLabels(svg));
    const observer = new ResizeObserver(() => setScreenWidth(svg.getBoundingClientRect().width));
    observer.observe(svg);
    return () => observer.disconnect();
  }, [markup]);

  /** A screen point as a point of the drawing. */
  const toDrawing = useCallback((clientX: number, clientY: number, v: ViewBox) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return undefined;
    return {
      x: v.x + ((clientX - box.left) / box.width) * v.width,
      y: v.y + ((clientY - box.top) / box.height) * v.height,
    };
  }, []);

  const zoom = useCallback(
    (factor: number, client?: { x: number; y: number }) =>
      setView((v) => zoomViewBox(v, factor, full, client ? toDrawing(client.x, client.y, v) : undefined)),
    [full, toDrawing],
  );

  // Wheel: a non-passive listener, so the page does not scroll while the map zooms.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), { x: e.clientX, y: e.clientY });
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [zoom]);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    // A primary pointer starts a new gesture: pointers of an earlier one whose end was lost are gone.
    if (e.isPrimary) pointers.current.clear();
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) press.current = { x: e.clientX, y: e.clientY, dragged: false };
  };

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const before = pointers.current.get(e.pointerId);
    if (!before) return;
    const now = { x: e.clientX, y: e.clientY };
    const width = svgRef.current?.getBoundingClientRect().width ?? 0;
    if (pointers.current.size === 1 && e.pointerType === "touch") {
      // One finger scrolls the page, as everywhere else on a phone: the map needs two (a map that
      // captures every swipe traps the reader on it). The hint says so.
      if (Math.hypot(now.x - press.current.x, now.y - press.current.y) >= DRAG_THRESHOLD) {
        press.current.dragged = true;
        setTwoFingerHint(true);
      }
      window.scrollBy(before.x - now.x, before.y - now.y);
    } else if (pointers.current.size === 1) {
      if (!press.current.dragged) {
        if (Math.hypot(now.x - press.current.x, now.y - press.current.y) < DRAG_THRESHOLD) return;
        press.current.dragged = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }
      if (width > 0)
        setView((v) =>
          panViewBox(v, ((before.x - now.x) / width) * v.width, ((before.y - now.y) / width) * v.width, full),
        );
    } else if (pointers.current.size === 2) {
      // Pinch: the distance between the two fingers scales the view around their midpoint.
      const other = [...pointers.current].find(([id]) => id !== e.pointerId)?.[1];
      if (!other) return;
      const ratio =
        Math.hypot(now.x - other.x, now.y - other.y) /
        Math.max(1, Math.hypot(before.x - other.x, before.y - other.y));
      press.current.dragged = true;
      setTwoFingerHint(false);
      // The midpoint moves by half of this finger's move: that pans, the distance zooms.
      if (width > 0)
        setView((v) =>
          panViewBox(
            v,
            ((before.x - now.x) / 2 / width) * v.width,
            ((before.y - now.y) / 2 / width) * v.width,
            full,
          ),
        );
      zoom(ratio, { x: (now.x + other.x) / 2, y: (now.y + other.y) / 2 });
    }
    pointers.current.set(e.pointerId, now);
  };

  const onPointerEnd = (e: PointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl + zooms the page, not the map
    const pan = (dx: number, dy: number) =>
      setView((v) => panViewBox(v, dx * v.width * PAN_STEP, dy * v.height * PAN_STEP, full));
    const actions: Record<string, () => void> = {
      "+": () => zoom(STEP),
      "=": () => zoom(STEP),
      "-": () => zoom(1 / STEP),
      _: () => zoom(1 / STEP),
      ArrowLeft: () => pan(-1, 0),
      ArrowRight: () => pan(1, 0),
      ArrowUp: () => pan(0, -1),
      ArrowDown: () => pan(0, 1),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  // Tabbing to a comune outside the view brings it into view.
  const onFocus = (e: React.FocusEvent<SVGSVGElement>) => {
    const shape =
      e.target instanceof Element
        ? (e.target.closest("[data-istat]") ?? e.target.querySelector("[data-istat]"))
        : null;
    if (!(shape instanceof SVGGraphicsElement)) return;
    const b = shape.getBBox();
    setView((v) =>
      b.x >= v.x && b.y >= v.y && b.x + b.width <= v.x + v.width && b.y + b.height <= v.y + v.height
        ? v
        : panViewBox(
            v,
            b.x + b.width / 2 - (v.x + v.width / 2),
            b.y + b.height / 2 - (v.y + v.height / 2),
            full,
          ),
    );
  };

  const { size, placed } = placeLabels(labels, view, screenWidth);
  const attribute = viewBoxAttribute(view);
  const button =
    "inline-flex min-h-11 min-w-11 items-center gap-1 rounded border border-slate-400 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-100";

  return (
    <div className="mx-auto mt-2 w-full max-w-3xl">
      <div className="mb-2 flex flex-wrap gap-2">
        <button type="button" className={button} onClick={() => zoom(STEP)}>
          <span aria-hidden="true">+</span> Ingrandisci
        </button>
        <button type="button" className={button} onClick={() => zoom(1 / STEP)}>
          <span aria-hidden="true">−</span> Riduci
        </button>
        <button type="button" className={button} onClick={() => setView(initial)}>
          Adatta
        </button>
      </div>
      <div className="relative overflow-hidden">
        {/* role="group", not "img": an img's children are presentational, and these are links. */}
        <svg
          ref={svgRef}
          role="group"
          tabIndex={0}
          aria-labelledby={props.labelledBy}
          aria-describedby={props.describedBy}
          viewBox={attribute}
          data-zoom={(full.width / view.width).toFixed(2)}
          className="block h-auto w-full cursor-grab touch-none select-none focus-visible:outline-4 focus-visible:outline-amber-700 active:cursor-grabbing"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onClickCapture={(e) => {
            // The end of a drag is not a click on the comune under the pointer.
            if (press.current.dragged) {
              e.preventDefault();
              e.stopPropagation();
            }
          }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          aria-busy={markup === null && !failed}
          dangerouslySetInnerHTML={{ __html: markup ?? "" }}
        />
        {markup === null && (
          <p
            role="status"
            className="pointer-events-none absolute inset-x-0 top-1/3 mx-auto w-fit rounded bg-white/90 px-3 py-2 text-sm text-slate-800"
          >
            {failed
              ? "Mappa non disponibile: i dati sono nella tabella dei comuni."
              : "Caricamento della mappa…"}
          </p>
        )}
        {twoFingerHint && (
          <p
            role="status"
            className="pointer-events-none absolute inset-x-0 top-1/2 mx-auto w-fit -translate-y-1/2 rounded bg-slate-900/85 px-3 py-2 text-sm text-white"
          >
            Per spostare la mappa usa due dita
          </p>
        )}
        <svg
          aria-hidden="true"
          viewBox={attribute}
          className="map-labels pointer-events-none absolute inset-0 h-full w-full"
        >
          {placed.map((p) => (
            <text
              key={p.label.istat}
              x={p.x}
              y={p.y}
              fontSize={size}
              textAnchor="middle"
              dominantBaseline="middle"
              fill="#0f172a"
              stroke="#ffffff"
              strokeWidth={size / 4}
              paintOrder="stroke"
            >
              {p.label.name}
            </text>
          ))}
        </svg>
      </div>
    </div>
  );
}
