import { describe, expect, it } from 'vitest';
import { interpolateCompose } from '../src/compose-interpolation.js';

const run = (text: string, env: Record<string, string> = {}) => interpolateCompose({ value: text }, env);
const value = (text: string, env: Record<string, string> = {}) => (run(text, env).value as { value: string }).value;

describe("interpolateCompose (Compose's ${...} rules, which the compose checks rely on)", () => {
  it('when a variable is set, then $VAR and ${VAR} take its value and $$ stays a literal $', () => {
    expect(value('$A-${A}-$$A-$${A}', { A: 'x' })).toBe('x-x-$A-${A}');
  });

  it('when a default is given, then ":-" also replaces an empty value and "-" only an unset one', () => {
    expect([value('${A:-d}'), value('${A:-d}', { A: '' }), value('${A-d}', { A: '' }), value('${A-d}')]).toEqual([
      'd',
      'd',
      '',
      'd',
    ]);
  });

  it('when a default holds another variable, then that is interpolated too', () => {
    expect(value('${A:-${B}/x}', { B: 'b' })).toBe('b/x');
  });

  it('when ":+" or "+" is used, then the word replaces a set value', () => {
    expect([
      value('${A:+w}', { A: 'x' }),
      value('${A:+w}', { A: '' }),
      value('${A+w}', { A: '' }),
      value('${A+w}'),
    ]).toEqual(['w', '', 'w', '']);
  });

  it('when a required variable is missing, then it is reported; ":?" counts an empty value as missing, "?" does not', () => {
    expect(run('${A:?set A}').missing).toEqual(['A']);
    expect(run('${A:?set A}', { A: '' }).missing).toEqual(['A']);
    expect(run('${A?set A}', { A: '' }).missing).toEqual([]);
    expect(run('${A:?set A}', { A: 'x' })).toEqual({ value: { value: 'x' }, missing: [] });
  });

  it('when a $ starts no variable, then interpolation fails as docker compose does', () => {
    expect(() => run('cost: $(date)')).toThrow('a lone $');
    expect(() => run('${A')).toThrow('unclosed');
    expect(() => run('${A:x}')).toThrow('Invalid interpolation: ${A:x}');
  });
});
