import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { K8S } from './deploy-contract.js';
import { repoPath } from './repo-files.js';

/** kubectl (its built-in kustomize) and kubernetes-validate, pinned, in the virtualenv .ci/run makes. */
const KUBECTL_INSTALL = '.venv-tools/bin/pip install --require-hashes -r k8s/ci/kubectl-requirements.txt';
const VALIDATE_INSTALL = '.venv-tools/bin/pip install -r deploy-checks/k8s-requirements.txt';

export type Manifest = Record<string, unknown>;

function tool(path: string, install: string): string {
  const found = repoPath(path);
  if (!existsSync(found)) throw new Error(`${path} is missing: run .ci/run, or from the repository root: ${install}`);
  return found;
}

/**
 * Renders a kustomization with the kustomize built into kubectl, the one `kubectl apply -k` uses in the pipeline's
 * Kubernetes job, and parses every document it prints.
 */
export function kustomizeBuild(directory: string): Manifest[] {
  const result = spawnSync(tool('.venv-tools/bin/kubectl', KUBECTL_INSTALL), ['kustomize', repoPath(directory)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${directory} failed: ${result.stderr || result.error}`);
  return parseAllDocuments(result.stdout).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`kubectl kustomize ${directory}: ${doc.errors[0]?.message}`);
    return doc.toJS() as Manifest;
  });
}

/**
 * Validates core Kubernetes objects against the Kubernetes schemas kubernetes-validate ships (strict: an unknown
 * field fails). A kind it has no schema for is a problem too: custom resources go through validateSnapshotObject.
 */
export function validateKubernetesObjects(manifests: Manifest[], where: string): string[] {
  if (manifests.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'kubernetes-validate-'));
  try {
    const files = manifests.map((manifest, index) => {
      const file = join(dir, `${index}.json`);
      writeFileSync(file, JSON.stringify(manifest));
      return file;
    });
    const validator = tool('.venv-tools/bin/kubernetes-validate', VALIDATE_INSTALL);
    const args = ['-k', K8S.schemaVersion, '--strict', '--quiet', ...files];
    const result = spawnSync(validator, args, { encoding: 'utf8', timeout: 120_000 });
    if (result.status === 2 || result.error)
      throw new Error(`kubernetes-validate failed: ${result.stderr || result.error}`);
    return `${result.stdout}${result.stderr}`
      .split('\n')
      .filter((line) => /^(ERROR|WARN)\b/.test(line))
      .map((line) => `${where}: ${line.replace(/\S*kubernetes-validate-[^/]+\/\d+\.json /, '')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
