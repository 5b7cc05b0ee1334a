/**
 * The safe Markdown subset of `info` and `warning` texts, rendered to KERN markup.
 *
 * Supported: paragraphs (separated by a blank line), bullet lists (lines starting with "- " or
 * "* "), **bold**, *italic*, links [text](url) with https:, mailto: and tel: URLs only, and "\"
 * before a character to take it literally. Everything else is text and is escaped: raw HTML,
 * other URL schemes (javascript:, data:, http:), images and headings appear exactly as written.
 *
 * Own code rather than markdown-it: the subset is small, a general Markdown parser would more than
 * use up the browser bundle budget of the engine (≤ 30 KB gzipped), and here every output path goes
 * through the escaping `html` template, so there is no HTML option to get wrong.
 */
import { html, type SafeHtml } from '../../lib/html.ts';

const BLOCK_BREAK = /\n[ \t]*\n/;
const LINE_BREAK = /\r?\n/;
const BULLET = /^[ \t]*[-*][ \t]+/;
const SAFE_URL = /^(?:https:\/\/[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s@]+|tel:\+?[0-9][0-9 ()/-]*)$/i;
const SPECIAL = /[\\*[]/;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch.trim() === '';
}

/** Where an emphasis opened at `from` with `marker` closes, or -1 (CommonMark-like flanking). */
function closing(text: string, from: number, marker: string): number {
  const start = from + marker.length;
  if (isSpace(text[start])) return -1;
  let i = text.indexOf(marker, start + 1);
  while (i >= 0) {
    // For "*", skip a "**" (the start of bold inside italic).
    const partOfDouble = marker === '*' && (text[i + 1] === '*' || text[i - 1] === '*');
    if (!isSpace(text[i - 1]) && !partOfDouble) return i;
    i = text.indexOf(marker, i + 1);
  }
  return -1;
}

function inline(text: string, links: boolean): SafeHtml {
  const out: Array<SafeHtml | string> = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain !== '') out.push(plain);
    plain = '';
  };
  while (i < text.length) {
    const rest = text.slice(i);
    const next = rest.search(SPECIAL);
    if (next < 0) {
      plain += rest;
      break;
    }
    plain += rest.slice(0, next);
    i += next;
    const ch = text[i] as string;
    if (ch === '\\') {
      const escaped = text[i + 1];
      if (escaped !== undefined && SPECIAL.test(escaped)) {
        plain += escaped;
        i += 2;
      } else {
        plain += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '*') {
      const marker = text[i + 1] === '*' ? '**' : '*';
      const end = closing(text, i, marker);
      if (end > 0) {
        flush();
        const content = inline(text.slice(i + marker.length, end), links);
        out.push(marker === '**' ? html`<strong>${content}</strong>` : html`<em>${content}</em>`);
        i = end + marker.length;
      } else {
        plain += marker;
        i += marker.length;
      }
      continue;
    }
    // "[": a link when "[text](url)" follows and the URL is allowed.
    const textEnd = text.indexOf('](', i);
    const urlEnd = textEnd < 0 ? -1 : text.indexOf(')', textEnd + 2);
    const url = urlEnd < 0 ? '' : text.slice(textEnd + 2, urlEnd).trim();
    const label = textEnd < 0 ? '' : text.slice(i + 1, textEnd);
    if (links && urlEnd > 0 && label !== '' && !label.includes('[') && SAFE_URL.test(url)) {
      flush();
      out.push(html`<a class="kern-link" href="${url}">${inline(label, false)}</a>`);
      i = urlEnd + 1;
    } else {
      plain += ch;
      i += 1;
    }
  }
  flush();
  return html`${out}`;
}

function list(items: string[]): SafeHtml {
  return html`<ul class="kern-list kern-list--bullet">${items.map((item) => html`<li>${inline(item, true)}</li>`)}</ul>`;
}

function paragraph(lines: string[]): SafeHtml {
  return html`<p class="kern-body">${inline(lines.join('\n'), true)}</p>`;
}

/** The text as KERN paragraphs and lists; never emits markup that was not built here. */
export function renderMarkdown(text: string): SafeHtml {
  const blocks: SafeHtml[] = [];
  for (const block of text.trim().split(BLOCK_BREAK)) {
    let lines: string[] = [];
    let items: string[] = [];
    for (const line of block.split(LINE_BREAK)) {
      if (BULLET.test(line)) {
        if (lines.length > 0) blocks.push(paragraph(lines));
        lines = [];
        items.push(line.replace(BULLET, ''));
      } else if (items.length > 0 && line.startsWith('  ') && line.trim() !== '') {
        // An indented line continues the list item above.
        items[items.length - 1] += ` ${line.trim()}`;
      } else {
        if (items.length > 0) blocks.push(list(items));
        items = [];
        if (line.trim() !== '') lines.push(line.trim());
      }
    }
    if (lines.length > 0) blocks.push(paragraph(lines));
    if (items.length > 0) blocks.push(list(items));
  }
  return html`${blocks}`;
}
