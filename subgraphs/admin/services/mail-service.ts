import nodemailer from 'nodemailer';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { assertAllowed } from './permissions';
import { isEmailAddress } from './settings-catalog';
import { readSettings } from './settings-service';

export interface TestEmailResult {
  to: string;
  from: string;
  subject: string;
  messageId: string;
  accepted: string[];
}

const SMTP_KEYS = ['siteName', 'smtpHost', 'smtpPort', 'smtpSecurity', 'smtpUser', 'smtpPassword', 'smtpSender'] as const;

/** nodemailer error codes that mean the server answered and refused (fixable by settings or input). */
const REFUSAL_CODES = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE', 'ENOAUTH']);

/**
 * Sends one message through the configured SMTP server.
 * - no `to`, a bad address, mail not configured: BAD_USER_INPUT (400);
 * - the server refused (credentials, sender or recipient): BAD_USER_INPUT (400)
 *   with the server's answer, since the fix is in the settings or the input;
 * - unreachable, TLS failure, timeout: SERVICE_UNAVAILABLE (503) naming the cause.
 */
export async function sendTestEmail(context: Context, to: string): Promise<TestEmailResult> {
  await assertAllowed(context, 'settings:sendTestEmail');
  const { em } = context;
  const timeoutMs = context.settings.smtpTimeoutMs;
  const recipient = to.trim();
  if (!isEmailAddress(recipient) || recipient.length > 320) throw domainError(ErrorCode.BadUserInput, 'to must be an email address', { field: 'to' });
  const settings = await readSettings(em, SMTP_KEYS);
  if (!settings.smtpHost) throw domainError(ErrorCode.BadUserInput, 'Mail is not configured: set smtpHost first', { field: 'smtpHost' });
  if (!settings.smtpSender) throw domainError(ErrorCode.BadUserInput, 'Mail is not configured: set smtpSender first', { field: 'smtpSender' });
  const transport = nodemailer.createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecurity === 'tls',
    requireTLS: settings.smtpSecurity === 'starttls',
    ignoreTLS: settings.smtpSecurity === 'none',
    auth: settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPassword ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const subject = `Test email from ${settings.siteName}`;
  try {
    const info = await transport.sendMail({
      from: settings.smtpSender,
      to: recipient,
      subject,
      text: `This is a test email from ${settings.siteName}. Mail delivery is configured correctly.`,
    });
    return {
      to: recipient,
      from: settings.smtpSender,
      subject,
      messageId: info.messageId,
      accepted: (info.accepted as (string | { address: string })[]).map((entry) => (typeof entry === 'string' ? entry : entry.address)),
    };
  } catch (error) {
    const { code, response, message } = error as { code?: string; response?: string; message?: string };
    const detail = (response ?? message ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 200);
    if (code && REFUSAL_CODES.has(code)) {
      const what = code === 'EAUTH' || code === 'ENOAUTH' ? 'rejected the credentials' : 'refused the message';
      throw domainError(ErrorCode.BadUserInput, `The mail server ${what}: ${detail}`, { field: code === 'EAUTH' ? 'smtpUser' : 'to', smtp: code });
    }
    const cause =
      code === 'ETIMEDOUT'
        ? `timed out after ${timeoutMs} ms`
        : code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS'
          ? 'is unreachable'
          : code === 'ETLS'
            ? 'failed the TLS handshake'
            : 'failed';
    throw domainError(ErrorCode.ServiceUnavailable, `The mail server ${cause}: ${detail}`, { smtp: code ?? 'ERROR' });
  } finally {
    transport.close();
  }
}
