/**
 * The receipt as a tagged PDF (pdfkit): document language and title, headings, and the answers as
 * tables of question and answer (TH/TD), so a screen reader reads it in order. PDF/A is not
 * claimed. The font is Noto Sans from KERN UX (the typeface of the web pages, shipped in
 * node_modules, embedded as a subset): it covers German and the Latin, Greek and Cyrillic letters
 * of names that the standard PDF fonts (Latin-1 only) cannot show.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ReceiptContent } from '../../core/receipt-content.ts';
import { formatCents } from '../../engine/fields/currency.ts';
import type { SummaryRow } from '../../engine/model.ts';
import { type ReceiptTextKey, receiptText } from './texts.ts';
import { woffToSfnt } from './woff.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process: decoding the font is most of the first receipt's cost. */
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: woffToSfnt(
      readFileSync(require.resolve('@kern-ux/native/dist/fonts/noto-sans/NotoSans-Regular.woff')),
    ),
    bold: woffToSfnt(
      readFileSync(require.resolve('@kern-ux/native/dist/fonts/noto-sans/NotoSans-Bold.woff')),
    ),
  };
  return fonts;
}

const MARGIN = 56;
const LABEL_WIDTH = 190;
const GAP = 12;
const FOOTER = 28;

const dateTimes = {
  de: new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'Europe/Berlin',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'Europe/Berlin',
  }),
};

