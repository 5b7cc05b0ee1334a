/**
 * The daily e-mail about delivery problems (ADR 0041): once per Berlin calendar day, for every
 * municipality whose admin switched it on (`delivery.digest`), the deliveries that failed and were
 * not delivered since, with their errors, to the configured address. Nothing to report, no e-mail.
 * Several workers share the work through the day's claim (`deliveryDigests.claim`): one sends. A
 * failed send gives the claim back, so the next round tries again.
 */
import { type Locale, localize } from '../../definition/types.ts';
import { berlinDate } from '../berlin-date.ts';
import type { DeliveryProblem } from '../domain.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import type { Clock, Mailer, Store } from '../ports.ts';

const de = {
  subject: 'Zustellprobleme bei {municipality}: {count} offen',
  intro: 'Diese Zustellungen an E-Mail oder Fachverfahren sind fehlgeschlagen und seitdem nicht gelungen:',
  line: '- {reference} ({channel}): {state}; {attempts} Versuche; letzter Fehler: {error}',
  dead: 'aufgegeben',
  retrying: 'wird wiederholt',
  action: 'Beheben Sie die Ursache und wählen Sie „Erneut senden“: {url}',
} as const;

const en: { readonly [K in keyof typeof de]: string } = {
  subject: 'Delivery problems at {municipality}: {count} open',
  intro: 'These deliveries to e-mail or specialist systems failed and have not succeeded since:',
  line: '- {reference} ({channel}): {state}; {attempts} attempts; last error: {error}',
  dead: 'given up',
  retrying: 'being retried',
  action: 'Fix the cause and choose “Erneut senden” (send again): {url}',
};

const TEXTS: Record<Locale, { readonly [K in keyof typeof de]: string }> = { de, en };

function text(locale: Locale, key: keyof typeof de, values: Record<string, string | number> = {}): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The most problems one e-mail lists; the page lists them all. */
const LISTED = 100;

export interface DeliveryDigestDeps {
  store: Store;
  clock: Clock;
  settings: Pick<OperationalSettings, 'effective'>;
  mailer: Mailer;
  /** The admin's page of delivery problems (the web layer knows its URLs). */
  problemsUrl: string;
}

export class DeliveryDigestJob {
  readonly #deps: DeliveryDigestDeps;

  constructor(deps: DeliveryDigestDeps) {
    this.#deps = deps;
  }

  /**
   * Sends today's digests not yet sent; returns how many were sent. A municipality whose digest
   * could not be sent gets its claim back and is tried again at the next run.
   */
  async runDue(): Promise<number> {
    const { store, clock, settings, mailer } = this.#deps;
    const now = clock.now();
    const day = berlinDate(now);
    let sent = 0;
    for (const tenant of await store.tenants.list()) {
      const options = await settings.effective(tenant.id, null, 'delivery.digest').catch(() => undefined);
      if (!options?.enabled || options.to === '') continue;
      const problems = await store.deliveries.problems(tenant.id, LISTED);
      if (problems.length === 0) continue;
      if (!(await store.deliveryDigests.claim(tenant.id, day, now.toISOString()))) continue;
      try {
        await mailer.send({
          tenantId: tenant.id,
          to: options.to,
          subject: text('de', 'subject', {
            municipality: localize(tenant.name, 'de'),
            count: problems.length,
          }),
          text: `${this.#body('de', problems)}\n\n-- English --\n\n${this.#body('en', problems)}\n`,
          attachments: [],
        });
        sent++;
      } catch {
        await store.deliveryDigests.release(tenant.id, day);
      }
    }
    return sent;
  }

  #body(locale: Locale, problems: readonly DeliveryProblem[]): string {
    return [
      text(locale, 'intro'),
      '',
      ...problems.map((p) =>
        text(locale, 'line', {
          reference: p.reference,
          channel: p.channel,
          state: text(locale, p.state === 'dead' ? 'dead' : 'retrying'),
          attempts: p.attempts,
          error: p.lastError ?? '',
        }),
      ),
      '',
      text(locale, 'action', { url: this.#deps.problemsUrl }),
    ].join('\n');
  }
}
