import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BUNDLED_CODELIST_DIR } from '../../config.ts';
import { codeListDirectory } from './directory.ts';

const gc = (uri: string, version: string, rows: string[]) =>
  `<?xml version="1.0"?><gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>T</ShortName><Version>${version}</Version><CanonicalUri>${uri}</CanonicalUri><CanonicalVersionUri>${uri}_${version}</CanonicalVersionUri></Identification><ColumnSet><Column Id="code"/><Column Id="name"/></ColumnSet><SimpleCodeList>${rows
    .map(
      (r) =>
        `<Row><Value ColumnRef="code"><SimpleValue>${r}</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>Name ${r}</SimpleValue></Value></Row>`,
    )
    .join('')}</SimpleCodeList></gc:CodeList>`;

describe('code list directory', () => {
  const operator = mkdtempSync(join(tmpdir(), 'amtsweg-codelists-'));
  const shipped = mkdtempSync(join(tmpdir(), 'amtsweg-codelists-'));
  after(() => {
    rmSync(operator, { recursive: true, force: true });
    rmSync(shipped, { recursive: true, force: true });
  });

  it('finds lists by URI: the version asked for, else the newest; the operator directory first', async () => {
    writeFileSync(join(shipped, 'a-9.gc.xml'), gc('urn:t:a', '9', ['x']));
    writeFileSync(join(shipped, 'a-10.gc.xml'), gc('urn:t:a', '10', ['x', 'y']));
    writeFileSync(join(operator, 'a-10.gc.xml'), gc('urn:t:a', '10', ['x', 'y', 'z']));
    writeFileSync(join(operator, 'notes.txt'), 'not a list');
    const dir = codeListDirectory([operator, shipped]);
    assert.equal((await dir.find('urn:t:a'))?.version, '10', '10 is newer than 9');
    assert.equal((await dir.find('urn:t:a'))?.options.length, 3, "the operator's file wins");
    assert.equal((await dir.find('urn:t:a', '9'))?.options.length, 1);
    assert.equal((await dir.find('urn:t:a', 'urn:t:a_9'))?.version, '9', 'by version URI');
    assert.equal((await dir.find('urn:t:a_9'))?.version, '9', 'a version URI as the URI');
    assert.equal(await dir.find('urn:t:a', '11'), undefined);
    assert.equal(await dir.find('urn:t:b'), undefined);
    assert.equal(dir.describe(), `${operator}, ${shipped}`);
  });

  it('reports and skips a broken file, and notices a changed file without a restart', async () => {
    const problems: string[] = [];
    const dir = codeListDirectory([operator], (file, message) => problems.push(`${file}: ${message}`));
    writeFileSync(
      join(operator, 'broken.gc.xml'),
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>',
    );
    assert.equal((await dir.find('urn:t:a'))?.options.length, 3);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /broken\.gc\.xml: not used: .*DOCTYPE/);
    const file = join(operator, 'a-10.gc.xml');
    writeFileSync(file, gc('urn:t:a', '10', ['only']));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal((await dir.find('urn:t:a'))?.options.length, 1);
    await dir.find('urn:t:a');
    assert.equal(problems.length, 1, 'an unchanged broken file is reported once');
    const missing = codeListDirectory([join(operator, 'nope')], (f, m) => problems.push(`${f}: ${m}`));
    assert.equal(await missing.find('urn:t:a'), undefined);
    assert.match(problems.at(-1) ?? '', /cannot read the code list directory/);
  });

  it('ships the lists the demo uses', async () => {
    const dir = codeListDirectory([BUNDLED_CODELIST_DIR]);
    const ags = await dir.find('urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags');
    assert.equal(ags?.options.length, 11227);
    assert.equal(ags?.version, '2026-04-30');
    const staaten = await dir.find(
      'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit',
    );
    assert.equal(staaten?.options.length, 211);
    // The example of the reference docs: the nationality as an adjective, not the country.
    assert.ok(staaten?.columns.includes('Staatsangehoerigkeit'));
  });
});
