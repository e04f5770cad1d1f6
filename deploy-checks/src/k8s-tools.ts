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

/** Results per object (by its JSON): the negative tests change one object each, so only that one is validated again. */
const validated = new Map<string, string[]>();

/**
 * Validates core Kubernetes objects against the Kubernetes schemas kubernetes-validate ships (strict: an unknown
 * field fails). A kind it has no schema for is a problem too: custom resources go through validateSnapshotObject.
 */
export function validateKubernetesObjects(manifests: Manifest[], where: string): string[] {
  const texts = manifests.map((manifest) => JSON.stringify(manifest));
  const fresh = [...new Set(texts.filter((text) => !validated.has(text)))];
  if (fresh.length > 0) {
    const lines = runKubernetesValidate(fresh);
    fresh.forEach((text, index) => validated.set(text, lines.get(index) ?? []));
  }
  return texts.flatMap((text) => (validated.get(text) ?? []).map((line) => `${where}: ${line}`));
}

/** One kubernetes-validate run over many objects; its ERROR and WARN lines, by the index of the object they name. */
function runKubernetesValidate(texts: string[]): Map<number, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubernetes-validate-'));
  try {
    const files = texts.map((text, index) => {
      const file = join(dir, `${index}.json`);
      writeFileSync(file, text);
      return file;
    });
    const validator = tool('.venv-tools/bin/kubernetes-validate', VALIDATE_INSTALL);
    const args = ['-k', K8S.schemaVersion, '--strict', '--quiet', ...files];
    const result = spawnSync(validator, args, { encoding: 'utf8', timeout: 120_000 });
    if (result.status === 2 || result.error) {
      throw new Error(`kubernetes-validate failed: ${result.stderr || result.error}`);
    }
    const byObject = new Map<number, string[]>();
    for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
      const match = /^(ERROR|WARN) \S*kubernetes-validate-[^/]+\/(\d+)\.json (.*)$/.exec(line);
      if (!match) continue;
      const index = Number(match[2]);
      byObject.set(index, [...(byObject.get(index) ?? []), `${match[1]} ${match[3]}`]);
    }
    return byObject;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
