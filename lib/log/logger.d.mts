import type { DestinationStream, Logger } from "pino";

export declare function logPath(rawUrl: string | undefined): { path: string; query?: string[] };
export declare function scrubLine(line: string): string;
export declare function createLogger(
  bindings?: Record<string, unknown>,
  destination?: DestinationStream,
): Logger;
export declare function routeConsole(logger: Logger): void;
