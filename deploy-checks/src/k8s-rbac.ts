import { K8S } from './deploy-contract.js';
import { at, label, nameOf, records } from './k8s-manifests.js';
import type { Manifest } from './k8s-tools.js';

/** One API request kubectl makes: `namespace` undefined for cluster-scoped resources. */
export interface Permission {
  namespace?: string;
  group: string;
  resource: string;
  verb: string;
  name?: string;
}

const RESOURCES: Record<string, { group: string; resource: string; clusterScoped?: boolean }> = {
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  Service: { group: '', resource: 'services' },
  Pod: { group: '', resource: 'pods' },
  PersistentVolumeClaim: { group: '', resource: 'persistentvolumeclaims' },
  VolumeGroupSnapshot: { group: 'groupsnapshot.storage.k8s.io', resource: 'volumegroupsnapshots' },
  VolumeSnapshot: { group: 'snapshot.storage.k8s.io', resource: 'volumesnapshots' },
  VolumeSnapshotContent: { group: 'snapshot.storage.k8s.io', resource: 'volumesnapshotcontents', clusterScoped: true },
};
/** kubectl's type names (singular, plural) to kinds. */
const KINDS: Record<string, string> = Object.fromEntries(
  Object.entries(RESOURCES).flatMap(([kind, { resource }]) => [
    [resource, kind],
    [resource.replace(/s$/, ''), kind],
  ]),
);

function request(kind: string, verb: string, namespace: string | undefined, name?: string): Permission {
  const type = RESOURCES[kind];
  if (!type) throw new Error(`no RBAC mapping for kind ${kind}`);
  return {
    ...type,
    namespace: type.clusterScoped ? undefined : namespace,
    verb,
    name,
    clusterScoped: undefined,
  } as Permission;
}

/** `kubectl delete` waits by default, and waiting is a watch: list and watch on the type. */
const deletion = (kind: string, namespace: string | undefined, name: string, wait: boolean) => [
  request(kind, 'delete', namespace, name),
  ...(wait ? [request(kind, 'list', namespace), request(kind, 'watch', namespace)] : []),
];

/**
 * The API requests one kubectl command line makes, as far as this project's script uses kubectl. `created` gives the
 * manifest each `create -f` sent, `overlay` the objects of the kustomization `apply -k` / `delete -k` name.
 */
export function permissionsOf(args: string[], created: () => Manifest, overlay: Manifest[]): Permission[] {
  const flag = (name: string) => args[args.indexOf(name) + 1];
  const namespace = args.includes('-n') ? flag('-n') : undefined;
  const words = args.filter(
    (arg, i) => !arg.startsWith('-') && !['-n', '-c', '-o', '-f', '-k'].includes(args[i - 1] ?? ''),
  );
  const [verb, type, name] = words;
  const wait = !args.includes('--wait=false');
  const kind = KINDS[type ?? ''] ?? '';
  switch (verb) {
    case 'get':
      return [request(kind, name ? 'get' : 'list', namespace, name)];
    case 'exec':
      return [
        request('Pod', 'get', namespace, type),
        { ...request('Pod', 'create', namespace, type), resource: 'pods/exec' },
      ];
    case 'create': {
      const manifest = created();
      return [
        request(
          String(manifest.kind),
          'create',
          String(at(manifest, 'metadata', 'namespace') ?? namespace),
          nameOf(manifest),
        ),
      ];
    }
    case 'apply':
      return overlay.flatMap((m) =>
        ['get', 'create', 'patch'].map((v) =>
          request(String(m.kind), v, String(at(m, 'metadata', 'namespace')), nameOf(m)),
        ),
      );
    case 'delete':
      return args.includes('-k')
        ? overlay.flatMap((m) => deletion(String(m.kind), String(at(m, 'metadata', 'namespace')), nameOf(m), wait))
        : deletion(kind, namespace, name ?? '', wait);
    case 'rollout': {
      const [rolloutKind, rolloutName] = (name ?? '').split('/');
      return ['get', 'list', 'watch'].map((v) =>
        request(KINDS[rolloutKind ?? ''] ?? '', v, namespace, v === 'get' ? rolloutName : undefined),
      );
    }
    default:
      throw new Error(`no RBAC mapping for kubectl ${args.join(' ')}`);
  }
}

interface Grant {
  where: string;
  namespace?: string;
  rule: Record<string, unknown>;
}

