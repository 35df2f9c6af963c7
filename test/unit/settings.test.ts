import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS } from '../../src/features/settingsSchema';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributed: Record<string, { type: string; default: unknown; description?: string; markdownDescription?: string }> =
  manifest.contributes.configuration.properties;

describe('settings', () => {
  it('every typed setting is contributed in package.json with the same type and default', () => {
    for (const spec of Object.values(SETTINGS)) {
      const c = contributed[spec.key];
      assert.ok(c, `${spec.key} missing from package.json`);
      assert.equal(c.type, spec.type, `${spec.key} type`);
      assert.deepEqual(c.default, spec.default, `${spec.key} default`);
      assert.ok(c.description || c.markdownDescription, `${spec.key} has no description`);
    }
  });

  it('package.json contributes no setting the typed module does not know', () => {
    const known = new Set<string>(Object.values(SETTINGS).map((s) => s.key));
    for (const key of Object.keys(contributed)) assert.ok(known.has(key), `${key} is not in settingsSchema.ts`);
  });
});
