import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./lib/http/csp";

const production = process.env.NODE_ENV === "production";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The production launcher (scripts/serve.mjs) compresses responses itself, in larger blocks than
  // Next.js's per-chunk flushes allow (lib/http/compress.mjs).
  compress: false,
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "exceljs"],
  // `npm test` (scripts/checks.mjs) type-checks the whole project with `tsc --noEmit` right after the build,
  // tests and scripts included, and sets this variable for its build: the build's own check of the same
  // files would run twice (35-41 s on CI's two cores). `npm run build` and `npm run demo` still check.
  typescript: { ignoreBuildErrors: process.env.SMARTLAND_BUILD_SKIP_TYPECHECK === "1" },
  async headers() {
    // Pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts; API routes
    // (which the proxy skips) get one that allows nothing.
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
