/**
 * The visual editor's pages under /staff/design/entwuerfe (ADR 0033). Each handler parses the
 * form, calls one use case of `ServiceDrafts` (which checks the designer role and scopes by
 * tenant) and renders its outcome: a change answers with a redirect (303) to the page it was made
 * on, a change made on an old version of the draft with the conflict page (409), input that
 * cannot be read with the page and its errors (400). Staff pages are `no-store` (hook in staff.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../../core/design.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { LeikaCatalogue } from '../../core/leika/catalogue.ts';
import {
  PATTERN_TEST_MAX_REGEX,
  type PatternTestOutcome,
  samplesOf,
  testPattern,
} from '../../core/pattern-tester.ts';
import { regexAnalyser } from '../../core/regex-analysis.ts';
import type {
  Conflict,
  DraftDetails,
  DraftEdit,
  DraftStart,
  EditOutcome,
  ServiceDrafts,
} from '../../core/service-drafts.ts';
import { CODE_LIST_TYPES } from '../../definition/edit/code-list.ts';
import { fieldAt, fieldPlace, stepIndex } from '../../definition/edit/operations.ts';
import type { PostedForm } from '../../definition/edit/settings.ts';
import { isFieldType } from '../../definition/field-types/table.ts';
import { LEIKA_PATTERN } from '../../definition/schema.ts';
import type { Field } from '../../definition/types.ts';
import { UID_PATTERN } from '../../definition/uid.ts';
import { BadRequestError } from '../http-errors.ts';
import { type MessageKey, t } from '../i18n.ts';
import { postedDraftVersion } from '../posted-draft-version.ts';
import { localeOf, single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { CODE_LIST_QUERY } from '../views/code-list-picker.ts';
import {
  ACTION,
  codePage,
  conflictPage,
  DRAFTS_PATH,
  draftBase,
  draftPage,
  draftsPage,
  fieldEditPage,
  generalPage,
  removalPage,
  stepEditPage,
  VERSION,
} from '../views/designer-editor.ts';
import { LEIKA_QUERY } from '../views/leika-search.ts';
import { patternTestErrors, patternTesterSection } from '../views/pattern-tester.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UID = new RegExp(UID_PATTERN);
const LEIKA_KEY = new RegExp(LEIKA_PATTERN);
/** `op` or `op:uid`, as the editor's buttons send it. */
const ACTION_VALUE = /^([a-z-]{1,40})(?::([a-z][a-z0-9-]{1,39}))?$/;
/** The pages a change may return to, relative to the draft. */
const RETURN_PAGE = /^(|\/startseite|\/schritte\/[a-z][a-z0-9-]{1,39}|\/felder\/[a-z][a-z0-9-]{1,39})$/;
/**
 * The code view posts the whole definition, urlencoded (up to three bytes per character): room for
 * a definition as large as an upload may be, which the use case checks.
 */
const CODE_BODY_BYTES = 3 * MAX_UPLOAD_BYTES + 64 * 1024;

const REFUSALS: Record<Extract<EditOutcome, { kind: 'refused' }>['reason'], MessageKey> = {
  'label-missing': 'editor.error.labelMissing',
  'not-in-group': 'editor.error.notInGroup',
  'code-list-unknown': 'codeList.error.unknown',
  'key-taken': 'computed.error.key-taken',
};

interface DraftParams {
  id: string;
}
interface ElementParams extends DraftParams {
  uid: string;
}

