import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '@guestbook/api';
import type { ProxyChain } from './deploy-contract.js';
import { offlineApiApp, type ApiApp } from './offline-api-app.js';

/** A visitor on the public internet, and what it might write into X-Forwarded-For to get a fresh rate-limit bucket. */
const VISITOR = '203.0.113.7';
const FORGED = '198.51.100.23';

/**
 * The address the API's sign limit counts a request under (express-rate-limit keys on req.ip), as the API's own app
 * works it out (Express's "trust proxy", set from TRUST_PROXY), for a request from `visitor` through `proxies`.
 */
function clientAddressSeenByApi(app: ApiApp, proxies: readonly string[], visitor: string, sentHeader?: string): string {
  // Each proxy appends the address it got the request from; the API's socket is connected to the last one.
  const appended = proxies.length > 0 ? [visitor, ...proxies.slice(0, -1)] : [];
  const forwardedFor = [...(sentHeader ? [sentHeader] : []), ...appended];
  const socket = { remoteAddress: proxies.at(-1) ?? visitor };
  const headers: IncomingHttpHeaders = forwardedFor.length > 0 ? { 'x-forwarded-for': forwardedFor.join(', ') } : {};
  const request = Object.create(app.request as object, {
    headers: { value: headers },
    socket: { value: socket },
    connection: { value: socket },
  }) as { ip?: string };
  return String(request.ip);
}

/** Each visitor must be counted under their own address, and a forged X-Forwarded-For must not change it. */
export function checkClientAddresses(
  trustProxy: Config['trustProxy'],
  chains: readonly ProxyChain[],
  where: string,
): string[] {
  const problems: string[] = [];
  const app = offlineApiApp(trustProxy);
  for (const chain of chains) {
    const seen = clientAddressSeenByApi(app, chain.proxies, VISITOR);
    const forged = clientAddressSeenByApi(app, chain.proxies, VISITOR, FORGED);
    if (seen !== VISITOR) {
      problems.push(
        `${where}: via ${chain.via}, the API counts visitor ${VISITOR} as ${seen} (TRUST_PROXY ${JSON.stringify(trustProxy)}): every visitor shares that rate-limit bucket`,
      );
    } else if (forged !== VISITOR) {
      problems.push(
        `${where}: via ${chain.via}, a visitor who sends X-Forwarded-For: ${FORGED} is counted as ${forged} (TRUST_PROXY ${JSON.stringify(trustProxy)}): anyone can pick a fresh rate-limit bucket`,
      );
    }
  }
  return problems;
}
