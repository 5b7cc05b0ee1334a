/**
 * The fee page under /staff/design/entwuerfe/:id/gebuehr (ADR 0046): the fee's label, base
 * amount and conditional rows as pickers. GET shows the saved fee; a POST either changes the form
 * and shows it again (add or remove a row or a row's condition, update the choices: nothing saved,
 * what was typed stays), or saves through the editor's use case with the draft version the page
 * was first shown on (a save on an old version gets the conflict page with the refused fee as
 * JSON). A form that does not check out comes back with its errors (400), nothing saved. A fee the
 * pickers cannot show is edited as JSON on the same page, checked before it is saved; "Keine
 * Gebühr" removes the fee.
 */

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { draftProblems, type ServiceDrafts } from '../../core/service-drafts.ts';
import { feeFields, setFee } from '../../definition/edit/fee.ts';
import { type PostedForm, readLocalized, ruleText } from '../../definition/edit/settings.ts';
import type { Fee } from '../../definition/types.ts';
import {
  applyFeeAction,
  checkFeeForm,
  emptyFeeForm,
  emptyRow,
  type FeeForm,
  formOfFee,
  parseFeeAction,
  parseFeeForm,
} from '../fee-form.ts';
import { BadRequestError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { postedDraftVersion } from '../posted-draft-version.ts';
import { single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { conflictPage, DRAFTS_PATH } from '../views/designer-editor.ts';
import { type FeePageInput, feePage, feePath } from '../views/fee-page.ts';
import { HTML, staffPageOf, UUID } from './designer-page-basics.ts';

/** A fee rule typed as JSON is part of a definition: as long as a rule may reasonably be. */
const MAX_JSON = 64 * 1024;

export function registerFeeRoutes(
  app: FastifyInstance,
  drafts: ServiceDrafts,
  sessions: StaffSessions,
): void {
  /** The draft the page names; another tenant's or a missing one is a 404. */
  const load = async (staff: CurrentStaff, id: string) => {
    if (!UUID.test(id)) throw new NotFoundError('draft');
    const details = await drafts.details(staff.session, id);
    return {
      details,
      fields: feeFields(details.draft.definition),
      stored: details.draft.definition.local.fee,
    };
  };

  app.get<{ Params: { id: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/gebuehr`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { details, fields, stored } = await load(staff, request.params.id);
      const form = formOfFee(stored, fields);
      // A fee of the base alone gets a first row to fill in only when asked: a row is optional.
      return reply.type(HTML).send(
        feePage(staffPageOf(request), {
          ...staff,
          details,
          fields,
          version: details.draft.version,
          form,
          fee: stored,
          ...(form === undefined && { jsonLabel: stored?.label, jsonText: ruleText(stored?.rule) }),
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  app.post<{ Params: { id: string } }>(`${DRAFTS_PATH}/:id/gebuehr`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const { details, fields, stored } = await load(staff, request.params.id);
    const body = (request.body ?? {}) as PostedForm;
    const version = postedDraftVersion(body);
    const action = parseFeeAction(single(body.aktion) ?? '');
    if (!action) throw new BadRequestError('the form names no change');
    const p = staffPageOf(request);
    const input: Omit<FeePageInput, 'form' | 'fee'> = { ...staff, details, fields, version };
    const draftId = details.draft.id;

    const save = async (fee: Fee | undefined) => {
      const outcome = await drafts.edit(staff.session, draftId, version, { op: 'fee', fee });
      if (outcome.kind === 'conflict') {
        // The fee as built is shown with the conflict: nothing the designer did is lost.
        return reply
          .code(409)
          .type(HTML)
          .send(
            conflictPage(p, {
              ...staff,
              conflict: outcome,
              backHref: feePath(draftId),
              text: fee === undefined ? '' : JSON.stringify(fee, null, 2),
            }),
          );
      }
      if (outcome.kind !== 'saved') throw new BadRequestError('the fee cannot be saved');
      request.log.info({ event: 'editorDraft.feeSaved', removed: fee === undefined }, 'fee saved');
      return reply.redirect(`${feePath(draftId)}?gespeichert=1`, 303);
    };

    if (action.kind === 'remove-fee') return save(undefined);

    if (action.kind === 'save-json') {
      const text = single(body.json) ?? '';
      const label = readLocalized(body, 'label');
      const refusedPage = (extra: Partial<FeePageInput>) =>
        reply
          .code(400)
          .type(HTML)
          .send(
            feePage(p, {
              ...input,
              form: undefined,
              fee: stored,
              jsonLabel: label,
              jsonText: text,
              ...extra,
            }),
          );
      if (text.length > MAX_JSON) {
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: `> ${MAX_JSON}` }),
        });
      }
      let rule: unknown;
      try {
        rule = JSON.parse(text);
      } catch (error) {
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: (error as Error).message }),
        });
      }
      // The check of the whole fee: its label too (the format needs one) and the rule's result.
      const next = setFee(details.draft.definition, { label, rule });
      const problems = draftProblems(next).filter(
        (problem) => problem.path === '/local/fee' || problem.path.startsWith('/local/fee/'),
      );
      if (problems.length > 0) return refusedPage({ jsonProblems: problems });
      return save({ label, rule });
    }

    if (action.kind === 'start-pickers') {
      const label = readLocalized(body, 'label');
      return reply
        .type(HTML)
        .send(feePage(p, { ...input, form: { ...emptyFeeForm(), label, rows: [emptyRow()] }, fee: stored }));
    }

    const parsed = parseFeeForm(body);
    if (!parsed.ok) throw new BadRequestError(parsed.reason);
    let form: FeeForm = parsed.form;
    const changed = applyFeeAction(form, action);
    if (!changed) throw new BadRequestError('the button names no row of the form');
    form = changed;
    const checked = checkFeeForm(form, fields);
    if (action.kind !== 'save') {
      // Shown again as it is, with the sentence of what it would save once it reads.
      return reply.type(HTML).send(feePage(p, { ...input, form, fee: checked.ok ? checked.fee : stored }));
    }
    if (!checked.ok) {
      return reply
        .code(400)
        .type(HTML)
        .send(feePage(p, { ...input, form, fee: stored, errors: checked.errors }));
    }
    return save(checked.fee);
  });
}
