export type Layer = { name: string; modules: readonly string[]; uses?: readonly string[] };
export declare const LAYERS: readonly Layer[];
