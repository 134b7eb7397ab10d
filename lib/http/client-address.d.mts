export declare const CLIENT_ADDRESS_HEADER: "x-smartland-client-ip";
export declare function trustedProxyHops(value: string | undefined | null): number;
export declare function clientAddressFrom(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  hops: number,
): string | null;
export declare function clientAddressOf(
  headers: Headers | Record<string, unknown> | undefined | null,
): string | null;
