import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CodeList, parseGenericode } from '../definition/fim/index.ts';
import { parseDefinition } from '../definition/parse.ts';
import { type CodeListSource, resolveCodeLists } from './code-lists.ts';

function list(version: string, rows: Array<[string, string]>): CodeList {
  const body = rows
    .map(
      ([c, n]) =>
        `<Row><Value ColumnRef="key"><SimpleValue>${c}</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>${n}</SimpleValue></Value></Row>`,
    )
    .join('');
  return parseGenericode(
    `<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>F</ShortName><Version>${version}</Version><CanonicalUri>urn:test:familienstand</CanonicalUri></Identification><ColumnSet><Column Id="key"/><Column Id="name"/><Key Id="k"><ColumnRef Ref="key"/></Key></ColumnSet><SimpleCodeList>${body}</SimpleCodeList></gc:CodeList>`,
  );
}

function source(lists: CodeList[]): CodeListSource {
  return {
    async find(uri, version) {
      const matching = lists.filter(
        (l) => l.canonicalUri === uri && (version === undefined || l.version === version),
      );
      return matching.at(-1);
    },
    describe: () => 'test lists',
    all: () => lists,
  };
}

const definition = (codeList: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  formatVersion: 2,
  id: 'test',
  title: { de: 'Test' },
  summary: { de: 'Test' },
  declaration: { de: 'Ja' },
  steps: [
    {
      id: 'eins',
      title: { de: 'Eins' },
      fields: [{ type: 'radio', key: 'familienstand', label: { de: 'Familienstand' }, codeList, ...extra }],
    },
  ],
  local: { office: { name: { de: 'Amt' } } },
});

const fieldOf = (doc: unknown) =>
  (doc as ReturnType<typeof definition>).steps[0]?.fields[0] as Record<string, unknown>;

