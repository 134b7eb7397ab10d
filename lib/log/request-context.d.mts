export declare const REQUEST_ID_HEADER: "x-request-id";
export declare function isSafeRequestId(value: unknown): value is string;
export declare function requestIdFrom(incoming: string | string[] | undefined | null): string;
export declare function runWithRequestId<T>(
  requestId: string,
  fn: () => T,
  options?: { readsOnPrimary?: boolean },
): T;
export declare function currentRequestReadsOnPrimary(): boolean;
export declare function currentRequestId(): string | null;
