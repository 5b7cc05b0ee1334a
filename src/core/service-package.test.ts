import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CodeList, parseGenericode } from '../definition/fim/index.ts';
import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  type ServicePackage,
  servicePackageSchema,
  type UnhashedPackage,
} from '../definition/package/format.ts';
import { parseDefinition } from '../definition/parse.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import type { CodeListSource } from './code-lists.ts';
import { publishTimeChecks } from './publishing.ts';
import {
  codeListSnapshots,
  contentHash,
  MAX_PACKAGE_BYTES,
  packageNoteOf,
  provenanceNote,
  readPackage,
  sealPackage,
  withSnapshots,
} from './service-package.ts';

const LIST = parseGenericode(
  `<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>F</ShortName><Version>3</Version><CanonicalUri>urn:test:farbe</CanonicalUri></Identification><ColumnSet><Column Id="key"/><Column Id="name"/><Key Id="k"><ColumnRef Ref="key"/></Key></ColumnSet><SimpleCodeList><Row><Value ColumnRef="key"><SimpleValue>R</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>rot</SimpleValue></Value></Row><Row><Value ColumnRef="key"><SimpleValue>G</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>grün</SimpleValue></Value></Row></SimpleCodeList></gc:CodeList>`,
);

function source(lists: CodeList[]): CodeListSource {
  return {
    async find(uri, version) {
      return lists.find((l) => l.canonicalUri === uri && (version === undefined || l.version === version));
    },
    describe: () => `${lists.length} test list(s)`,
    all: () => lists,
  };
}

const input = {
  formatVersion: 2,
  id: 'fahrrad-melden',
  title: { de: 'Fahrrad melden', en: 'Report a bicycle' },
  summary: { de: 'Melden Sie ein Fahrrad.', ls: 'Sie melden ein Fahrrad.' },
  declaration: { de: 'Alles stimmt.' },
  steps: [
    {
      id: 'rad',
      title: { de: 'Rad' },
      fields: [
        { type: 'text', key: 'marke', label: { de: 'Marke' } },
        { type: 'radio', key: 'farbe', label: { de: 'Farbe' }, codeList: { uri: 'urn:test:farbe' } },
      ],
    },
  ],
  local: { office: { name: { de: 'Ordnungsamt Musterstadt' }, email: 'ordnung@musterstadt.example' } },
};

async function published(): Promise<ServiceDefinition> {
  const checked = await publishTimeChecks(input, { codeLists: source([LIST]) });
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.problems));
  return checked.definition;
}