describe('resolveCodeLists (publish time)', () => {
  const v1 = list('1', [
    ['LD', 'ledig'],
    ['VH', 'verheiratet'],
  ]);
  const v2 = list('2', [
    ['LD', 'ledig'],
    ['VH', 'verheiratet'],
    ['LP', 'in eingetragener Lebenspartnerschaft'],
  ]);

  it('takes the entries as options and pins the version used: the snapshot', async () => {
    const result = await resolveCodeLists(definition({ uri: 'urn:test:familienstand' }), source([v1, v2]));
    assert.ok(result.ok);
    const field = fieldOf(result.definition);
    assert.deepEqual(field.codeList, { uri: 'urn:test:familienstand', version: '2' });
    assert.equal((field.options as unknown[]).length, 3);
    const parsed = parseDefinition(result.definition);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  });

  it('resolves lists named by the item fields of a repeating group, with their paths', async () => {
    const inGroup = (codeList: Record<string, unknown>) => {
      const doc = definition({ uri: 'urn:test:familienstand' });
      const item = doc.steps[0]!.fields[0]!;
      doc.steps[0]!.fields = [
        {
          type: 'group',
          key: 'personen',
          label: { de: 'Personen' },
          itemLabel: { de: 'Person' },
          maxItems: 3,
          fields: [{ ...item, codeList }],
        } as unknown as typeof item,
      ];
      return doc;
    };
    const result = await resolveCodeLists(inGroup({ uri: 'urn:test:familienstand' }), source([v1]));
    assert.ok(result.ok);
    const group = fieldOf(result.definition) as { fields: Array<{ options: unknown[] }> };
    assert.equal(group.fields[0]?.options.length, 2);
    const parsed = parseDefinition(result.definition);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    const missing = await resolveCodeLists(inGroup({ uri: 'urn:test:gibt-es-nicht' }), source([v1]));
    assert.equal(!missing.ok && missing.problems[0]?.path, '/steps/0/fields/0/fields/0/codeList');
  });

  it('uses the version asked for, and columns asked for', async () => {
    const pinned = await resolveCodeLists(
      definition({ uri: 'urn:test:familienstand', version: '1' }),
      source([v1, v2]),
    );
    assert.ok(pinned.ok);
    assert.equal((fieldOf(pinned.definition).options as unknown[]).length, 2);
    const swapped = await resolveCodeLists(
      definition({ uri: 'urn:test:familienstand', codeColumn: 'name', labelColumn: 'key' }),
      source([v1]),
    );
    assert.ok(swapped.ok);
    assert.deepEqual((fieldOf(swapped.definition).options as unknown[])[0], {
      value: 'ledig',
      label: { de: 'LD' },
    });
  });

  it('replaces stale inline options with the list (a new version is a new snapshot)', async () => {
    const result = await resolveCodeLists(
      definition({ uri: 'urn:test:familienstand' }, { options: [{ value: 'alt', label: { de: 'Alt' } }] }),
      source([v2]),
    );
    assert.ok(result.ok);
    assert.deepEqual(
      (fieldOf(result.definition).options as Array<{ value: string }>).map((o) => o.value),
      ['LD', 'VH', 'LP'],
    );
  });

  it('refuses, at the reference, a list or version that is not there, and unknown columns', async () => {
    const missing = await resolveCodeLists(definition({ uri: 'urn:test:gibt-es-nicht' }), source([v1]));
    assert.deepEqual(!missing.ok && missing.problems, [
      {
        path: '/steps/0/fields/0/codeList',
        message:
          "code list 'urn:test:gibt-es-nicht' is not in the code list directory (test lists); add its genericode file (.gc.xml) there",
      },
    ]);
    const version = await resolveCodeLists(
      definition({ uri: 'urn:test:familienstand', version: '9' }),
      source([v1]),
    );
    assert.match(
      !version.ok ? (version.problems[0]?.message ?? '') : '',
      /version '9' is not in the code list/,
    );
    const column = await resolveCodeLists(
      definition({ uri: 'urn:test:familienstand', labelColumn: 'Bezeichnung' }),
      source([v1]),
    );
    assert.deepEqual(!column.ok && column.problems, [
      {
        path: '/steps/0/fields/0/codeList/labelColumn',
        message: "column 'Bezeichnung' is not in code list urn:test:familienstand; its columns are key, name",
      },
    ]);
    const none = await resolveCodeLists(definition({ uri: 'urn:test:familienstand' }), undefined);
    assert.match(!none.ok ? (none.problems[0]?.message ?? '') : '', /no code list directory is configured/);
  });

  it('leaves documents without references untouched, and bad shapes to the parser', async () => {
    const plain = { formatVersion: 2, steps: [{ fields: [{ type: 'text' }] }] };
    const result = await resolveCodeLists(plain, undefined);
    assert.ok(result.ok);
    assert.equal(result.definition, plain);
    const bad = await resolveCodeLists(definition({ uri: 42 } as never), source([v1]));
    assert.ok(bad.ok);
    const parsed = parseDefinition(bad.definition);
    assert.ok(!parsed.ok);
    assert.ok(parsed.problems.some((p) => p.path === '/steps/0/fields/0/codeList/uri'));
  });

  it('a radio field with a long list is refused: that is what a select (a searchable input) is for', async () => {
    const long = list(
      '3',
      Array.from({ length: 301 }, (_, i): [string, string] => [`K${i}`, `Eintrag ${i}`]),
    );
    const result = await resolveCodeLists(definition({ uri: 'urn:test:familienstand' }), source([long]));
    assert.ok(result.ok);
    const parsed = parseDefinition(result.definition);
    assert.deepEqual(!parsed.ok && parsed.problems, [
      {
        path: '/steps/0/fields/0/codeList',
        message:
          'a radio field may have at most 300 options, this one has 301; use a select field, which shows a long list as a searchable input',
      },
    ]);
  });

  it('an unresolved reference is refused by the parser too, never compiled without options', () => {
    const parsed = parseDefinition(definition({ uri: 'urn:test:familienstand' }));
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems, [
      {
        path: '/steps/0/fields/0/codeList',
        message:
          "code list 'urn:test:familienstand' is not resolved: publishing takes its entries from the code list directory",
      },
    ]);
  });
});
