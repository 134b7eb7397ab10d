import { redirect } from "next/navigation";
import { getActor, landingPath } from "@/lib/auth/actor";

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? landingPath(actor) : "/login");
}
