export declare function isUuid(value: unknown): value is string;
