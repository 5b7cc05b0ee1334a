import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { merkleRoot } from './hashes.ts';

const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leaf = (text: string) => h(Buffer.from([0]), Buffer.from(text)).toString('hex');
const node = (l: string, r: string) =>
  h(Buffer.from([1]), Buffer.from(l, 'hex'), Buffer.from(r, 'hex')).toString('hex');

describe('Merkle tree hash (RFC 6962)', () => {
  it('is SHA-256 of nothing for no leaves and the leaf itself for one', () => {
    assert.equal(merkleRoot([]), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(merkleRoot([leaf('a')]), leaf('a'));
  });

  it('splits at the largest power of two below the count', () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(leaf) as [string, string, string, string, string];
    assert.equal(merkleRoot([a, b]), node(a, b));
    assert.equal(merkleRoot([a, b, c]), node(node(a, b), c));
    assert.equal(merkleRoot([a, b, c, d, e]), node(node(node(a, b), node(c, d)), e));
  });

  it('changes with any leaf and with the order', () => {
    const leaves = ['a', 'b', 'c', 'd'].map(leaf);
    const root = merkleRoot(leaves);
    assert.notEqual(merkleRoot([...leaves.slice(0, 3), leaf('x')]), root);
    assert.notEqual(merkleRoot([leaves[1] as string, leaves[0] as string, ...leaves.slice(2)]), root);
    assert.notEqual(merkleRoot(leaves.slice(0, 3)), root);
  });
});
