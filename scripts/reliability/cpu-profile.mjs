// Where a server's CPU goes: a V8 CPU profile of a worker (scripts/serve.mjs with WEB_CPU_PROF_DIR), its
// busy samples in a time window sorted into who ran them — Next.js and React, this portal's own code, the
// database client, Node's runtime, the garbage collector. Used by `npm run reliability:cost -- --profile`.
//
// A sample's frame is the function that was running (self time). Frames of the build (.next/) are mapped
// back to their sources through the build's source maps, so the portal's app/, components/ and lib/ are
// told apart from the framework bundled beside them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";

export const CLASSES = ["framework", "nodeRuntime", "native", "gc", "appCode", "dbClient", "otherPackages"];

/** What each class holds, for the table's legend. */
export const CLASS_LABELS = {
  framework: "Next.js and React (rendering, routing, streaming)",
  nodeRuntime: "Node's runtime in JavaScript (http, streams, zlib, async hooks, module loading)",
  native: "native code without a JavaScript frame (V8 builtins, socket writes, string encoding)",
  gc: "garbage collector",
  appCode: "the portal's own code (app/, components/, lib/, proxy.ts, scripts/serve.mjs)",
  dbClient: "database client (pg, Prisma)",
  otherPackages: "other packages (next-auth, jose, compression, zod, d3, …)",
};

/** The one .cpuprofile a run of one worker wrote into `dir`. */
export function readProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length !== 1) throw new Error(`expected one CPU profile in ${dir}, found ${files.length}`);
  return JSON.parse(readFileSync(path.join(dir, files[0]), "utf8"));
}

/**
 * Busy self time (µs) per class in each window ({ fromUs, toUs } on the monotonic clock the profile's
 * timestamps use, i.e. process.hrtime in µs on this host).
 */
export function classifyWindows(profile, windows) {
  const classify = classifier();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const classOf = new Map();
  const totals = windows.map(() => Object.fromEntries(CLASSES.map((c) => [c, 0])));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const w = windows.findIndex((x) => t >= x.fromUs && t < x.toUs);
    if (w < 0) continue;
    const id = profile.samples[i];
    if (!classOf.has(id)) classOf.set(id, classify(nodes.get(id).callFrame));
    const c = classOf.get(id);
    if (c !== "idle") totals[w][c] += delta;
  }
  return totals;
}

function classifier() {
  const maps = new Map();
  const sourceMap = (url) => {
    if (!maps.has(url)) {
      const file = `${url.replace(/^file:\/\//, "")}.map`;
      let map = null;
      if (existsSync(file)) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(file, "utf8")));
        } catch {
          map = null;
        }
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const byPackage = (file) => {
    if (/node_modules\/(next|react|react-dom|scheduler)\//.test(file)) return "framework";
    if (/node_modules\/(pg|pg-[a-z-]+|@prisma\/[a-z-]+|postgres-[a-z-]+)\//.test(file)) return "dbClient";
    if (/node_modules\//.test(file)) return "otherPackages";
    return null;
  };
  return (frame) => {
    const url = frame.url ?? "";
    if (frame.functionName === "(idle)") return "idle";
    if (frame.functionName === "(garbage collector)") return "gc";
    if (!url) return "native";
    if (url.startsWith("node:")) return "nodeRuntime";
    if (url.includes("/.next/")) {
      const entry = sourceMap(url)?.findEntry(frame.lineNumber, frame.columnNumber);
      const source = entry?.originalSource ?? "";
      if (!source || source.includes("[turbopack]")) return "framework";
      if (source.includes("generated/prisma")) return "dbClient";
      return byPackage(source) ?? "appCode";
    }
    return byPackage(url) ?? "appCode";
  };
}
