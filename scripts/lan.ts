// Workshop mode for `npm start`: `npm start -- --lan` (or GUESTBOOK_LAN=1) serves the guestbook to the room, prints
// its LAN address with a QR code for phones, and raises the sign limit for a room that shares one address.
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';

/**
 * Signs per minute per address in workshop mode (the default is 30). Behind one NAT address — guest Wi-Fi routed into
 * the presenter's network, a hotspot — the whole room counts as one visitor. Typing a name and a message on a phone
 * takes at least ~20 s, so a person signs at most ~3 times a minute: 100 people × 3 = 300.
 */
export const WORKSHOP_SIGNS_PER_MINUTE = 300;

export interface ListenSettings {
  lan: boolean;
  /** What `npm start` adds to the API's environment; variables the user set are never overridden. */
  env: Record<string, string>;
}

export function listenSettings(argv: string[], env: NodeJS.ProcessEnv): ListenSettings {
  const lan = argv.includes('--lan') || /^(1|true|yes)$/i.test(env.GUESTBOOK_LAN ?? '');
  // A laptop's dev server is for its own browser unless the presenter says otherwise (the API's own default, for
  // containers, is 0.0.0.0).
  const settings: ListenSettings = { lan, env: {} };
  if (!env.HOST) settings.env.HOST = lan ? '0.0.0.0' : '127.0.0.1';
  if (lan && !env.RATE_LIMIT_SIGN_PER_MINUTE) {
    settings.env.RATE_LIMIT_SIGN_PER_MINUTE = String(WORKSHOP_SIGNS_PER_MINUTE);
  }
  return settings;
}

/** The machine's IPv4 addresses that other devices can reach: every interface but loopback. */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  return Object.values(interfaces)
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}

/** What the terminal shows in workshop mode: the LAN URLs, a QR code of the first, and the sign limit. */
export async function lanAnnouncement(options: { host: string; port: number; signsPerMinute: number }) {
  const addresses = options.host === '0.0.0.0' ? lanAddresses() : [options.host];
  const urls = addresses.map((address) => `http://${address}:${options.port}`);
  const limit = `Signing is limited to ${options.signsPerMinute} entries per minute per address`;
  if (urls.length === 0) {
    return `No LAN address found: no network interface has an IPv4 address other than loopback.\n${limit}.`;
  }
  const qr = await QRCode.toString(urls[0]!, { type: 'terminal', small: true });
  const raise = '(RATE_LIMIT_SIGN_PER_MINUTE sets another).';
  const lines = [`On the LAN: ${urls.join('  ')}`, `Scan to sign from a phone (${urls[0]}):`, qr, `${limit} ${raise}`];
  return lines.join('\n');
}