export function registerEditorRoutes(
  app: FastifyInstance,
  drafts: ServiceDrafts,
  sessions: StaffSessions,
  leika: LeikaCatalogue,
): void {
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const draftId = (id: string): string => {
    if (!UUID.test(id)) throw new NotFoundError('editor draft');
    return id;
  };
  const uidOf = (uid: string): string => {
    if (!UID.test(uid)) throw new NotFoundError('step or field');
    return uid;
  };
  const bodyOf = (request: FastifyRequest): PostedForm => (request.body ?? {}) as PostedForm;
  const versionOf = (body: PostedForm): number => postedDraftVersion(body, VERSION);
  const sendConflict = (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: CurrentStaff,
    conflict: Conflict,
    text?: string,
  ) =>
    reply
      .code(409)
      .type(HTML)
      .send(
        conflictPage(staffPage(request), {
          ...staff,
          conflict,
          backHref: draftBase(conflict.current.id),
          ...(text !== undefined && { text }),
        }),
      );

  // ---- The drafts and starting one. ----

  app.get<{ Querystring: { geloescht?: string } }>(DRAFTS_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const overview = await drafts.overview(staff.session);
    return reply
      .type(HTML)
      .send(
        draftsPage(staffPage(request), { ...staff, ...overview, deleted: request.query.geloescht === '1' }),
      );
  });

  app.post(DRAFTS_PATH, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const body = bodyOf(request);
    const from = single(body.start);
    let start: DraftStart;
    if (from === 'new') {
      start = { from, slug: single(body.kennung) ?? '', title: single(body.titel) ?? '' };
    } else if (from === 'service') {
      start = { from, slug: single(body.leistung) ?? '' };
    } else if (from === 'candidate') {
      start = { from, candidateId: single(body.upload) ?? '' };
    } else throw new BadRequestError('unknown start of a draft');
    if (start.from === 'candidate' && !UUID.test(start.candidateId)) {
      throw new BadRequestError('the upload to start from is not named');
    }
    const outcome = await drafts.start(staff.session, start);
    if (outcome.ok) {
      request.log.info({ event: 'editorDraft.created', from }, 'editor draft started');
      return reply.redirect(`${draftBase(outcome.draft.id)}?neu=1`, 303);
    }
    const overview = await drafts.overview(staff.session);
    return reply
      .code(400)
      .type(HTML)
      .send(
        draftsPage(staffPage(request), {
          ...staff,
          ...overview,
          error: {
            reason: outcome.reason,
            ...(start.from === 'new' && { slug: start.slug.slice(0, 100), title: start.title.slice(0, 200) }),
          },
        }),
      );
  });

  // ---- A draft's pages. ----

  app.get<{ Params: DraftParams; Querystring: { neu?: string; gespeichert?: string; uebernommen?: string } }>(
    `${DRAFTS_PATH}/:id`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const details = await drafts.details(staff.session, draftId(request.params.id));
      return reply.type(HTML).send(
        draftPage(staffPage(request), {
          ...staff,
          details,
          started: request.query.neu === '1',
          saved: request.query.gespeichert === '1',
          copied: request.query.uebernommen === '1',
        }),
      );
    },
  );

  app.get<{ Params: DraftParams; Querystring: { gespeichert?: string; [LEIKA_QUERY]?: unknown } }>(
    `${DRAFTS_PATH}/:id/startseite`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const details = await drafts.details(staff.session, draftId(request.params.id));
      const query = request.query[LEIKA_QUERY];
      const key = details.draft.definition.leikaKey;
      const [search, names] = await Promise.all([
        leika.search(staff.session, typeof query === 'string' ? query : undefined),
        leika.names([key]),
      ]);
      return reply.type(HTML).send(
        generalPage(staffPage(request), {
          ...staff,
          details,
          saved: request.query.gespeichert === '1',
          leika: { search, keyName: key && names.get(key) },
        }),
      );
    },
  );

  const stepOf = async (staff: CurrentStaff, id: string, uid: string) => {
    const details = await drafts.details(staff.session, draftId(id));
    const index = stepIndex(details.draft.definition, uidOf(uid));
    if (index === undefined) throw new NotFoundError('step');
    return { details, step: details.draft.definition.steps[index]! };
  };

  const fieldOf = async (staff: CurrentStaff, id: string, uid: string) => {
    const details = await drafts.details(staff.session, draftId(id));
    const d = details.draft.definition;
    const place = fieldPlace(d, uidOf(uid));
    if (!place) throw new NotFoundError('field');
    const field = fieldAt(d, place);
    const group = place.item === undefined ? undefined : fieldAt(d, { step: place.step, field: place.field });
    return { details, field, ...(group && { group }) };
  };

  /** A text field's pattern tester: the saved pattern to start with, or what was tested and its outcome. */
  const patternTesterOf = (
    p: StaffPage,
    staff: CurrentStaff,
    found: { details: DraftDetails; field: Field },
    tested?: { regex: string; samples: string; outcome: PatternTestOutcome },
  ) => {
    if (found.field.type !== 'text') return {};
    const action = `${draftBase(found.details.draft.id)}/felder/${found.field.uid}/muster`;
    return {
      patternTester: patternTesterSection(p.locale, {
        csrf: staff.csrf,
        action,
        regex: tested?.regex ?? found.field.pattern?.regex ?? '',
        samples: tested?.samples ?? '',
        ...(tested && { outcome: tested.outcome }),
      }),
      moreErrors: patternTestErrors(p.locale, tested?.outcome),
    };
  };

  /** A choice field's code-list picker: the search (all lists without a query) and the current list's name. */
  const codeListsOf = (staff: CurrentStaff, field: Field, query: string, error?: string) => {
    if (!(CODE_LIST_TYPES as readonly string[]).includes(field.type)) return {};
    const current = (field as { codeList?: { uri: string } }).codeList;
    const currentName = current
      ? drafts.codeListSearch(staff.session, current.uri).matches.find((m) => m.uri === current.uri)?.name
      : undefined;
    return {
      codeLists: {
        search: drafts.codeListSearch(staff.session, query),
        currentName,
        ...(error && { error }),
      },
    };
  };

  app.get<{ Params: ElementParams; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/schritte/:uid`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const found = await stepOf(staff, request.params.id, request.params.uid);
      return reply
        .type(HTML)
        .send(
          stepEditPage(staffPage(request), { ...staff, ...found, saved: request.query.gespeichert === '1' }),
        );
    },
  );

  app.get<{ Params: ElementParams; Querystring: { gespeichert?: string; [CODE_LIST_QUERY]?: unknown } }>(
    `${DRAFTS_PATH}/:id/felder/:uid`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const found = await fieldOf(staff, request.params.id, request.params.uid);
      const query = request.query[CODE_LIST_QUERY];
      return reply.type(HTML).send(
        fieldEditPage(staffPage(request), {
          ...staff,
          ...found,
          ...codeListsOf(staff, found.field, typeof query === 'string' ? query : ''),
          ...patternTesterOf(staffPage(request), staff, found),
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  // The pattern tester: runs the pattern on the samples after the safety analysis; saves nothing.
  app.post<{ Params: ElementParams }>(`${DRAFTS_PATH}/:id/felder/:uid/muster`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const found = await fieldOf(staff, request.params.id, request.params.uid);
    if (found.field.type !== 'text') throw new NotFoundError('pattern of a text field');
    const body = bodyOf(request);
    const regex = single(body.muster) ?? '';
    const samples = single(body.beispiele) ?? '';
    // Far more than the tester takes: a post this long is not the page's.
    if (regex.length > 4 * PATTERN_TEST_MAX_REGEX || samples.length > 64 * 1024)
      throw new BadRequestError('the pattern or the examples are too long');
    const outcome = testPattern(staff.session, regex, samplesOf(samples), await regexAnalyser());
    const p = staffPage(request);
    return reply
      .code(outcome.kind === 'tested' ? 200 : 400)
      .type(HTML)
      .send(
        fieldEditPage(p, {
          ...staff,
          ...found,
          ...codeListsOf(staff, found.field, ''),
          ...patternTesterOf(p, staff, found, { regex, samples, outcome }),
        }),
      );
  });

  app.get<{ Params: DraftParams; Querystring: { gespeichert?: string } }>(
    `${DRAFTS_PATH}/:id/code`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const details = await drafts.details(staff.session, draftId(request.params.id));
      return reply
        .type(HTML)
        .send(codePage(staffPage(request), { ...staff, details, saved: request.query.gespeichert === '1' }));
    },
  );

  // ---- Changes. ----

  /** The change a button names, with what its form carries; a value no page sends is a 400. */
  const editOf = (body: PostedForm): { edit: DraftEdit; returnTo: string } => {
    const match = ACTION_VALUE.exec(single(body[ACTION]) ?? '');
    if (!match) throw new BadRequestError('the form names no change');
    const [, op, uid] = match;
    const page = single(body.seite) ?? '';
    const returnTo = RETURN_PAGE.test(page) ? page : '';
    const needUid = (): string => {
      if (!uid) throw new BadRequestError(`${op} names no step or field`);
      return uid;
    };
    const type = () => {
      const value = single(body.typ) ?? '';
      if (!isFieldType(value)) throw new BadRequestError('unknown field type');
      return value;
    };
    switch (op) {
      case 'general':
        return { edit: { op: 'general', form: body }, returnTo: '/startseite' };
      case 'leika-key': {
        const key = single(body['leika-key']) ?? '';
        if (!LEIKA_KEY.test(key)) throw new BadRequestError('the LeiKa key must be 14 digits');
        return { edit: { op: 'leika-key', key }, returnTo: '/startseite' };
      }
      case 'add-step':
        return { edit: { op: 'add-step', title: single(body.titel) ?? '' }, returnTo };
      case 'step-texts':
        return { edit: { op: 'step-texts', stepUid: needUid(), form: body }, returnTo: `/schritte/${uid}` };
      case 'move-step-up':
      case 'move-step-down':
        return {
          edit: { op: 'move-step', stepUid: needUid(), by: op === 'move-step-up' ? -1 : 1 },
          returnTo,
        };
      case 'remove-step':
        return {
          edit: { op: 'remove-step', stepUid: needUid(), confirmed: single(body.bestaetigt) === 'ja' },
          returnTo,
        };
      case 'add-field':
        return {
          edit: { op: 'add-field', stepUid: needUid(), type: type(), label: single(body.bezeichnung) ?? '' },
          returnTo: `/schritte/${uid}`,
        };
      case 'add-item-field':
        return {
          edit: {
            op: 'add-item-field',
            groupUid: needUid(),
            type: type(),
            label: single(body.bezeichnung) ?? '',
          },
          returnTo: `/felder/${uid}`,
        };
      case 'field-settings':
        return {
          edit: { op: 'field-settings', fieldUid: needUid(), form: body },
          returnTo: `/felder/${uid}`,
        };
      case 'move-field-up':
      case 'move-field-down':
        return {
          edit: { op: 'move-field', fieldUid: needUid(), by: op === 'move-field-up' ? -1 : 1 },
          returnTo,
        };
      case 'field-to-step': {
        const stepUid = single(body.schritt) ?? '';
        if (!UID.test(stepUid)) throw new BadRequestError('the step to move to is not named');
        return { edit: { op: 'field-to-step', fieldUid: needUid(), stepUid }, returnTo };
      }
      case 'code-list': {
        const uri = single(body.codeliste) ?? '';
        if (!uri || uri.length > 300) throw new BadRequestError('the form names no code list');
        return { edit: { op: 'code-list', fieldUid: needUid(), uri }, returnTo: `/felder/${uid}` };
      }
      case 'code-list-remove':
        return { edit: { op: 'code-list', fieldUid: needUid(), uri: undefined }, returnTo: `/felder/${uid}` };
      case 'remove-field':
        return {
          edit: { op: 'remove-field', fieldUid: needUid(), confirmed: single(body.bestaetigt) === 'ja' },
          returnTo,
        };
      default:
        throw new BadRequestError(`unknown change ${op}`);
    }
  };

  /** The page the change came from, again, with what went wrong (400). */
  const sendRefused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: CurrentStaff,
    id: string,
    edit: DraftEdit,
    outcome: Extract<EditOutcome, { kind: 'input-errors' | 'refused' }>,
    body: PostedForm,
  ) => {
    const p = staffPage(request);
    reply.code(400).type(HTML);
    const message = outcome.kind === 'refused' ? t(p.locale, REFUSALS[outcome.reason]) : undefined;
    if (edit.op === 'add-step') {
      const details = await drafts.details(staff.session, id);
      return reply.send(draftPage(p, { ...staff, details, ...(message && { stepError: message }) }));
    }
    if (edit.op === 'add-field') {
      const found = await stepOf(staff, id, edit.stepUid);
      return reply.send(stepEditPage(p, { ...staff, ...found, ...(message && { fieldError: message }) }));
    }
    if (edit.op === 'add-item-field') {
      const found = await fieldOf(staff, id, edit.groupUid);
      return reply.send(fieldEditPage(p, { ...staff, ...found, ...(message && { itemError: message }) }));
    }
    if (edit.op === 'step-texts' && outcome.kind === 'input-errors') {
      const found = await stepOf(staff, id, edit.stepUid);
      return reply.send(stepEditPage(p, { ...staff, ...found, posted: body, errors: outcome.errors }));
    }
    if (edit.op === 'code-list' && message) {
      const found = await fieldOf(staff, id, edit.fieldUid);
      return reply.send(
        fieldEditPage(p, { ...staff, ...found, ...codeListsOf(staff, found.field, '', message) }),
      );
    }
    if (edit.op === 'field-settings' && outcome.kind === 'input-errors') {
      const found = await fieldOf(staff, id, edit.fieldUid);
      return reply.send(fieldEditPage(p, { ...staff, ...found, posted: body, errors: outcome.errors }));
    }
    throw new BadRequestError('the change cannot be made');
  };

  app.post<{ Params: DraftParams }>(`${DRAFTS_PATH}/:id/aendern`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = draftId(request.params.id);
    const body = bodyOf(request);
    const version = versionOf(body);
    const { edit, returnTo } = editOf(body);
    const outcome = await drafts.edit(staff.session, id, version, edit);
    switch (outcome.kind) {
      case 'conflict':
        return sendConflict(request, reply, staff, outcome);
      case 'confirm-removal':
        return reply.type(HTML).send(
          removalPage(staffPage(request), {
            ...staff,
            draftId: id,
            version,
            returnTo,
            outcome,
          }),
        );
      case 'input-errors':
      case 'refused':
        return sendRefused(request, reply, staff, id, edit, outcome, body);
      case 'saved': {
        // A new step or field opens its own page; any other change returns to where it was made.
        const target = outcome.created
          ? `/${edit.op === 'add-step' ? 'schritte' : 'felder'}/${outcome.created}`
          : returnTo;
        return reply.redirect(`${draftBase(id)}${target}?gespeichert=1`, 303);
      }
    }
  });

  app.post<{ Params: DraftParams }>(
    `${DRAFTS_PATH}/:id/code`,
    { bodyLimit: CODE_BODY_BYTES },
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const id = draftId(request.params.id);
      const body = bodyOf(request);
      const version = versionOf(body);
      const text = single(body.json) ?? '';
      const outcome = await drafts.saveCode(staff.session, id, version, text);
      if (outcome.kind === 'conflict') return sendConflict(request, reply, staff, outcome, text);
      if (outcome.kind === 'saved') return reply.redirect(`${draftBase(id)}/code?gespeichert=1`, 303);
      const details = await drafts.details(staff.session, id);
      return reply
        .code(400)
        .type(HTML)
        .send(codePage(staffPage(request), { ...staff, details, text, refused: outcome.problems }));
    },
  );

  app.post<{ Params: DraftParams }>(`${DRAFTS_PATH}/:id/uebergeben`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = draftId(request.params.id);
    const outcome = await drafts.handOver(staff.session, id, versionOf(bodyOf(request)));
    if (outcome.kind === 'conflict') return sendConflict(request, reply, staff, outcome);
    if (outcome.kind === 'created') {
      request.log.info(
        { event: 'definition.handedOver', service: outcome.candidate.slug },
        'draft handed over',
      );
      return reply.redirect(`/staff/design/uploads/${outcome.candidate.id}?neu=1`, 303);
    }
    const details = await drafts.details(staff.session, id);
    return reply
      .code(400)
      .type(HTML)
      .send(draftPage(staffPage(request), { ...staff, details, handOverRefused: outcome.problems }));
  });

  app.post<{ Params: DraftParams }>(`${DRAFTS_PATH}/:id/loeschen`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = draftId(request.params.id);
    const outcome = await drafts.delete(staff.session, id, versionOf(bodyOf(request)));
    if (outcome.kind === 'conflict') return sendConflict(request, reply, staff, outcome);
    return reply.redirect(`${DRAFTS_PATH}?geloescht=1`, 303);
  });
}
