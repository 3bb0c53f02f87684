// The SMTP transport of the outbox sender, from SMTP_URL (nodemailer).
import nodemailer from "nodemailer";
import type { MailTransport } from "./sender.ts";

export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport(url);
  return {
    async sendMail(mail) {
      await transport.sendMail(mail);
    },
  };
}
