import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { verifyCredentials } from "./credentials";
import { recordLogout } from "./logout";

/** The client address as the reverse proxy reports it (first hop of X-Forwarded-For). */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return typeof value === "string" && value ? value.split(",")[0].trim().slice(0, 64) : null;
}

const SESSION_MAX_AGE = 8 * 60 * 60; // a working day

// Secure cookies (and their __Secure- prefix) when the portal is served over https, as next-auth would
// decide by itself; stated here so that lib/auth/actor.ts reads the session cookie by the same name.
const USE_SECURE_COOKIES = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
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
            clientAddress(req?.headers),
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
    // The audit log's LOGOUT (logins are recorded by verifyCredentials).
    async signOut({ token }) {
      await recordLogout(token);
    },
  },
  callbacks: {
    // The token carries only the user id and the session version; role and comune are read fresh
    // from the database on every request (lib/auth/actor.ts), so a change applies at the next click.
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { uid: token.uid, sv: token.sv } };
    },
  },
};
