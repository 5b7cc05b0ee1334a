/**
 * `npm run bench:receipt`: the time to render and seal one receipt (ADR 0032), split into the PDF
 * (pdfkit, tagged, Noto Sans subset) and the seal (placeholder + CMS signature, RSA 2048). The
 * content is a realistic application: 8 steps of 6 answers, a repeating group of 3 items and 2
 * attachments. Reports medians and the 90th percentile after a warm-up; no target (the receipt is
 * issued once per submission, on its first download, not on the submit path).
 * Settings: BENCH_RECEIPT_RUNS (default 30), BENCH_RECEIPT_WARMUP (default 5).
 */
import { performance } from 'node:perf_hooks';
import { renderReceipt } from '../src/adapters/receipt/render.ts';
import { generateDemoCertificate, sealPdf } from '../src/adapters/receipt/seal.ts';
import type { SealCertificate } from '../src/core/domain.ts';
import type { ReceiptContent } from '../src/core/receipt-content.ts';
import type { SummarySection } from '../src/engine/model.ts';

const runs = Number(process.env.BENCH_RECEIPT_RUNS ?? 30);
const warmup = Number(process.env.BENCH_RECEIPT_WARMUP ?? 5);

const sections: SummarySection[] = Array.from({ length: 8 }, (_, s) => ({
  stepId: `schritt-${s}`,
  title: `Schritt ${s + 1}: Angaben zur Größe und Straße`,
  rows: Array.from({ length: 6 }, (_, r) => ({
    key: `f-${s}-${r}`,
    label: `Frage ${r + 1} mit Umlauten (äöüß)`,
    value: r === 5 ? 'Ein längerer Text, der über mehrere Zeilen läuft. '.repeat(6) : `Antwort ${s}.${r}`,
  })),
}));
sections[1]?.rows.push({
  key: 'kinder',
  label: 'Kinder',
  value: '3 Einträge',
  items: [1, 2, 3].map((n) => ({
    title: `Kind ${n}`,
    headingId: `kinder-${n}`,
    rows: [
      { key: `kinder-${n}-vorname`, label: 'Vorname', value: `Zoë ${n}` },
      { key: `kinder-${n}-geburtsdatum`, label: 'Geburtsdatum', value: `0${n}.04.2015` },
    ],
  })),
});

const content: ReceiptContent = {
  locale: 'de',
  municipality: 'Stadt Musterstadt',
  ags: '09162000',
  office: 'Bürgerbüro',
  service: 'Hund anmelden',
  serviceVersion: 4,
  leikaKey: '99115002000000',
  reference: 'AW-2026-BENC-HMRK',
  submittedAt: new Date().toISOString(),
  sections,
  computed: [],
  fee: { cents: 10800, label: 'Hundesteuer pro Jahr' },
  attachments: [
    { name: 'Impfpass.pdf', mediaType: 'application/pdf', size: 123456, sha256: 'a'.repeat(64) },
    { name: 'Foto.png', mediaType: 'image/png', size: 654321, sha256: 'b'.repeat(64) },
  ],
  dataHash: 'c'.repeat(64),
  demoSeal: true,
};

const generated = generateDemoCertificate('Demo-Siegel Musterstadt', new Date());
const certificate: SealCertificate = { tenantId: 't', ...generated, demo: true, createdAt: '' };
const details = { name: 'Musterstadt', location: 'Musterstadt', reason: 'Eingangsbestätigung' };

const renderMs: number[] = [];
const sealMs: number[] = [];
let bytes = 0;
for (let i = 0; i < warmup + runs; i++) {
  const t0 = performance.now();
  const pdf = await renderReceipt(content, new Date());
  const t1 = performance.now();
  const sealed = await sealPdf(pdf, certificate, { ...details, signingTime: new Date() });
  const t2 = performance.now();
  if (i >= warmup) {
    renderMs.push(t1 - t0);
    sealMs.push(t2 - t1);
    bytes = sealed.byteLength;
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const total = renderMs.map((r, i) => r + (sealMs[i] ?? 0));
const line = (name: string, values: number[]) =>
  `${name.padEnd(16)} median ${quantile(values, 0.5).toFixed(1)} ms   p90 ${quantile(values, 0.9).toFixed(1)} ms`;
console.log(`receipt: ${runs} runs after ${warmup} warm-up, ${(bytes / 1024).toFixed(0)} KB sealed`);
console.log(line('render (PDF)', renderMs));
console.log(line('seal (CMS)', sealMs));
console.log(line('render + seal', total));
