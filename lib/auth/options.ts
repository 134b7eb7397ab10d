import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address.mjs";
import { verifyCredentials } from "./credentials";
import { recordLogout } from "./logout";
import { endSession, SESSION_MAX_AGE, startSession } from "./session";

/** True when the portal's public URL (NEXTAUTH_URL) is https: its cookies are then Secure. */
export function usesSecureCookies(publicUrl: string | undefined): boolean {
  try {
    return publicUrl ? new URL(publicUrl.trim()).protocol === "https:" : false;
  } catch {
    return false;
  }
}

// Secure cookies (and their __Secure-/__Host- prefixes) when the portal is served over https, as next-auth
// would decide by itself; stated here so that lib/auth/actor.ts reads the session cookie by the same name.
const USE_SECURE_COOKIES = usesSecureCookies(process.env.NEXTAUTH_URL);
export const SESSION_COOKIE = `${USE_SECURE_COOKIES ? "__Secure-" : ""}next-auth.session-token`;

export const authOptions: NextAuthOptions = {
  useSecureCookies: USE_SECURE_COOKIES,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  jwt: { maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        try {
          const user = await verifyCredentials(
            credentials?.email ?? "",
            credentials?.password ?? "",
            // Set by scripts/serve.mjs from the socket (or TRUSTED_PROXY_HOPS), never X-Forwarded-For as sent.
            clientAddressOf(req?.headers),
          );
          return user ? { id: user.id, sv: user.sessionVersion } : null;
        } catch (e) {
          // The login form shows "Troppi tentativi…" for this code, the same for every account.
          if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
          throw e;
        }
      },
    }),
  ],
  events: {
    // Logging out ends the session on the server (a kept or captured cookie is no session any more), and
    // is recorded in the audit log (LOGOUT; logins are recorded by verifyCredentials).
    async signOut({ token }) {
      await endSession(token);
      await recordLogout(token);
    },
  },
  callbacks: {
    // The token carries only the user id, the session version and the server-side session's id; role and
    // comune are read fresh from the database on every request (lib/auth/actor.ts), so a change applies at
    // the next click, and so does a logout or an idle timeout.
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
        token.sid = await startSession(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { uid: token.uid, sv: token.sv } };
    },
  },
};