/** The unsealed PDF: what `seal.ts` then signs. `issuedAt` is its creation date. */
export function renderReceipt(content: ReceiptContent, issuedAt: Date): Promise<Buffer> {
  const l = content.locale;
  const say = (key: ReceiptTextKey, values?: Record<string, string | number>) => receiptText(l, key, values);
  const title = `${say('title')} ${content.reference}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    tagged: true,
    lang: l === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    bufferPages: true,
    info: {
      Title: title,
      Author: content.municipality,
      Subject: content.service,
      Creator: 'Amtsweg',
      Producer: 'Amtsweg',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = loadFonts();
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  doc.font('body');

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  const root = doc.struct('Document');
  doc.addStructure(root);

  const heading = (level: 1 | 2 | 3 | 4, text: string) => {
    const size = { 1: 20, 2: 14, 3: 12, 4: 10.5 }[level];
    doc.font('bold').fontSize(size);
    ensureRoom(doc.heightOfString(text, { width }) + 24);
    doc.moveDown(level === 1 ? 0 : 0.6);
    root.add(doc.struct(`H${level}`, {}, () => doc.text(text, left, doc.y, { width })));
    doc.moveDown(0.3);
    doc.font('body').fontSize(10);
  };
  const paragraph = (text: string, options: { bold?: boolean; mono?: boolean } = {}) => {
    doc.font(options.mono ? 'Courier' : options.bold ? 'bold' : 'body').fontSize(10);
    ensureRoom(doc.heightOfString(text, { width }) + 4);
    root.add(doc.struct('P', {}, () => doc.text(text, left, doc.y, { width })));
    doc.moveDown(0.4);
    doc.font('body');
  };

  /** A table of label and value rows; a header row first when `header` is given. */
  const table = (rows: ReadonlyArray<readonly [string, string]>, header?: readonly [string, string]) => {
    const valueX = left + LABEL_WIDTH + GAP;
    const valueWidth = width - LABEL_WIDTH - GAP;
    const element = doc.struct('Table');
    root.add(element);
    const row = (label: string, value: string, head: boolean) => {
      doc.font('bold').fontSize(10);
      const labelHeight = doc.heightOfString(label, { width: LABEL_WIDTH });
      doc.font(head ? 'bold' : 'body');
      const valueHeight = doc.heightOfString(value || ' ', { width: valueWidth });
      ensureRoom(Math.min(Math.max(labelHeight, valueHeight), bottom() - doc.page.margins.top));
      const top = doc.y;
      const tr = doc.struct('TR');
      element.add(tr);
      tr.add(
        doc.struct('TH', {}, () => {
          doc.font('bold').text(label, left, top, { width: LABEL_WIDTH });
        }),
      );
      let end = doc.y;
      const startPage = doc.bufferedPageRange().count;
      tr.add(
        doc.struct(head ? 'TH' : 'TD', {}, () => {
          doc.font(head ? 'bold' : 'body').text(value || ' ', valueX, top, { width: valueWidth });
        }),
      );
      // A value longer than the page continued on the next: go on below it.
      end = doc.bufferedPageRange().count > startPage ? doc.y : Math.max(end, doc.y);
      tr.end();
      doc.y = end + 5;
      doc.x = left;
    };
    if (header) row(header[0], header[1], true);
    for (const [label, value] of rows) row(label, value, false);
    element.end();
    doc.font('body');
    doc.moveDown(0.4);
  };

  const answerRows = (rows: readonly SummaryRow[], level: 3 | 4) => {
    let plain: Array<[string, string]> = [];
    const flush = () => {
      if (plain.length > 0) table(plain);
      plain = [];
    };
    for (const row of rows) {
      if (!row.items) {
        plain.push([row.label, row.value]);
        continue;
      }
      // A repeating group: its own heading, then one table per item ("Kind 1", "Kind 2").
      flush();
      heading(level, row.label);
      if (row.items.length === 0) paragraph(row.value);
      for (const item of row.items) {
        paragraph(item.title, { bold: true });
        table(item.rows.map((r) => [r.label, r.value] as [string, string]));
      }
    }
    flush();
  };

  heading(1, say('title'));
  paragraph(say('intro', { municipality: content.municipality }));
  if (content.demoSeal) paragraph(say('demoNotice'), { bold: true });
  if (content.schriftformersatz) paragraph(say('schriftformersatz'), { bold: true });

  heading(2, say('facts'));
  const facts: Array<[string, string]> = [
    [say('reference'), content.reference],
    [say('submittedAt'), dateTimes[l].format(new Date(content.submittedAt))],
    [say('municipality'), content.municipality],
  ];
  if (content.ags) facts.push([say('ags'), content.ags]);
  facts.push([say('office'), content.office], [say('service'), content.service]);
  facts.push([say('version'), String(content.serviceVersion)]);
  if (content.leikaKey) facts.push([say('leika'), content.leikaKey]);
  if (content.identityLevel) facts.push([say('identityLevel'), content.identityLevel]);
  if (content.identityProvider) facts.push([say('identityProvider'), content.identityProvider]);
  if (content.identityLoggedInAt)
    facts.push([say('identityLoggedInAt'), dateTimes[l].format(new Date(content.identityLoggedInAt))]);
  if (content.fee) facts.push([say('fee'), `${formatCents(content.fee.cents, l)} (${content.fee.label})`]);
  table(facts);

  heading(2, say('answers'));
  for (const section of content.sections) {
    heading(3, section.title);
    answerRows(section.rows, 4);
  }
  if (content.computed.length > 0) {
    heading(3, say('computed'));
    answerRows(content.computed, 4);
  }

  heading(2, say('attachments'));
  if (content.attachments.length === 0) paragraph(say('noAttachments'));
  else {
    // A list: each file's name and size, then its hash on a line of its own, whole (64 hex digits).
    const list = doc.struct('L');
    root.add(list);
    for (const a of content.attachments) {
      const name = `${a.name} (${say('bytes', { size: a.size.toLocaleString(l === 'de' ? 'de-DE' : 'en-GB') })})`;
      const hash = `${say('sha256')}: ${a.sha256}`;
      doc.font('bold').fontSize(10);
      const height = doc.heightOfString(name, { width }) + 20;
      ensureRoom(height);
      const item = doc.struct('LI');
      list.add(item);
      item.add(
        doc.struct('LBody', {}, () => {
          doc.font('bold').fontSize(10).text(name, left, doc.y, { width });
          doc.font('Courier').fontSize(9).text(hash, left, doc.y, { width });
        }),
      );
      item.end();
      doc.moveDown(0.4);
    }
    list.end();
    doc.font('body').fontSize(10);
  }

  heading(2, say('dataHash'));
  paragraph(say('dataHashExplained'));
  paragraph(content.dataHash, { mono: true });

  heading(2, say('seal'));
  paragraph(say('sealExplained', { municipality: content.municipality }));
  if (content.demoSeal) paragraph(say('demoNotice'), { bold: true });
  root.end();

  // Footers last, when the number of pages is known; artifacts, not content a screen reader reads.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Inside the bottom margin: without it, pdfkit would start a new page for the line.
    doc.page.margins.bottom = 0;
    const text = say('page', { reference: content.reference, page: i + 1, pages: range.count });
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('body')
      .fontSize(8)
      .text(text, left, doc.page.height - MARGIN - FOOTER + 10, { width, lineBreak: false });
    doc.endMarkedContent();
  }
  doc.end();
  return done;
}
