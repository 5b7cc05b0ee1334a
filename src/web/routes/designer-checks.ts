/**
 * Cross-field checks under /staff/design/entwuerfe/:id/pruefungen (ADR 0046 amendment): the list
 * of a draft's checks, a new check of a step or of the application (`neu/<step uid>|antrag`) and a
 * check's page (`/<id>`). GET shows the saved check; a POST either changes the form and shows it
 * again (add or remove a row, update the choices: nothing saved, what was typed stays) or saves
 * through the editor's use case with the draft version the page was first shown on (a save on an
 * old version gets the conflict page with the refused check as JSON). A form that does not check
 * out comes back with its errors (400), nothing saved. A check the pickers cannot show is edited
 * as JSON on the same page, checked by the definition check before it is saved.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { draftProblems, type ServiceDrafts } from '../../core/service-drafts.ts';
import type { PostedForm } from '../../definition/edit/settings.ts';
import {
  type CheckOwner,
  findCheck,
  messageFields,
  newCheckId,
  ownerOf,
  setCheck,
} from '../../definition/edit/validations.ts';
import type { Validation } from '../../definition/types.ts';
import { UID_PATTERN } from '../../definition/uid.ts';
import { checkCheckForm, emptyCheckForm, formOfCheck, parseCheckForm } from '../check-form.ts';
import { BadRequestError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { postedDraftVersion } from '../posted-draft-version.ts';
import { single } from '../request-context.ts';
import { applyAction, parseAction } from '../rule-picker-form.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import {
  type CheckPageInput,
  checkPage,
  checkPath,
  checksListPage,
  checksPath,
} from '../views/checks-page.ts';
import { conflictPage, DRAFTS_PATH } from '../views/designer-editor.ts';
import { HTML, staffPageOf, UUID } from './designer-page-basics.ts';

const CHECK_ID = /^[a-zA-Z][a-zA-Z0-9_]{0,99}$/;
const PLACE = new RegExp(`^(?:antrag|${UID_PATTERN.replace(/^\^|\$$/g, '')})$`);
/** A check typed as JSON is part of a definition: as long as a rule may reasonably be. */
const MAX_JSON = 64 * 1024;

