import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../masking-policy.yaml', import.meta.url));

/** keep: copied as it is. shape: replaced by its shape-preserving pseudonym (text columns only). */
export type ColumnAction = 'keep' | 'shape';

/** What the policy needs to know of a column; a snapshot manifest's column description fits. */
export interface PolicyColumn {
  name: string;
  kind: 'partition_key' | 'clustering' | 'static' | 'regular';
  type: string;
}

export interface PolicyTable {
  name: string;
  columns: readonly PolicyColumn[];
}

export interface MaskingPolicy {
  source: string;
  /** SHA-256 of the policy file's bytes, for a manifest to record which policy masked it. */
  digest: string;
  /** The action for one column; throws MaskingPolicyError naming the table and column when the policy has none. */
  columnAction(table: string, column: PolicyColumn): ColumnAction;
  /** Every column's action, after checking the whole schema against the policy: all problems in one error. */
  planFor(tables: readonly PolicyTable[]): Map<string, Map<string, ColumnAction>>;
}

export class MaskingPolicyError extends Error {
  override name = 'MaskingPolicyError';
}

const TEXT_TYPES = new Set(['text', 'varchar', 'ascii']);
const TIME_TYPES = new Set(['timestamp', 'timeuuid', 'date', 'time']);

const action = z.enum(['keep', 'shape']);
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a CQL table or column name');
const policySchema = z.strictObject({
  defaults: z.strictObject({ keyColumns: action, timestampColumns: action, textColumns: action }),
  tables: z.record(
    identifier,
    z
      .record(identifier, action)
      .nullable()
      .transform((columns) => columns ?? {}),
  ),
});

export function loadMaskingPolicy(file = DEFAULT_POLICY_FILE): MaskingPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MaskingPolicyError(`Cannot read the masking policy ${file}: ${(error as Error).message}`);
  }
  return parseMaskingPolicy(text, file);
}

export function parseMaskingPolicy(text: string, source: string): MaskingPolicy {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new MaskingPolicyError(`The masking policy ${source} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = policySchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new MaskingPolicyError(`The masking policy ${source} is invalid:\n  ${problems.join('\n  ')}`);
  }
  const { defaults, tables } = parsed.data;

  const columnAction = (table: string, column: PolicyColumn): ColumnAction => {
    const named = tables[table];
    if (!named) {
      throw new MaskingPolicyError(
        `Table ${table} is not in the masking policy ${source}: add it, naming an action for its columns`,
      );
    }
    const chosen = named[column.name] ?? defaultAction(column);
    if (!chosen) {
      throw new MaskingPolicyError(
        `Table ${table}, column ${column.name} (${column.type}) has no masking rule in ${source}: ` +
          `name it under tables.${table} as keep or shape`,
      );
    }
    if (chosen === 'shape' && !TEXT_TYPES.has(column.type)) {
      throw new MaskingPolicyError(
        `Table ${table}, column ${column.name} is ${column.type}: shape masking applies to text columns only`,
      );
    }
    return chosen;
  };

  const defaultAction = (column: PolicyColumn): ColumnAction | undefined => {
    if (column.kind === 'partition_key' || column.kind === 'clustering') return defaults.keyColumns;
    if (TIME_TYPES.has(column.type)) return defaults.timestampColumns;
    if (TEXT_TYPES.has(column.type)) return defaults.textColumns;
    return undefined;
  };

  return {
    source,
    digest: createHash('sha256').update(text).digest('hex'),
    columnAction,
    planFor(schema) {
      const problems: string[] = [];
      const plan = new Map<string, Map<string, ColumnAction>>();
      for (const table of schema) {
        const actions = new Map<string, ColumnAction>();
        for (const column of table.columns) {
          try {
            actions.set(column.name, columnAction(table.name, column));
          } catch (error) {
            problems.push((error as Error).message);
            if (!tables[table.name]) break;
          }
        }
        const present = new Set(table.columns.map((c) => c.name));
        for (const name of Object.keys(tables[table.name] ?? {})) {
          if (present.has(name)) continue;
          problems.push(`The masking policy ${source} names column ${name} of table ${table.name}, which it lacks`);
        }
        plan.set(table.name, actions);
      }
      const inSchema = new Set(schema.map((t) => t.name));
      for (const name of Object.keys(tables)) {
        if (inSchema.has(name)) continue;
        problems.push(`The masking policy ${source} names table ${name}, which the keyspace does not have`);
      }
      if (problems.length > 0) throw new MaskingPolicyError(problems.join('\n'));
      return plan;
    },
  };
}
