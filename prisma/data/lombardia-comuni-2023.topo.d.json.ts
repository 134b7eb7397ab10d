import type { Topology } from "topojson-specification";

/** Typed by hand, so that no type check infers a type from the 800 KB file. */
declare const topology: Topology;
export default topology;
