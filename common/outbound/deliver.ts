import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './url-policy';

export interface DeliveryResult {
  ok: boolean;
  statusCode?: number;
  /** Why it failed, short and safe to show to the admin. */
  error?: string;
}

/**
 * POSTs one JSON delivery. 2xx is success; anything else, a timeout or a
 * network error is a failure with its cause. Redirects are not followed (a
 * redirect could lead to an address the policy refuses).
 */
export function postDelivery(url: string, body: string, headers: Record<string, string>, timeoutMs: number, allowPrivate: boolean): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, error: 'invalid url' });
      return;
    }
    // Node does not call `lookup` for IP literals: check those here.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
      resolve({ ok: false, error: `destination ${literal} is a private, loopback or link-local address` });
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      resolve({ ok: false, error: 'url must use http or https' });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'playroom-outbound/1', ...headers },
        lookup: guardedLookup(allowPrivate),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        // The body is not needed; drain it so the socket is released.
        response.resume();
        response.on('end', () =>
          finish(statusCode >= 200 && statusCode < 300 ? { ok: true, statusCode } : { ok: false, statusCode, error: `HTTP ${statusCode}` }),
        );
        response.on('error', (error) => finish({ ok: false, statusCode, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `timed out after ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.code === 'EPRIVATE' ? error.message : `${error.code ?? 'error'}: ${error.message}`.slice(0, 300) }),
    );
    request.end(body);
  });
}
