// Classes and colours of a choropleth: quantile class limits, one colour per class and the Italian legend.
// Pure (no file, no database): components import it.

/**
 * ColorBrewer YlGnBu (Cynthia Brewer, Penn State), sequential and colour-blind safe, by number of classes.
 * 1 and 2 classes are picked from the 3-class scheme; the lightest class stays clearly yellow-green so it
 * is not mistaken for NO_DATA_COLOR.
 */
const PALETTES: readonly (readonly string[])[] = [
  ["#41b6c4"],
  ["#edf8b1", "#2c7fb8"],
  ["#edf8b1", "#7fcdbb", "#2c7fb8"],
  ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
  ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
];

/** Fill of a comune without a value (no data, or no projects when the page passes null for those). */
export const NO_DATA_COLOR = "#e5e5e5";
export const NO_DATA_LABEL = "Nessun dato";
export const MAX_CLASSES = PALETTES.length;

export type LegendItem = { color: string; label: string };

/**
 * Class limits for a choropleth: `[min, t1, …, tn]`, the minimum then the upper limit of each class
 * (n ≤ `classes`, tn = max). Class 1 is [min, t1], class i is (t_i-1, t_i]. Non-decreasing: t1 equals min
 * when the lowest class holds only the minimum (e.g. many zeros); after that strictly increasing, so ties
 * merge classes and few distinct values give fewer classes. Limits are nearest-rank quantiles, i.e. values
 * that occur in the data, so a count legend reads "da 3 a 5", not "da 2,4 a 4,8". Non-finite values are
 * ignored; no values → [].
 */
export function quantileBreaks(values: number[], classes = MAX_CLASSES): number[] {
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
    throw new RangeError(`classes must be an integer from 1 to ${MAX_CLASSES}`);
  }
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks = [sorted[0]];
  for (let k = 1; k <= classes; k++) {
    const limit = sorted[Math.ceil((k / classes) * sorted.length) - 1];
    if (breaks.length === 1 || limit > breaks[breaks.length - 1]) breaks.push(limit);
  }
  return breaks;
}

function paletteFor(breaks: number[]): readonly string[] {
  return PALETTES[Math.min(Math.max(breaks.length - 1, 1), MAX_CLASSES) - 1];
}

/** The fill for a value; NO_DATA_COLOR for null, undefined, NaN or when there are no breaks. */
export function colorFor(value: number | null | undefined, breaks: number[]): string {
  if (value === null || value === undefined || !Number.isFinite(value) || breaks.length === 0) {
    return NO_DATA_COLOR;
  }
  const palette = paletteFor(breaks);
  let index = 0;
  while (index < palette.length - 1 && value > breaks[index + 1]) index++;
  return palette[index];
}

/** One item per class, in Italian: "da 0 € a 1.000 €", "oltre 1.000 € fino a 5.000 €", … */
export function legendFor(breaks: number[], formatter: (value: number) => string): LegendItem[] {
  if (breaks.length === 0) return [];
  const [min, ...limits] = breaks;
  const palette = paletteFor(breaks);
  if (limits.length === 0) return [{ color: palette[0], label: formatter(min) }];
  return palette.map((color, i) => {
    const to = formatter(limits[i]);
    if (i > 0) return { color, label: `oltre ${formatter(limits[i - 1])} fino a ${to}` };
    return { color, label: min === limits[0] ? to : `da ${formatter(min)} a ${to}` };
  });
}
