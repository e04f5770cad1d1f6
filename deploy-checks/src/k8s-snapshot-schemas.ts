import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { formatErrors } from './json-schemas.js';
import type { Manifest } from './k8s-tools.js';

/*
 * The snapshot custom resources are not in the Kubernetes schemas kubernetes-validate ships (they are CRDs). Their
 * schemas here are written from the documented API fields this project uses, not copied from the CRDs.
 */
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addSchema(read('object-meta.schema.json'));

const SCHEMAS: Record<string, string> = {
  'groupsnapshot.storage.k8s.io/v1 VolumeGroupSnapshot': 'volume-group-snapshot.schema.json',
  'snapshot.storage.k8s.io/v1 VolumeSnapshot': 'volume-snapshot.schema.json',
  'snapshot.storage.k8s.io/v1 VolumeSnapshotContent': 'volume-snapshot-content.schema.json',
};
const compiled = new Map<string, ValidateFunction>();

const typeOf = (manifest: Manifest) => `${String(manifest.apiVersion)} ${String(manifest.kind)}`;

export function isSnapshotObject(manifest: Manifest): boolean {
  return typeOf(manifest) in SCHEMAS;
}

export function validateSnapshotObject(manifest: Manifest, where: string): string[] {
  const file = SCHEMAS[typeOf(manifest)];
  if (!file) return [`${where}: ${typeOf(manifest)} is not a snapshot kind this project knows`];
  let validate = compiled.get(file);
  if (!validate) {
    validate = ajv.compile(read(file));
    compiled.set(file, validate);
  }
  return validate(manifest) ? [] : formatErrors(where, validate.errors);
}
