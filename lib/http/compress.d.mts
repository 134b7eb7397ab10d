import type { IncomingMessage, ServerResponse } from "node:http";

export function compressResponses(options?: {
  level?: number;
}): (req: IncomingMessage, res: ServerResponse) => void;
export function batchWrites(res: ServerResponse, limit?: number): void;
