import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./credentials";

const SESSION_MAX_AGE = 8 * 60 * 60; // a working day

export const authOptions: NextAuthOptions = {
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
      async authorize(credentials) {
        const user = await verifyCredentials(credentials?.email ?? "", credentials?.password ?? "");
        return user ? { id: user.id, sv: user.sessionVersion } : null;
      },
    }),
  ],
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
