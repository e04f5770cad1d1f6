import { isRecord } from './repo-files.js';

/** One service of a parsed compose document; the accessors below read its fields in either of Compose's forms. */
export type Service = Record<string, unknown>;

export function environment(service: Service): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => String(entry).split(/=(.*)/s).slice(0, 2)));
  return isRecord(env) ? Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)])) : {};
}

export const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function networksOf(service: Service): string[] {
  if (Array.isArray(service.networks)) return list(service.networks);
  return isRecord(service.networks) ? Object.keys(service.networks) : ['default'];
}

export function dependency(service: Service, on: string): unknown {
  const condition = isRecord(service.depends_on) ? service.depends_on[on] : undefined;
  return isRecord(condition) ? condition.condition : undefined;
}

export function dependencies(service: Service): string[] {
  return isRecord(service.depends_on) ? Object.keys(service.depends_on) : list(service.depends_on);
}

/** The URL a healthcheck probes, if its command names one. */
export function probedUrl(service: Service): URL | undefined {
  const test = isRecord(service.healthcheck) ? list(service.healthcheck.test).join(' ') : '';
  const match = /https?:\/\/[\w.-]+:\d+\/[\w/-]*/.exec(test);
  return match ? new URL(match[0]) : undefined;
}

export function containerPorts(service: Service): number[] {
  return list(service.ports).map((port) => Number(port.split('/')[0]?.split(':').at(-1)));
}

/** The compose document as Compose runs it, and what the compose rules share. */
export interface Compose {
  doc: Record<string, unknown>;
  services: Record<string, Service>;
  /** A service by name; an empty one when it is missing, which missingServiceRules reports. */
  service: (name: string) => Service;
  /** The variables handed to Compose, as an operator would set them. */
  given: Record<string, string>;
  /** The data center production Cassandra declares: the API and the test node must agree with it. */
  dc: string;
}
