type Env = Record<string, string | undefined>;
export declare const READ_PIN_COOKIE: "sl_primary";
export declare function replicaConfigured(env?: Env): boolean;
export declare function replicaMaxLagMs(env?: Env): number;
export declare function readPinMs(env?: Env): number;
export declare function pinnedByCookie(cookieHeader: string | undefined | null, now?: number): boolean;
export declare function readPinCookie(now?: number, secure?: boolean): string;
