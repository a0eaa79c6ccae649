/**
 * The rules of .dependency-cruiser.cjs (run by `npm run lint`) catch what they are for: a circle made of
 * type-only imports, and an import that runs up the layers. Checked on a small tree with both (the
 * project itself is checked by the lint).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'node_modules/.bin/depcruise');

interface Report {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

async function violations(cwd: string): Promise<string[]> {
  const args = ['--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'src', 'mocks'];
  // depcruise exits non-zero when it finds violations; the report is on stdout either way.
  const stdout = await promisify(execFile)(bin, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? '',
  );
  const report = JSON.parse(stdout) as Report;
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('architecture rules', () => {
  it('report a circle of type-only imports and an import up the layers', async () => {
    const found = await violations(path.join(root, 'scripts/fixtures/architecture'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-circular: mocks\/db\/(records|store)\.ts/),
        'api-is-a-lower-layer: src/api/types.ts → src/access/rights.ts',
      ]),
    );
  }, 60_000);
});
