import type { Metadata } from "next";
import { activateAccountAction } from "../../link-actions";
import { LinkPage } from "../../link-page";

export const metadata: Metadata = { title: "Attivazione account", referrer: "no-referrer" };

export default async function ActivatePage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  return <LinkPage kind="ACTIVATION" token={token} action={activateAccountAction} />;
}
