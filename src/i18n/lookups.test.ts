import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A message looked up when a module loads keeps the language of that moment: after a switch of language
 * it would stay behind. So every lookup and format runs inside a function (a component, a cell renderer).
 */
const LOOKUPS = new Set(['t', 'tDynamic', 'formatDate', 'formatDateTime', 'formatNumber', 'formatRelative', 'statusLabel']);
const SRC = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'test' ? [] : files(join(dir, e.name))) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('message lookups', () => {
  it('never run when a module loads', () => {
    const found: string[] = [];
    for (const file of files(SRC)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const visit = (node: ts.Node, inFunction: boolean) => {
        const inside = inFunction || ts.isFunctionLike(node);
        if (!inside && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && LOOKUPS.has(node.expression.text)) {
          found.push(`${file.slice(SRC.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`);
        }
        ts.forEachChild(node, (child) => visit(child, inside));
      };
      visit(source, false);
    }
    expect(found).toEqual([]);
  });
});
