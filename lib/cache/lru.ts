// SMARTLAND_CACHE=off turns every cache into a miss (to measure the cold path; see docs/benchmarks.md).
const DISABLED = process.env.SMARTLAND_CACHE === "off";

/** A small in-process LRU map: a cache in front of figures whose key says when they change. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    if (DISABLED) return undefined;
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

/** One shared instance per name, surviving module reloads in development. */
export function sharedLru<V>(name: string, max: number): Lru<V> {
  const g = globalThis as unknown as { smartLandCaches?: Map<string, Lru<unknown>> };
  g.smartLandCaches ??= new Map();
  let cache = g.smartLandCaches.get(name) as Lru<V> | undefined;
  if (!cache) {
    cache = new Lru<V>(max);
    g.smartLandCaches.set(name, cache as Lru<unknown>);
  }
  return cache;
}
