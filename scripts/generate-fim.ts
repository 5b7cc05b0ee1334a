/**
 * Generates a deterministic XDatenfelder 3.0.0 Stammdatenschema of about 1 MB for the import
 * benchmark (issue 3: import ≤ 3 × a bare parse with the same XML parser). No randomness: the
 * same size always gives the same bytes, so runs are comparable.
 * Usage: node --import tsx scripts/generate-fim.ts [--out FILE] [--bytes N]
 *   --out FILE   where to write it (stdout without); keep generated files in the ignored `.bench/`
 *   --bytes N    about how large (default 1000000)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES = ['text', 'date', 'num_int', 'num', 'bool', 'text'] as const;

function field(n: number): string {
  const datentyp = TYPES[n % TYPES.length] ?? 'text';
  const select = n % 7 === 0;
  const praezisierung =
    datentyp === 'text'
      ? '<xdf:praezisierung minLength="1" maxLength="120"/>'
      : datentyp === 'num_int'
        ? '<xdf:praezisierung minValue="0" maxValue="999"/>'
        : '';
  const werte = select
    ? `<xdf:werte>${[1, 2, 3, 4, 5, 6, 7, 8].map((v) => `<xdf:wert><xdf:code>${v}</xdf:code><xdf:name>Wert ${v}</xdf:name></xdf:wert>`).join('')}</xdf:werte>`
    : '';
  return `<xdf:struktur><xdf:anzahl>${n % 3 === 0 ? '0:1' : '1:1'}</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
<xdf:identifikation><xdf:id>F${String(90000000 + n)}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
<xdf:name>Feld ${n} Angabe</xdf:name><xdf:beschreibung>Beschreibung des Feldes ${n} für Testzwecke.</xdf:beschreibung>
<xdf:bezeichnungEingabe>Angabe Nummer ${n}</xdf:bezeichnungEingabe><xdf:bezeichnungAusgabe>Angabe ${n}</xdf:bezeichnungAusgabe>
<xdf:schemaelementart><code>HAR</code></xdf:schemaelementart><xdf:hilfetextEingabe>Bitte geben Sie die Angabe ${n} ein.</xdf:hilfetextEingabe>
<xdf:feldart><code>${select ? 'select' : 'input'}</code></xdf:feldart><xdf:datentyp><code>${select ? 'text' : datentyp}</code></xdf:datentyp>${select ? '' : praezisierung}${werte}
</xdf:datenfeld></xdf:enthaelt></xdf:struktur>`;
}

export function generateFimXml(targetBytes = 1_000_000): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
<xdf:header><xdf:nachrichtID>bench</xdf:nachrichtID></xdf:header><xdf:stammdatenschema>
<xdf:identifikation><xdf:id>S90000000</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Benchmark Schema</xdf:name>`;
  const tail = '</xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>\n';
  const parts: string[] = [head];
  let size = head.length + tail.length;
  let n = 0;
  for (let g = 0; size < targetBytes; g++) {
    // Every group holds 20 fields and every fourth group a nested group of 5 (flattening path).
    const inner: string[] = [];
    for (let i = 0; i < 20; i++) inner.push(field(n++));
    if (g % 4 === 0) {
      const nested: string[] = [];
      for (let i = 0; i < 5; i++) nested.push(field(n++));
      inner.push(`<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeldgruppe>
<xdf:identifikation><xdf:id>G${String(80000000 + g)}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Untergruppe ${g}</xdf:name>
${nested.join('\n')}</xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>`);
    }
    const group = `<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeldgruppe>
<xdf:identifikation><xdf:id>G${String(70000000 + g)}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Gruppe ${g}</xdf:name>
${inner.join('\n')}</xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>\n`;
    parts.push(group);
    size += group.length;
  }
  parts.push(tail);
  return parts.join('');
}

const USAGE = 'usage: generate-fim.ts [--out FILE] [--bytes N]';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let values: { out?: string | undefined; bytes?: string | undefined };
  try {
    // Named options only: a bare argument (the old `generate-fim.ts 1000000`) is refused instead of
    // being taken as a file name.
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, bytes: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const bytes = values.bytes === undefined ? 1_000_000 : Number(values.bytes);
  if (!Number.isSafeInteger(bytes) || bytes < 1000) {
    console.error(`--bytes must be a whole number of at least 1000\n${USAGE}`);
    process.exit(2);
  }
  const xml = generateFimXml(bytes);
  if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, xml);
  } else process.stdout.write(xml);
}
