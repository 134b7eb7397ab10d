import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

const DEFAULT_FROM = "Smart Land Lombardia <no-reply@smartland.invalid>";

let transport: { url: string; transporter: Transporter } | undefined;
let disabledLogged = false;

function transporter(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      transporter: nodemailer.createTransport(url, {
        from: process.env.MAIL_FROM || DEFAULT_FROM,
        // A slow mail server must not hold the administrator's request for minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return transport.transporter;
}

/** Mail can be sent (SMTP_URL is set): the self-service password reset is offered only then. */
export function mailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/**
 * Sends one message through SMTP_URL. Never throws: without SMTP_URL, or when delivery fails, it answers
 * false and the caller shows the link to the administrator instead. Logs never carry the message body
 * (it holds one-time links) nor the SMTP credentials.
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const url = process.env.SMTP_URL;
  if (!url) {
    if (!disabledLogged)
      console.info("Mail disabled (SMTP_URL not set): links are only shown to the administrator.");
    disabledLogged = true;
    return false;
  }
  try {
    await transporter(url).sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    return true;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    console.error(`Mail delivery failed (${typeof code === "string" ? code : "unknown error"})`);
    return false;
  }
}
