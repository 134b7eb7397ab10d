import type { Metadata } from "next";
import { resetPasswordAction } from "../../link-actions";
import { LinkPage } from "../../link-page";

export const metadata: Metadata = { title: "Reimposta la password", referrer: "no-referrer" };

export default async function ResetPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  return <LinkPage kind="PASSWORD_RESET" token={token} action={resetPasswordAction} />;
}
