import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FimImportError } from './errors.ts';
import { importFim } from './index.ts';
import { child, childText, clean, codeOf, MAX_DEPTH, parseXml } from './xml.ts';

const fixtures = new URL('../../../test/fixtures/fim/', import.meta.url);

function refusedWith(xml: string): string {
  try {
    parseXml(xml);
  } catch (error) {
    assert.ok(error instanceof FimImportError);
    return error.code;
  }
  return 'accepted';
}

const nested = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;

describe('parseXml depth limit', () => {
  test(`${MAX_DEPTH} levels are read, one more is refused with FIM_TOO_DEEP`, () => {
    assert.equal(refusedWith(nested(MAX_DEPTH)), 'accepted');
    assert.equal(refusedWith(nested(MAX_DEPTH + 1)), 'FIM_TOO_DEEP');
  });

  test('the fixture of 70 nested Datenfeldgruppen is refused before any mapping', () => {
    const result = importFim(readFileSync(new URL('too-deep.xml', fixtures), 'utf8'));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'FIM_TOO_DEEP');
      assert.match(result.error.message, /^line \d+: elements are nested more than 200 levels deep$/);
    }
  });

  test('a very deep document fails fast instead of overflowing the stack', () => {
    assert.equal(refusedWith(nested(100_000)), 'FIM_TOO_DEEP');
  });
});

describe('parseXml tree', () => {
  test('namespaces, attributes without xmlns declarations, text and CDATA', () => {
    const root = parseXml(
      '<p:r xmlns:p="urn:p" xmlns="urn:d" a="1" p:b="2"><c>  t <![CDATA[<x>]]> </c><p:d/></p:r>',
    );
    assert.equal(root.ns, 'urn:p');
    assert.equal(root.name, 'r');
    assert.deepEqual(root.attrs, { a: '1', b: '2' });
    assert.equal(child(root, 'urn:d', 'c')?.text, '  t <x> ');
    assert.equal(childText(root, 'urn:d', 'c'), 't <x>');
    assert.deepEqual(child(root, 'urn:p', 'd')?.children, []);
    assert.equal(child(root, 'urn:p', 'c'), undefined);
  });

  test('indentation between child elements is not kept as text', () => {
    const root = parseXml('<r>\n  <a>1</a>\n  <b> <code>x</code> </b>\n</r>');
    assert.equal(root.text, '');
    assert.equal(codeOf(child(root, '', 'b')), 'x');
    assert.equal(codeOf(child(root, '', 'a')), '1');
  });

  test('line numbers are kept for messages', () => {
    const root = parseXml('<r>\n<a/>\n\n<b/></r>');
    assert.deepEqual(
      root.children.map((c) => [c.name, c.line]),
      [
        ['a', 2],
        ['b', 4],
      ],
    );
  });

  test('refuses malformed XML, DOCTYPEs and documents without an element', () => {
    assert.equal(refusedWith('<a><b></a>'), 'FIM_MALFORMED_XML');
    assert.equal(refusedWith('<u:a/>'), 'FIM_MALFORMED_XML');
    assert.equal(refusedWith(''), 'FIM_MALFORMED_XML');
    assert.equal(refusedWith('<!DOCTYPE a><a/>'), 'FIM_DOCTYPE_REFUSED');
    assert.equal(refusedWith('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'), 'FIM_DOCTYPE_REFUSED');
  });
});

describe('clean', () => {
  test('normalises whitespace like replace(/\\s+/g, " ").trim() (property)', () => {
    const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff');
    const words = fc.constantFrom('Straße', 'a', '„Zitat“', '€', 'x-y', '');
    const text = fc.array(fc.oneof(spaces, words), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
        assert.equal(clean(s), s.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
    assert.equal(clean(undefined), '');
  });
});