async function unhashed(): Promise<UnhashedPackage> {
  const definition = await published();
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    exportedAt: '2026-12-03T08:00:00.000Z',
    provenance: {
      municipality: { slug: 'musterstadt', name: 'Musterstadt' },
      service: 'fahrrad-melden',
      version: 2,
      publishedAt: '2026-12-01T10:00:00.000Z',
      licence: 'EUPL-1.2',
      attribution: ['Musterstadt'],
    },
    definition: structuredClone(definition) as unknown as Record<string, unknown>,
    codeLists: await codeListSnapshots(definition, source([LIST])),
    assets: [],
  };
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('building a package', () => {
  it('snapshots the code lists the definition uses, at the pinned version', async () => {
    const pkg = await unhashed();
    assert.equal(pkg.codeLists.length, 1);
    assert.deepEqual(
      { uri: pkg.codeLists[0]!.uri, version: pkg.codeLists[0]!.version, rows: pkg.codeLists[0]!.rows },
      {
        uri: 'urn:test:farbe',
        version: '3',
        rows: [
          ['R', 'rot'],
          ['G', 'grün'],
        ],
      },
    );
  });

  it('rebuilds a snapshot from the options when the directory no longer has the list', async () => {
    const snapshots = await codeListSnapshots(await published(), source([]));
    assert.deepEqual(snapshots[0]!.rows, [
      ['R', 'rot'],
      ['G', 'grün'],
    ]);
    // Resolving from that snapshot gives the options the version was published with.
    const again = await publishTimeChecks((await unhashed()).definition, {
      codeLists: withSnapshots(snapshots, source([])),
    });
    assert.ok(again.ok, JSON.stringify(!again.ok && again.problems));
    assert.deepEqual(again.definition, await published());
  });

  it('hashes the canonical JSON: member order and formatting do not change the hash', async () => {
    const pkg = await unhashed();
    const reordered = Object.fromEntries(Object.entries(pkg).reverse()) as UnhashedPackage;
    assert.equal(contentHash(reordered), contentHash(pkg));
    assert.match(contentHash(pkg), /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(contentHash({ ...pkg, exportedAt: '2026-12-03T08:00:01.000Z' }), contentHash(pkg));
  });

  it('writes the provenance as a note for the importing designers', async () => {
    const pkg = sealPackage(await unhashed());
    const note = provenanceNote(pkg);
    assert.match(note.text, /Musterstadt/);
    assert.match(note.text, /EUPL-1\.2/);
    assert.match(note.text, new RegExp(pkg.contentHash));
    const definition = { ...(await published()), notes: [note] };
    assert.ok(parseDefinition(definition).ok);
    assert.deepEqual(packageNoteOf(definition), note);
  });
});

describe('reading a package', () => {
  it('reads what was built, pretty-printed or not', async () => {
    const pkg = sealPackage(await unhashed());
    const read = readPackage(new TextEncoder().encode(JSON.stringify(pkg, null, 2)));
    assert.ok(read.ok, JSON.stringify(!read.ok && read.refusal));
    assert.deepEqual(read.pkg, pkg);
  });

  it('refuses an empty file, a file over the limit, bytes that are not UTF-8 and malformed JSON', () => {
    const reasonOf = (b: Uint8Array) => {
      const read = readPackage(b);
      return read.ok ? 'ok' : read.refusal.reason;
    };
    assert.equal(reasonOf(new Uint8Array()), 'missing');
    assert.equal(reasonOf(new Uint8Array(MAX_PACKAGE_BYTES + 1).fill(32)), 'too-large');
    assert.equal(reasonOf(new Uint8Array([0x7b, 0xff, 0x7d])), 'not-utf8');
    assert.equal(reasonOf(new TextEncoder().encode('{"format": ')), 'malformed-json');
  });

  it('refuses another file and another format version with one clear reason', async () => {
    const notPackage = readPackage(bytes(input));
    assert.ok(!notPackage.ok && notPackage.refusal.reason === 'not-a-package');
    const pkg = sealPackage(await unhashed());
    const newer = readPackage(bytes({ ...pkg, formatVersion: 2 }));
    assert.ok(!newer.ok && newer.refusal.reason === 'format-version');
    assert.ok('problems' in newer.refusal);
    assert.deepEqual(newer.refusal.problems, [
      { path: '/formatVersion', message: 'is 2; this installation reads format version 1' },
    ]);
  });

  it('refuses what the package schema does not allow, at its place (operational configuration has no place)', async () => {
    const pkg = sealPackage(await unhashed());
    const withEndpoint = { ...pkg, delivery: { webhook: 'https://intern.example/hook' } };
    const read = readPackage(
      bytes({ ...withEndpoint, contentHash: contentHash(withEndpoint as UnhashedPackage) }),
    );
    assert.ok(!read.ok && read.refusal.reason === 'schema');
    assert.ok('problems' in read.refusal);
    assert.equal(read.refusal.problems[0]?.path, '/delivery');
    const noAttribution = readPackage(bytes({ ...pkg, provenance: { ...pkg.provenance, attribution: [] } }));
    assert.ok(!noAttribution.ok && noAttribution.refusal.reason === 'schema');
    assert.ok('problems' in noAttribution.refusal);
    assert.equal(noAttribution.refusal.problems[0]?.path, '/provenance/attribution');
  });

  it('refuses content that does not have the stated hash', async () => {
    const pkg: ServicePackage = sealPackage(await unhashed());
    const changed = structuredClone(pkg);
    (changed.definition.title as { de: string }).de = 'Fahrrad klauen';
    const read = readPackage(bytes(changed));
    assert.ok(!read.ok && read.refusal.reason === 'hash-mismatch');
    assert.ok(read.refusal.reason === 'hash-mismatch' && read.refusal.stated === pkg.contentHash);
  });
});

it('schemas/service-package.json equals the schema module (run scripts/write-schema.ts)', () => {
  const file = JSON.parse(
    readFileSync(new URL('../../schemas/service-package.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(file, JSON.parse(JSON.stringify(servicePackageSchema)));
});