/** The rules bound to the replay's service account, with the namespace each applies in (none: cluster-wide). */
function grants(access: Manifest[]): Grant[] {
  return access
    .filter((m) => m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding')
    .filter((binding) =>
      records(binding.subjects).some(
        (s) => s.kind === 'ServiceAccount' && s.name === K8S.replayServiceAccount && s.namespace === K8S.ciNamespace,
      ),
    )
    .flatMap((binding) => {
      const namespace = binding.kind === 'RoleBinding' ? String(at(binding, 'metadata', 'namespace')) : undefined;
      const role = access.find(
        (m) =>
          m.kind === at(binding, 'roleRef', 'kind') &&
          nameOf(m) === at(binding, 'roleRef', 'name') &&
          (m.kind === 'ClusterRole' || at(m, 'metadata', 'namespace') === namespace),
      );
      return records(role?.rules).map((rule) => ({ where: label(role), namespace, rule }));
    });
}

const has = (list: unknown, value: string | undefined) => Array.isArray(list) && list.includes(value);

function grantCovers({ namespace, rule }: Grant, wanted: Permission): boolean {
  const names = rule.resourceNames;
  return (
    (namespace === undefined || namespace === wanted.namespace) &&
    has(rule.apiGroups, wanted.group) &&
    has(rule.resources, wanted.resource) &&
    has(rule.verbs, wanted.verb) &&
    (!Array.isArray(names) || (wanted.name !== undefined && names.includes(wanted.name)))
  );
}

const describe = (p: Permission) =>
  `${p.verb} ${p.group ? `${p.group}/` : ''}${p.resource}${p.name ? ` ${p.name}` : ''} ${p.namespace ? `in ${p.namespace}` : '(cluster-wide)'}`;

/**
 * Least privilege, both ways: every request the script made is granted to its service account, and every verb granted
 * was needed by some request.
 */
export function rbacCoverage(access: Manifest[], requests: Permission[]): string[] {
  const all = grants(access);
  const missing = requests
    .filter((wanted) => !all.some((grant) => grantCovers(grant, wanted)))
    .map((wanted) => `k8s/ci-access: the script needs to ${describe(wanted)}, which is not granted`);
  const unused = all.flatMap((grant) =>
    (grant.rule.verbs as string[]).flatMap((verb) =>
      (grant.rule.resources as string[])
        .filter(
          (resource) =>
            !requests.some((wanted) =>
              grantCovers({ ...grant, rule: { ...grant.rule, verbs: [verb], resources: [resource] } }, wanted),
            ),
        )
        .map((resource) => `k8s/ci-access ${grant.where}: grants ${verb} on ${resource}, which the script never uses`),
    ),
  );
  return [...new Set([...missing, ...unused])];
}

/** What no rule may grant, whatever the script needs: wildcards, Secrets, and ways to gain more rights. */
export function rbacRules(access: Manifest[]): string[] {
  const problems: string[] = [];
  for (const role of access.filter((m) => m.kind === 'Role' || m.kind === 'ClusterRole')) {
    for (const rule of records(role.rules)) {
      const values = [rule.apiGroups, rule.resources, rule.verbs].flat();
      if (values.includes('*')) problems.push(`k8s/ci-access ${label(role)}: no wildcards in rules`);
      if (has(rule.resources, 'secrets')) problems.push(`k8s/ci-access ${label(role)}: must not reach Secrets`);
      for (const verb of ['escalate', 'bind', 'impersonate']) {
        if (has(rule.verbs, verb)) problems.push(`k8s/ci-access ${label(role)}: must not ${verb}`);
      }
      if (role.kind === 'ClusterRole' && !(JSON.stringify(rule.resources) === '["volumesnapshotcontents"]')) {
        problems.push(`k8s/ci-access ${label(role)}: the only cluster-wide grant is on volumesnapshotcontents`);
      }
    }
  }
  return [...problems, ...networkPolicyRules(access)];
}

/** The restored ring reaches only its own namespace and DNS: the copied peers tables name production's nodes. */
function networkPolicyRules(access: Manifest[]): string[] {
  const policy = access.find(
    (m) =>
      m.kind === 'NetworkPolicy' &&
      at(m, 'metadata', 'namespace') === K8S.ciNamespace &&
      at(m, 'spec', 'podSelector', 'matchLabels', 'app.kubernetes.io/name') === K8S.cassandra,
  );
  if (!policy) return [`k8s/ci-access: no NetworkPolicy isolates the Cassandra ring in ${K8S.ciNamespace}`];
  const types = at(policy, 'spec', 'policyTypes');
  const peers = [...records(at(policy, 'spec', 'ingress')), ...records(at(policy, 'spec', 'egress'))].flatMap((r) =>
    records(r.from ?? r.to),
  );
  const open =
    peers.some((peer) => peer.ipBlock !== undefined) ||
    peers.some((peer) => peer.namespaceSelector !== undefined && JSON.stringify(peer.namespaceSelector) === '{}') ||
    records(at(policy, 'spec', 'egress')).some((r) => r.to === undefined);
  return has(types, 'Ingress') && has(types, 'Egress') && !open
    ? []
    : [`k8s/ci-access ${label(policy)}: must limit ingress and egress to the namespace (and DNS), no ipBlock`];
}
