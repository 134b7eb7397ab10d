export declare const OUTAGE_WINDOW_MS: number;
export declare function noteDatabaseOutage(now?: number): void;
export declare function databaseOutageIsFresh(now?: number): boolean;
