import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { repoPath } from './repo-files.js';

/**
 * The environment variable names the API reads, taken from the zod object in api/src/config.ts at run time. Parsing
 * the source (rather than keeping a list here) means a variable renamed in the API is a failing check in every
 * descriptor that still sets the old name.
 */
export function apiConfigKeys(configFile = repoPath('api/src/config.ts')): string[] {
  const source = ts.createSourceFile(configFile, readFileSync(configFile, 'utf8'), ts.ScriptTarget.Latest, true);
  let keys: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'schema' && node.initializer) {
      const call = node.initializer;
      if (ts.isCallExpression(call) && call.expression.getText() === 'z.object') {
        const shape = call.arguments[0];
        if (shape && ts.isObjectLiteralExpression(shape)) {
          keys = shape.properties.flatMap((p) =>
            p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
          );
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!keys || keys.length === 0) throw new Error(`No "const schema = z.object({...})" found in ${configFile}`);
  return keys;
}
