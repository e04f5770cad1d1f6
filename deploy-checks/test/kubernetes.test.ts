import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { K8S } from '../src/deploy-contract.js';
import { checkKubernetes, loadKubernetes, type KubernetesDescriptors } from '../src/k8s-check.js';
import { at, find, records } from '../src/k8s-manifests.js';
import { repoPath } from '../src/repo-files.js';

let rendered: KubernetesDescriptors;
beforeAll(() => {
  rendered = loadKubernetes();
});

/** A fresh copy of everything kustomize rendered, so each test may break its own. */
const copy = () => structuredClone(rendered);
type Doc = Record<string, unknown>;
const doc = (value: unknown) => value as Doc;
const container = (d: KubernetesDescriptors, overlay: 'production' | 'ci', kind: string, name: string) =>
  records(at(find(d[overlay], kind, name), 'spec', 'template', 'spec', 'containers'))[0]!;
const env = (c: Doc) => c.env as Doc[];

describe('k8s/, rendered by kustomize', () => {
  it('when rendered, then the overlays hold the objects the deployment story needs', () => {
    const kinds = (list: Doc[]) => list.map((m) => `${String(m.kind)}/${String(doc(m.metadata).name)}`).sort();
    expect(kinds(rendered.production)).toEqual([
      'Deployment/api',
      'Deployment/web',
      'Ingress/guestbook',
      'Namespace/guestbook',
      'PodDisruptionBudget/cassandra',
      'Service/api',
      'Service/cassandra',
      'Service/web',
      'StatefulSet/cassandra',
    ]);
    expect(rendered.production.filter((m) => m.kind !== 'Namespace').map((m) => doc(m.metadata).namespace)).toEqual(
      Array(8).fill(K8S.namespace),
    );
    expect(kinds(rendered.ci)).toEqual(['Service/cassandra', 'StatefulSet/cassandra']);
  });

  it(`when checked against the Kubernetes ${K8S.schemaVersion} schemas, the snapshot schemas, the contract and the API's config, then everything agrees`, () => {
    expect(checkKubernetes(rendered)).toEqual([]);
  });

  it('when the tools are asked, then they are the pinned ones: kubectl 1.36 (kustomize v5.8.1) and 1.36 schemas', () => {
    const kubectl = execFileSync(repoPath('.venv-tools/bin/kubectl'), ['version', '--client', '-o', 'json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(kubectl)).toMatchObject({
      clientVersion: { major: '1', minor: '36' },
      kustomizeVersion: 'v5.8.1',
    });
    const validate = repoPath('.venv-tools/bin/kubernetes-validate');
    expect(execFileSync(validate, ['--version'], { encoding: 'utf8' }).trim()).toBe('1.37.0');
    // A version it lacks is refused outright (exit 2), so every check above really ran against 1.36.
    const unknown = spawnSync(validate, ['-k', '1.99', repoPath('k8s/ci/templates/restored-claim.json')], {
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout + unknown.stderr).toContain('does not support kubernetes version 1.99');
  });

  it('when the replay script is linted, then bash -n and shellcheck pass', () => {
    const script = repoPath('k8s/ci/volume-group-snapshot-replay.sh');
    execFileSync('bash', ['-n', script]);
    expect(execFileSync('shellcheck', ['--format=gcc', script], { encoding: 'utf8' })).toBe('');
  });
});

describe('k8s/: each check fails on a broken copy', () => {
  it('when a field is misspelt, then the Kubernetes schema (strict) rejects it', () => {
    const d = copy();
    const api = container(d, 'production', 'Deployment', 'api');
    api.readinesProbe = api.readinessProbe;
    delete api.readinessProbe;

    expect(checkKubernetes(d)).toEqual([
      expect.stringMatching(
        /did not validate for resource deployment\/api against version 1\.36: .*'readinesProbe' was unexpected/,
      ),
      expect.stringMatching(/Deployment\/api: readinessProbe must GET \/readyz on port 3000 \(gets undefined/),
    ]);
  });

  it('when a snapshot object has a field its API does not know, then the snapshot schema rejects it', () => {
    const d = copy();
    doc(d.templates['volume-snapshot']!.spec).sourceVolumeMode = 'Filesystem';

    expect(checkKubernetes(d)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `k8s/ci/templates/volume-snapshot.json (node ${i})/spec: must NOT have additional properties (sourceVolumeMode)`,
      ),
    );
  });

  it('when the API readiness probe drifts from /readyz, then the check names it', () => {
    const d = copy();
    doc(doc(container(d, 'production', 'Deployment', 'api').readinessProbe).httpGet).path = '/healthz';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Deployment/api: readinessProbe must GET /readyz on port 3000 (gets /healthz on 3000)',
    ]);
  });

  it('when the API points at another Cassandra, then the API config check reports the contact points', () => {
    const d = copy();
    env(container(d, 'production', 'Deployment', 'api')).find((e) => e.name === 'CASSANDRA_CONTACT_POINTS')!.value =
      'cassandra:9042';

    expect(checkKubernetes(d)).toEqual([
      expect.stringMatching(
        /^k8s\/overlays\/production Deployment\/api env: the API would use contact points \["cassandra:9042"\]/,
      ),
    ]);
  });

  it('when TRUST_PROXY is unset, then every visitor behind the ingress shares one rate-limit bucket, and the check says so', () => {
    const d = copy();
    const api = container(d, 'production', 'Deployment', 'api');
    api.env = env(api).filter((e) => e.name !== 'TRUST_PROXY');

    expect(checkKubernetes(d)).toEqual([
      expect.stringMatching(
        /Deployment\/api env: via ingress controller .*10\.244\/16.*counts visitor .* as 10\.244\.2\.9/,
      ),
      expect.stringMatching(/Deployment\/api env: via ingress controller .*192\.168\/16.*as 192\.168\.7\.12/),
    ]);
  });

  it('when the page proxies to another API address, then the web check names the upstream it expects', () => {
    const d = copy();
    env(container(d, 'production', 'Deployment', 'web')).find((e) => e.name === 'API_UPSTREAM')!.value =
      'http://api:8080';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Deployment/web: API_UPSTREAM must be http://api:3000',
    ]);
  });

  it('when the cursor secret is written into the manifest, then the secret check refuses it', () => {
    const d = copy();
    const entry = env(container(d, 'production', 'Deployment', 'api')).find((e) => e.name === 'CURSOR_SECRET')!;
    delete entry.valueFrom;
    entry.value = 'a-cursor-secret-in-git';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Deployment/api container api: CURSOR_SECRET is written in the manifest; take it from Secret guestbook',
    ]);
  });

  it('when a container runs as root without limits, then the pod rules report both', () => {
    const d = copy();
    const web = find(d.production, 'Deployment', 'web')!;
    delete doc(doc(doc(doc(web.spec).template).spec).securityContext).runAsNonRoot;
    delete doc(container(d, 'production', 'Deployment', 'web').resources).limits;

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Deployment/web: the pod must run as a non-root user (runAsNonRoot, runAsUser > 0)',
      'k8s/overlays/production Deployment/web container web: resources lack limits.cpu, limits.memory',
    ]);
  });

  it('when Cassandra shrinks to two nodes, then the ring check reports it', () => {
    const d = copy();
    doc(find(d.production, 'StatefulSet', 'cassandra')!.spec).replicas = 2;

    expect(checkKubernetes(d)).toEqual(['k8s/overlays/production StatefulSet/cassandra: replicas must be 3']);
  });

  it('when the disruption budget lets two nodes go, then the check reports it', () => {
    const d = copy();
    doc(find(d.production, 'PodDisruptionBudget', 'cassandra')!.spec).maxUnavailable = 2;

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production PodDisruptionBudget/cassandra: maxUnavailable must be 1 (RF 3, QUORUM)',
    ]);
  });

  it('when the Ingress sends visitors to the API instead of the page, then the check reports it', () => {
    const d = copy();
    const path = records(at(find(d.production, 'Ingress', 'guestbook'), 'spec', 'rules', 0, 'http', 'paths'))[0]!;
    doc(doc(path.backend).service).name = 'api';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Ingress/guestbook: must route to Service web, the page on port 8080',
    ]);
  });

  it('when a Service targets a port no container has, then the check reports it', () => {
    const d = copy();
    records(at(find(d.production, 'Service', 'web'), 'spec', 'ports'))[0]!.targetPort = 'https';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/production Service/web: targetPort https is no container port',
      'k8s/overlays/production Ingress/guestbook: must route to Service web, the page on port 8080',
    ]);
  });

  it('when the CI ring would load the recorded ring, then the check refuses it (it would gossip with production)', () => {
    const d = copy();
    env(container(d, 'ci', 'StatefulSet', 'cassandra')).find((e) => e.name === 'JVM_EXTRA_OPTS')!.value = '';

    expect(checkKubernetes(d)).toEqual([
      'k8s/overlays/ci StatefulSet/cassandra: must not gossip with production (load_ring_state=false)',
    ]);
  });

  it("when the CI ring reads production's Secret, then the check refuses it", () => {
    const d = copy();
    const production = container(d, 'production', 'StatefulSet', 'cassandra');
    const ci = container(d, 'ci', 'StatefulSet', 'cassandra');
    ci.env = [...env(ci), ...env(production).filter((e) => e.name === 'CASSANDRA_PASSWORD')];

    expect(checkKubernetes(d)).toEqual(["k8s/overlays/ci StatefulSet/cassandra: must not read production's Secret"]);
  });

  it('when the group snapshot selects labels the data claims lack, then the wiring check reports it for every node', () => {
    const d = copy();
    doc(doc(doc(d.templates['volume-group-snapshot']!.spec).source).selector).matchLabels = { app: 'cassandra' };

    expect(checkKubernetes(d)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `k8s/ci/templates/volume-group-snapshot.json (node ${i}): its selector must match the production data claims' labels`,
      ),
    );
  });

  it('when a restored claim asks for another StorageClass than production, then the wiring check reports it', () => {
    const d = copy();
    doc(d.templates['restored-claim']!.spec).storageClassName = 'standard';

    expect(checkKubernetes(d)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `k8s/ci/templates/restored-claim.json (node ${i}): spec.storageClassName must equal the production claims'`,
      ),
    );
  });

  it('when a role grants a wildcard or reaches Secrets, then the RBAC rules refuse it', () => {
    const d = copy();
    const role = find(d.access, 'Role', 'guestbook-snapshot-replay-ring')!;
    (role.rules as Doc[]).push({ apiGroups: [''], resources: ['secrets'], verbs: ['*'] });

    expect(checkKubernetes(d)).toEqual([
      'k8s/ci-access Role/guestbook-snapshot-replay-ring: no wildcards in rules',
      'k8s/ci-access Role/guestbook-snapshot-replay-ring: must not reach Secrets',
    ]);
  });

  it('when the ring may send traffic anywhere, then the network policy check refuses it', () => {
    const d = copy();
    const policy = find(d.access, 'NetworkPolicy', 'cassandra-ring-isolated')!;
    (doc(policy.spec).egress as Doc[]).push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] });

    expect(checkKubernetes(d)).toEqual([
      'k8s/ci-access NetworkPolicy/cassandra-ring-isolated: must limit ingress and egress to the namespace (and DNS), no ipBlock',
    ]);
  });
});
