import { at, containersOf, label, podTemplates } from './k8s-manifests.js';
import type { Manifest } from './k8s-tools.js';

/**
 * Every pod runs as a non-root user without privilege escalation or capabilities (the "restricted" Pod Security
 * Standard), and every container says what it needs and may use: requests and limits for CPU and memory.
 */
export function podRules(manifests: Manifest[], where: string): string[] {
  return podTemplates(manifests).flatMap(({ owner, pod }) => {
    const problems: string[] = [];
    const name = `${where} ${label(owner)}`;
    const security = at(pod, 'spec', 'securityContext');
    if (at(security, 'runAsNonRoot') !== true || !(Number(at(security, 'runAsUser')) > 0)) {
      problems.push(`${name}: the pod must run as a non-root user (runAsNonRoot, runAsUser > 0)`);
    }
    if (at(security, 'seccompProfile', 'type') !== 'RuntimeDefault') {
      problems.push(`${name}: the pod needs seccompProfile RuntimeDefault`);
    }
    for (const container of containersOf(pod)) {
      const where = `${name} container ${String(container.name)}`;
      const context = at(container, 'securityContext');
      const dropped = at(context, 'capabilities', 'drop');
      if (at(context, 'allowPrivilegeEscalation') !== false || !(Array.isArray(dropped) && dropped.includes('ALL'))) {
        problems.push(`${where}: needs allowPrivilegeEscalation false and capabilities drop [ALL]`);
      }
      if (at(context, 'privileged') === true || at(context, 'runAsUser') === 0) {
        problems.push(`${where}: must not run privileged or as root`);
      }
      const missing = ['requests', 'limits'].flatMap((kind) =>
        ['cpu', 'memory']
          .filter((what) => at(container, 'resources', kind, what) === undefined)
          .map((what) => `${kind}.${what}`),
      );
      if (missing.length > 0) problems.push(`${where}: resources lack ${missing.join(', ')}`);
    }
    return problems;
  });
}
