import { createTransport, type Transporter } from "nodemailer";
import { getEnv } from "@/server/env";

let cached: { url: string; transport: Transporter } | undefined;

/**
 * The SMTP transport for SMTP_URL (e.g. smtp://user:pass@host:587), or null when mail is not
 * configured. Short timeouts: mail is sent while a request waits for it.
 */
export function getMailer(): { transport: Transporter; from: string } | null {
  const { SMTP_URL, SMTP_FROM } = getEnv();
  if (!SMTP_URL) return null;
  if (cached?.url !== SMTP_URL) {
    cached = {
      url: SMTP_URL,
      transport: createTransport(SMTP_URL, {
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
      }),
    };
  }
  return { transport: cached.transport, from: SMTP_FROM };
}
