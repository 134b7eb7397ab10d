import "next-auth";
import "next-auth/jwt";

// The session carries only the user id, the session version and the server-side session's id
// (see lib/auth/options.ts).
declare module "next-auth" {
  interface Session {
    user: { uid?: string; sv?: number };
  }
  interface User {
    sv?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}