export function registerCheckRoutes(
  app: FastifyInstance,
  drafts: ServiceDrafts,
  sessions: StaffSessions,
): void {
  const detailsOf = async (staff: CurrentStaff, id: string) => {
    if (!UUID.test(id)) throw new NotFoundError('draft');
    return drafts.details(staff.session, id);
  };

  /** The draft and the check (or the place of a new one); another tenant's or a missing one is a 404. */
  const load = async (staff: CurrentStaff, id: string, target: { check: string } | { place: string }) => {
    const details = await detailsOf(staff, id);
    const d = details.draft.definition;
    if ('check' in target) {
      if (!CHECK_ID.test(target.check)) throw new NotFoundError('check');
      const found = findCheck(d, target.check);
      if (!found) throw new NotFoundError('check');
      return { details, owner: found.owner, stored: found.validation as Validation | undefined };
    }
    const owner = PLACE.test(target.place) ? ownerOf(d, target.place) : undefined;
    if (!owner || messageFields(d, owner).length === 0) throw new NotFoundError('place of a check');
    return { details, owner, stored: undefined as Validation | undefined };
  };

  app.get<{ Params: { id: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/pruefungen`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const details = await detailsOf(staff, request.params.id);
      return reply.type(HTML).send(
        checksListPage(staffPageOf(request), {
          ...staff,
          details,
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  const show = async (
    request: FastifyRequest<{ Params: { id: string }; Querystring: { gespeichert?: string } }>,
    reply: FastifyReply,
    target: { check: string } | { place: string },
  ) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const { details, owner, stored } = await load(staff, request.params.id, target);
    const d = details.draft.definition;
    const form = stored ? formOfCheck(stored, d, owner) : emptyCheckForm();
    return reply.type(HTML).send(
      checkPage(staffPageOf(request), {
        ...staff,
        details,
        owner,
        id: stored?.id,
        version: details.draft.version,
        form,
        validation: stored,
        ...(form === undefined && stored && { jsonText: jsonOf(stored) }),
        saved: request.query.gespeichert === '1',
      }),
    );
  };

  const post = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    target: { check: string } | { place: string },
  ) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const { details, owner, stored } = await load(staff, request.params.id, target);
    const d = details.draft.definition;
    const body = (request.body ?? {}) as PostedForm;
    const version = postedDraftVersion(body);
    const rawAction = single(body.aktion) ?? '';
    const p = staffPageOf(request);
    const draftId = details.draft.id;
    const input: Omit<CheckPageInput, 'form' | 'validation'> = {
      ...staff,
      details,
      owner,
      id: stored?.id,
      version,
    };

    const save = async (validation: Validation | undefined, refused: () => string) => {
      const outcome = await drafts.edit(staff.session, draftId, version, {
        op: 'check',
        place: placeOf(owner),
        id: stored?.id,
        validation,
      });
      if (outcome.kind === 'conflict') {
        // The check as built is shown with the conflict: nothing the designer did is lost.
        return reply
          .code(409)
          .type(HTML)
          .send(
            conflictPage(p, { ...staff, conflict: outcome, backHref: checksPath(draftId), text: refused() }),
          );
      }
      if (outcome.kind !== 'saved') throw new BadRequestError('the check cannot be saved');
      request.log.info({ event: 'editorDraft.checkSaved', removed: validation === undefined }, 'check saved');
      const id = stored?.id ?? outcome.created;
      return reply.redirect(
        validation && id ? `${checkPath(draftId, id)}?gespeichert=1` : `${checksPath(draftId)}?gespeichert=1`,
        303,
      );
    };

    if (rawAction === 'pruefung-entfernen') {
      if (!stored) throw new BadRequestError('a new check has nothing to remove');
      return save(undefined, () => jsonOf(stored));
    }
    const action = parseAction(rawAction);
    if (!action) throw new BadRequestError('the form names no change');

    if (action.kind === 'save-json') {
      const text = single(body.json) ?? '';
      const refusedPage = (extra: Partial<CheckPageInput>) =>
        reply
          .code(400)
          .type(HTML)
          .send(checkPage(p, { ...input, form: undefined, validation: stored, jsonText: text, ...extra }));
      if (text.length > MAX_JSON)
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: `> ${MAX_JSON}` }),
        });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: (error as Error).message }),
        });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: 'not an object' }),
        });
      const id = stored?.id ?? newCheckId(d);
      // The id first, as a check is written; an id typed in the JSON does not rename the check.
      const { id: _typed, ...rest } = parsed as Validation;
      const validation = { id, ...rest } as Validation;
      const next = setCheck(d, owner, stored?.id, validation);
      if (!next) throw new NotFoundError('check');
      const at = pathOf(next, id);
      const problems = draftProblems(next).filter((e) => e.path === at || e.path.startsWith(`${at}/`));
      if (problems.length > 0) return refusedPage({ jsonProblems: problems });
      return save(validation, () => text);
    }

    if (action.kind === 'start-pickers') {
      const form = { ...emptyCheckForm(), ...(stored && { message: stored.message }) };
      return reply.type(HTML).send(checkPage(p, { ...input, form, validation: stored }));
    }

    const parsed = parseCheckForm(body);
    if (!parsed.ok) throw new BadRequestError(parsed.reason);
    const form = parsed.form;
    if (action.kind === 'add-condition' || action.kind === 'add-group' || action.kind === 'remove') {
      const changed = applyAction(form.condition, action);
      if (!changed) throw new BadRequestError('the button names no row of the form');
      form.condition = changed;
    }
    const checked = checkCheckForm(form, d, owner);
    if (action.kind !== 'save') {
      // Shown again as it is, with the sentence of what it would save once it reads.
      const shown = checked.ok ? { ...checked.validation, id: stored?.id ?? '' } : stored;
      return reply.type(HTML).send(checkPage(p, { ...input, form, validation: shown }));
    }
    if (!checked.ok) {
      return reply
        .code(400)
        .type(HTML)
        .send(checkPage(p, { ...input, form, validation: stored, errors: checked.errors }));
    }
    const validation = { ...checked.validation, id: stored?.id ?? '' } as Validation;
    return save(validation, () => jsonOf(validation));
  };

  app.get<{ Params: { id: string; ort: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/pruefungen/neu/:ort`,
    (request, reply) => show(request, reply, { place: request.params.ort }),
  );
  app.post<{ Params: { id: string; ort: string } }>(
    `${DRAFTS_PATH}/:id/pruefungen/neu/:ort`,
    (request, reply) => post(request, reply, { place: request.params.ort }),
  );
  app.get<{ Params: { id: string; pid: string }; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/pruefungen/:pid`,
    (request, reply) => show(request, reply, { check: request.params.pid }),
  );
  app.post<{ Params: { id: string; pid: string } }>(`${DRAFTS_PATH}/:id/pruefungen/:pid`, (request, reply) =>
    post(request, reply, { check: request.params.pid }),
  );
}

const placeOf = (owner: CheckOwner): string => (owner.kind === 'step' ? owner.uid : 'antrag');

/** A check as the JSON form shows it: everything but its id, which the page keeps. */
function jsonOf(validation: Validation): string {
  const { id: _id, ...rest } = validation;
  return JSON.stringify(rest, null, 2);
}

function pathOf(definition: Parameters<typeof findCheck>[0], id: string): string {
  return findCheck(definition, id)?.path ?? '';
}
