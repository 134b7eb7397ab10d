import type { Metadata } from "next";
import { UserCreateForm } from "@/components/users/user-create-form";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS, ROLES } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getUserFormOptions } from "@/lib/users/list-users";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Nuovo utente" };

export default async function NewUserPage() {
  const actor = await requireActor();
  const options = await orNotFound(getUserFormOptions(actor), "/admin/utenti/nuovo");
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-semibold">Nuovo utente</h1>
      <UserCreateForm
        action={createUserAction}
        roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        comuni={options.assignableComuni}
      />
    </div>
  );
}
