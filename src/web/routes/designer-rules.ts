/**
 * The rule builder's page under /staff/design/entwuerfe/:id/regeln/:uid/(anzeigen|pflicht)
 * (ADR 0046): the condition of a step or field as rows of pickers. GET shows the saved rule; a
 * POST either changes the form and shows it again (add, remove, update the choices: nothing is
 * saved, what was typed stays), or saves through the editor's use case with the draft version the
 * page was first shown on (a save on an old version gets the conflict page with the refused rule
 * as JSON). Rows that cannot be read come back with their errors (400), nothing saved. A rule the
 * pickers cannot show is edited as JSON on the same page, checked before it is saved.
 */

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { draftProblems, type ServiceDrafts } from '../../core/service-drafts.ts';
import { labelOf } from '../../definition/diff.ts';
import {
  earlierFields,
  hasRule,
  type RuleName,
  type RuleOwner,
  ruleOf,
  ruleOwner,
  setRule,
} from '../../definition/edit/rules.ts';
import { type PostedForm, ruleText } from '../../definition/edit/settings.ts';
import type { ServiceDefinition } from '../../definition/types.ts';
import { UID_PATTERN } from '../../definition/uid.ts';
import { BadRequestError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { postedDraftVersion } from '../posted-draft-version.ts';
import { single } from '../request-context.ts';
import {
  applyAction,
  checkRuleForm,
  emptyForm,
  formOfRule,
  parseAction,
  parseRuleForm,
  type RuleForm,
} from '../rule-picker-form.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { conflictPage, DRAFTS_PATH, draftBase } from '../views/designer-editor.ts';
import { RULE_SEGMENT, rulePath } from '../views/rule-path.ts';
import { type RulePageInput, rulePage } from '../views/rule-picker-form.ts';
import { HTML, staffPageOf, UUID } from './designer-page-basics.ts';

const UID = new RegExp(UID_PATTERN);
const NAMES = Object.fromEntries(
  Object.entries(RULE_SEGMENT).map(([name, segment]) => [segment, name]),
) as Record<string, RuleName>;
/** A rule typed as JSON is part of a definition: as long as a rule may reasonably be. */
const MAX_JSON = 64 * 1024;

interface RuleParams {
  id: string;
  uid: string;
  rule: string;
}

export function registerRuleRoutes(
  app: FastifyInstance,
  drafts: ServiceDrafts,
  sessions: StaffSessions,
): void {
  /** The draft, the element and the rule a page names; another tenant's or a missing one is a 404. */
  const load = async (staff: CurrentStaff, params: RuleParams) => {
    if (!UUID.test(params.id) || !UID.test(params.uid)) throw new NotFoundError('rule');
    const name = Object.hasOwn(NAMES, params.rule) ? NAMES[params.rule] : undefined;
    if (!name) throw new NotFoundError('rule');
    const details = await drafts.details(staff.session, params.id);
    const owner = ruleOwner(details.draft.definition, params.uid);
    if (!owner || !hasRule(owner, name)) throw new NotFoundError('rule');
    const fields = earlierFields(details.draft.definition, params.uid);
    return { details, owner, name, fields };
  };
  type Loaded = Awaited<ReturnType<typeof load>>;

  const pageInput = (
    staff: CurrentStaff,
    loaded: Loaded,
    uid: string,
    version: number,
  ): Omit<RulePageInput, 'form' | 'rule'> => {
    const { details, owner, name, fields } = loaded;
    const base = draftBase(details.draft.id);
    return {
      ...staff,
      details,
      uid,
      name,
      subject: subjectOf(owner),
      backHref: owner.kind === 'step' ? `${base}/schritte/${uid}` : `${base}/felder/${uid}`,
      alwaysRequired:
        name === 'requiredIf' &&
        owner.kind === 'field' &&
        (owner.field as { required?: boolean }).required === true,
      fields,
      version,
    };
  };

  app.get<{ Params: RuleParams; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/regeln/:uid/:rule`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const loaded = await load(staff, request.params);
      const rule = ruleOf(loaded.owner, loaded.name);
      const form = formOfRule(rule, loaded.fields);
      // An empty rule starts with one row to fill in; a saved one shows its rows.
      const shown = form && form.root.items.length === 0 ? emptyForm() : form;
      return reply.type(HTML).send(
        rulePage(staffPageOf(request), {
          ...pageInput(staff, loaded, request.params.uid, loaded.details.draft.version),
          form: shown,
          rule,
          ...(form === undefined && { jsonText: ruleText(rule) }),
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  app.post<{ Params: RuleParams }>(`${DRAFTS_PATH}/:id/regeln/:uid/:rule`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const loaded = await load(staff, request.params);
    const { uid } = request.params;
    const body = (request.body ?? {}) as PostedForm;
    const version = postedDraftVersion(body);
    const action = parseAction(single(body.aktion) ?? '');
    if (!action) throw new BadRequestError('the form names no change');
    const p = staffPageOf(request);
    const input = pageInput(staff, loaded, uid, version);
    const stored = ruleOf(loaded.owner, loaded.name);

    const save = async (rule: unknown, refused: () => string) => {
      const outcome = await drafts.edit(staff.session, loaded.details.draft.id, version, {
        op: 'rule',
        uid,
        name: loaded.name,
        rule,
      });
      if (outcome.kind === 'conflict') {
        // The rule as built is shown with the conflict: nothing the designer did is lost.
        return reply
          .code(409)
          .type(HTML)
          .send(
            conflictPage(p, {
              ...staff,
              conflict: outcome,
              backHref: rulePath(draftBase(loaded.details.draft.id), uid, loaded.name),
              text: refused(),
            }),
          );
      }
      if (outcome.kind !== 'saved') throw new BadRequestError('the rule cannot be saved');
      request.log.info({ event: 'editorDraft.ruleSaved', rule: loaded.name }, 'rule saved');
      return reply.redirect(
        `${rulePath(draftBase(loaded.details.draft.id), uid, loaded.name)}?gespeichert=1`,
        303,
      );
    };

    if (action.kind === 'save-json') {
      const text = single(body.json) ?? '';
      const refusedPage = (extra: Partial<RulePageInput>) =>
        reply
          .code(400)
          .type(HTML)
          .send(rulePage(p, { ...input, form: undefined, rule: stored, jsonText: text, ...extra }));
      if (text.length > MAX_JSON) {
        return refusedPage({
          jsonError: t(p.locale, 'rule.json.error.syntax', { message: `> ${MAX_JSON}` }),
        });
      }
      let rule: unknown;
      if (text.trim()) {
        try {
          rule = JSON.parse(text);
        } catch (error) {
          return refusedPage({
            jsonError: t(p.locale, 'rule.json.error.syntax', { message: (error as Error).message }),
          });
        }
      }
      const problems = ruleProblems(loaded.details.draft.definition, loaded.owner, loaded.name, uid, rule);
      if (problems.length > 0) return refusedPage({ jsonProblems: problems });
      return save(rule, () => text);
    }

    if (action.kind === 'start-pickers') {
      return reply.type(HTML).send(rulePage(p, { ...input, form: emptyForm(), rule: stored }));
    }

    const parsed = parseRuleForm(body);
    if (!parsed.ok) throw new BadRequestError(parsed.reason);
    let form: RuleForm = parsed.form;
    if (action.kind === 'add-condition' || action.kind === 'add-group' || action.kind === 'remove') {
      const changed = applyAction(form, action);
      if (!changed) throw new BadRequestError('the button names no row of the form');
      form = changed;
    }
    const checked = checkRuleForm(form, loaded.fields);
    if (action.kind !== 'save') {
      // Shown again as it is, with the sentence of what it would save once it reads.
      return reply.type(HTML).send(rulePage(p, { ...input, form, rule: checked.ok ? checked.rule : stored }));
    }
    if (!checked.ok) {
      return reply
        .code(400)
        .type(HTML)
        .send(rulePage(p, { ...input, form, rule: stored, errors: checked.errors }));
    }
    return save(checked.rule, () => ruleText(checked.rule));
  });
}

function subjectOf(owner: RuleOwner) {
  return owner.kind === 'step' ? owner.step.title : labelOf(owner.field);
}

/**
 * What the definition check finds in the rule itself once it is set: a field that is unknown or
 * comes later, an operator JSON Logic does not have, … (with the pointer into the rule).
 */
function ruleProblems(
  definition: ServiceDefinition,
  owner: RuleOwner,
  name: RuleName,
  uid: string,
  rule: unknown,
) {
  const next = setRule(definition, uid, name, rule);
  if (!next) throw new NotFoundError('rule');
  const at = `${owner.path}/${name}`;
  return draftProblems(next).filter((problem) => problem.path === at || problem.path.startsWith(`${at}/`));
}
