/**
 * Computed values under /staff/design/entwuerfe/:id/berechnet (ADR 0046 amendment): the list, a
 * new value (`neu`) and a value's page (`/<key>`). GET shows the saved value; "Wert speichern"
 * saves through the editor's use case on the draft version the page was shown on (an older one
 * gets the conflict page with the refused value as JSON); a form that does not check out comes
 * back with its errors (400), nothing saved. A value the pickers cannot show is edited as JSON,
 * checked by the definition check before it is saved.
 */

import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { draftProblems, type ServiceDrafts } from '../../core/service-drafts.ts';
import { setComputed } from '../../definition/edit/computed-pickers.ts';
import { feeFields } from '../../definition/edit/fee.ts';
import { type PostedForm, ruleText } from '../../definition/edit/settings.ts';
import type { ComputedValue } from '../../definition/types.ts';
import { checkComputedForm, emptyComputedForm, formOfComputed, parseComputedForm } from '../computed-form.ts';
import { BadRequestError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { postedDraftVersion } from '../posted-draft-version.ts';
import { single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import {
  type ComputedPageInput,
  computedListPage,
  computedListPath,
  computedPage,
  computedPath,
} from '../views/computed-page.ts';
import { conflictPage, DRAFTS_PATH } from '../views/designer-editor.ts';
import { HTML, staffPageOf, UUID } from './designer-page-basics.ts';

const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,99}$/;
const MAX_JSON = 64 * 1024;

export function registerComputedRoutes(
  app: FastifyInstance,
  drafts: ServiceDrafts,
  sessions: StaffSessions,
): void {
  const load = async (staff: CurrentStaff, id: string, key: string | undefined) => {
    if (!UUID.test(id)) throw new NotFoundError('draft');
    const details = await drafts.details(staff.session, id);
    const d = details.draft.definition;
    let stored: ComputedValue | undefined;
    if (key !== undefined) {
      stored = KEY.test(key) ? d.computed?.find((c) => c.key === key) : undefined;
      if (!stored) throw new NotFoundError('computed value');
    }
    return { details, stored, fields: feeFields(d) };
  };

  app.get<{ Params: { id: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/berechnet`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { details } = await load(staff, request.params.id, undefined);
      return reply.type(HTML).send(
        computedListPage(staffPageOf(request), {
          ...staff,
          details,
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  const keyOf = (raw: string) => (raw === 'neu' ? undefined : raw);

  app.get<{ Params: { id: string; key: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/berechnet/:key`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { details, stored, fields } = await load(staff, request.params.id, keyOf(request.params.key));
      const form = stored ? formOfComputed(stored, fields) : emptyComputedForm();
      return reply.type(HTML).send(
        computedPage(staffPageOf(request), {
          ...staff,
          details,
          key: stored?.key,
          fields,
          version: details.draft.version,
          form,
          value: stored,
          ...(form === undefined && stored && { jsonText: ruleText(stored.rule) }),
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  app.post<{ Params: { id: string; key: string } }>(
    `${DRAFTS_PATH}/:id/berechnet/:key`,
    async (request, reply: FastifyReply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const { details, stored, fields } = await load(staff, request.params.id, keyOf(request.params.key));
      const body = (request.body ?? {}) as PostedForm;
      const version = postedDraftVersion(body);
      const action = single(body.aktion) ?? '';
      const p = staffPageOf(request);
      const draftId = details.draft.id;
      const input: Omit<ComputedPageInput, 'form' | 'value'> = {
        ...staff,
        details,
        key: stored?.key,
        fields,
        version,
      };

      const save = async (value: ComputedValue | undefined, onRefused: () => string) => {
        const outcome = await drafts.edit(staff.session, draftId, version, {
          op: 'computed',
          key: stored?.key,
          value,
        });
        if (outcome.kind === 'conflict') {
          return reply
            .code(409)
            .type(HTML)
            .send(
              conflictPage(p, {
                ...staff,
                conflict: outcome,
                backHref: computedListPath(draftId),
                text: onRefused(),
              }),
            );
        }
        if (outcome.kind === 'refused' && outcome.reason === 'key-taken') {
          const form = parseComputedForm(body);
          return reply
            .code(400)
            .type(HTML)
            .send(
              computedPage(p, {
                ...input,
                form: form.ok ? form.form : emptyComputedForm(),
                value: undefined,
                refusal: t(p.locale, 'computed.error.key-taken'),
              }),
            );
        }
        if (outcome.kind !== 'saved') throw new BadRequestError('the computed value cannot be saved');
        request.log.info(
          { event: 'editorDraft.computedSaved', removed: value === undefined },
          'computed value saved',
        );
        return reply.redirect(
          value
            ? `${computedPath(draftId, value.key)}?gespeichert=1`
            : `${computedListPath(draftId)}?gespeichert=1`,
          303,
        );
      };

      if (action === 'entfernen') {
        if (!stored) throw new BadRequestError('a new value has nothing to remove');
        return save(undefined, () => JSON.stringify(stored, null, 2));
      }
      if (action === 'json-speichern') {
        if (!stored) throw new BadRequestError('a new value is built with pickers');
        const text = single(body.json) ?? '';
        const refusedPage = (extra: Partial<ComputedPageInput>) =>
          reply
            .code(400)
            .type(HTML)
            .send(computedPage(p, { ...input, form: undefined, value: stored, jsonText: text, ...extra }));
        let rule: unknown;
        try {
          if (text.length > MAX_JSON) throw new Error(`> ${MAX_JSON}`);
          rule = JSON.parse(text);
        } catch (error) {
          return refusedPage({
            jsonError: t(p.locale, 'rule.json.error.syntax', { message: (error as Error).message }),
          });
        }
        const value = { ...stored, rule } as ComputedValue;
        const next = setComputed(details.draft.definition, stored.key, value);
        const index = details.draft.definition.computed?.findIndex((c) => c.key === stored.key) ?? -1;
        const at = `/computed/${index}`;
        const problems = next
          ? draftProblems(next).filter((e) => e.path === at || e.path.startsWith(`${at}/`))
          : [];
        if (problems.length > 0) return refusedPage({ jsonProblems: problems });
        return save(value, () => text);
      }
      if (action !== 'speichern') throw new BadRequestError('the form names no change');
      const parsed = parseComputedForm(body);
      if (!parsed.ok) throw new BadRequestError(parsed.reason);
      const form = { ...parsed.form, key: stored?.key ?? parsed.form.key };
      const checked = checkComputedForm(form, fields, stored === undefined);
      if (!checked.ok) {
        return reply
          .code(400)
          .type(HTML)
          .send(computedPage(p, { ...input, form, value: stored, errors: checked.errors }));
      }
      return save(checked.value, () => JSON.stringify(checked.value, null, 2));
    },
  );
}
