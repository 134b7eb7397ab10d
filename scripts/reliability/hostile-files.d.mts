// Types of hostile-files.mjs (used by tests/integration/import-limits.test.ts).
type Zipped = Promise<Buffer>;
export declare function zip(
  entries: { name: string; text?: string; chunks?: () => Iterable<Buffer>; declaredSize?: number }[],
): Zipped;
export declare function bombSheetXlsx(megabytes?: number): Zipped;
export declare function withDeclaredSize(zipBytes: Buffer, name: string, declared: number): Buffer;
export declare function mediaBombXlsx(megabytes?: number): Zipped;
export declare function manyEntriesXlsx(count?: number): Zipped;
export declare function manyRowsXlsx(rows?: number): Zipped;
export declare function farColumnXlsx(): Zipped;
export declare function csvManyRows(): Buffer;
export declare function csvManyColumns(): Buffer;
export declare function csvLongLine(): Buffer;
