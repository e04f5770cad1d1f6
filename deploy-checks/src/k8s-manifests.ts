import { at, records } from './dcos-descriptors.js';
import type { Manifest } from './k8s-tools.js';
import { isRecord } from './repo-files.js';

export { at, records };

/** Rendered overlays, as kustomize prints them, and the per-run objects the replay script renders from templates. */
export interface KubernetesDescriptors {
  production: Manifest[];
  ci: Manifest[];
  access: Manifest[];
  templates: Record<string, Manifest>;
}

export const nameOf = (manifest: unknown) => String(at(manifest, 'metadata', 'name'));
export const label = (manifest: unknown) => `${String(at(manifest, 'kind'))}/${nameOf(manifest)}`;

export function find(manifests: Manifest[], kind: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && nameOf(m) === name);
}

/** Pod templates of every workload, with the manifest they belong to. */
export function podTemplates(manifests: Manifest[]): { owner: Manifest; pod: unknown }[] {
  return manifests
    .filter((m) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(String(m.kind)))
    .map((owner) => ({ owner, pod: at(owner, 'spec', 'template') }));
}

export const containersOf = (pod: unknown) => records(at(pod, 'spec', 'containers'));

/** A container's env as the process sees it; a secretKeyRef stands in as a valid value naming its key. */
export function resolvedContainerEnv(container: unknown): Record<string, string> {
  return Object.fromEntries(
    records(at(container, 'env')).map((entry) => {
      const key = at(entry, 'valueFrom', 'secretKeyRef', 'key');
      const value = typeof entry.value === 'string' ? entry.value : `secret-value-of-${String(key)}-0123456789`;
      return [String(entry.name), value];
    }),
  );
}

export function secretRefs(container: unknown): { variable: string; secret: string; key: string }[] {
  return records(at(container, 'env')).flatMap((entry) => {
    const ref = at(entry, 'valueFrom', 'secretKeyRef');
    return isRecord(ref) ? [{ variable: String(entry.name), secret: String(ref.name), key: String(ref.key) }] : [];
  });
}

/** The container port a probe or Service targets, by number or by name. */
export function containerPort(container: unknown, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  return records(at(container, 'ports')).find((p) => p.name === port)?.containerPort as number | undefined;
}
