/**
 * Just enough CQL text handling for schema files: split statements (a `;` inside a string, quoted name or comment is not
 * an end), quote identifiers, and move statements to another keyspace.
 */

// Comments are dropped; string literals, quoted names and $$-bodies are copied whole. Sticky (y) regexes match at i only.
const COMMENT = /--[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;
const LITERAL = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$\$[\s\S]*?\$\$/y;

export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < text.length) {
    COMMENT.lastIndex = i;
    const comment = COMMENT.exec(text);
    if (comment) {
      i += comment[0].length;
      continue;
    }
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (literal) {
      current += literal[0];
      i += literal[0].length;
      continue;
    }
    const ch = text[i]!;
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
    i += 1;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** A name as CQL needs to see it: bare when it is a plain lower-case identifier, double-quoted otherwise. */
export function quoteIdentifier(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites the keyspace that qualifies the object a DESCRIBE statement creates (table, type, index target, function).
 * Only the statement head is touched, so a table comment that mentions the keyspace stays as written.
 */
export function moveToKeyspace(statement: string, from: string, to: string): string {
  const old = escapeRegExp(quoteIdentifier(from));
  const head = new RegExp(
    `^(CREATE\\s+(?:TABLE|TYPE|FUNCTION|AGGREGATE|(?:CUSTOM\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+\\s+ON)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)${old}\\.`,
    'i',
  );
  if (!head.test(statement))
    throw new Error(`Cannot place this statement in keyspace ${to}: ${statement.split('\n')[0]}`);
  return statement.replace(head, `$1${quoteIdentifier(to)}.`);
}

/** `CREATE TABLE ks.name (` → name (unquoted), or undefined for statements that create something else. */
export function createdTableName(statement: string): string | undefined {
  const m = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|\w+)\.("(?:[^"]|"")*"|\w+)/i.exec(statement);
  if (!m) return undefined;
  const name = m[1]!;
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();
}
