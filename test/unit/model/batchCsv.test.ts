import assert from 'node:assert/strict';
import { parseIdDescCsv, safeId } from '../../../src/cli/batchCsv';

describe('cli/batchCsv (IntroSVG id,desc batch files)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and ignores extra columns', () => {
    const r = parseIdDescCsv('\uFEFFid,desc,extra\r\n1,"a cat, sitting",x\n2,"say ""hi""\nnow",y\n\n');
    assert.ok(r.ok);
    assert.deepEqual(r.rows, [
      { id: '1', desc: 'a cat, sitting' },
      { id: '2', desc: 'say "hi"\nnow' },
    ]);
  });

  it('finds the columns by header name in any order', () => {
    const r = parseIdDescCsv('desc,id\na star,s1\n');
    assert.ok(r.ok && r.rows[0].id === 's1' && r.rows[0].desc === 'a star');
  });

  it('rejects a missing header, an empty description and an unclosed quote', () => {
    assert.match((parseIdDescCsv('name,text\na,b\n') as { error: string }).error, /id and desc/);
    assert.match((parseIdDescCsv('id,desc\n7,\n') as { error: string }).error, /7: missing id or desc/);
    assert.match((parseIdDescCsv('id,desc\n1,"open\n') as { error: string }).error, /never closes/);
    assert.match((parseIdDescCsv('') as { error: string }).error, /empty/);
  });

  it('turns ids into safe file names', () => {
    assert.equal(safeId('icon-01.v2'), 'icon-01.v2');
    assert.equal(safeId('../etc/passwd'), '__etc_passwd');
    assert.equal(safeId('a b/c'), 'a_b_c');
    assert.equal(safeId('///'), undefined);
  });
});
