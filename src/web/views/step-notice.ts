import type { StepNotice } from '../../core/step-post.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { t } from '../i18n.ts';

/**
 * The status message of a step shown again after a post (`StepNotice`). A mapped type, so the
 * compiler makes every kind of notice have its text.
 */
const TEXTS: { [K in StepNotice['kind']]: (l: Locale, notice: Extract<StepNotice, { kind: K }>) => string } =
  {
    'file-uploaded': (l, n) => t(l, 'step.fileUploaded', { name: n.name }),
    'files-uploaded': (l, n) => t(l, 'step.filesUploaded', { count: n.count }),
    'file-removed': (l, n) => t(l, 'step.fileRemoved', { name: n.name }),
    'file-not-removed': (l) => t(l, 'step.fileNotRemoved'),
    'no-file': (l) => t(l, 'step.fileNone'),
    'files-not-kept': (l) => t(l, 'design.preview.filesNotKept'),
    'item-added': (l, n) => t(l, 'step.itemAdded', { item: `${localize(n.itemLabel, l)} ${n.item}` }),
    'item-removed': (l) => t(l, 'step.itemRemoved'),
    'item-at-max': (l) => t(l, 'step.itemAtMax'),
    'item-not-removed': (l) => t(l, 'step.itemNotRemoved'),
  };

export function stepNoticeText(l: Locale, notice: StepNotice): string {
  return (TEXTS[notice.kind] as (l: Locale, n: StepNotice) => string)(l, notice);
}
