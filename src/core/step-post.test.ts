import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDefinition } from '../definition/parse.ts';
import type { Answers, ServiceDefinition } from '../definition/types.ts';
import { compile } from '../engine/compile.ts';
import type { FileRef } from '../engine/fields/file-refs.ts';
import type { FieldError, RawInput } from '../engine/model.ts';
import { loginTarget, postStep, type StepAnswers, type StepPost, type StepPostOutcome } from './step-post.ts';

function fixture(name: string): ServiceDefinition {
  const parsed = parseDefinition(
    JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.definition;
}

const ctx = { today: '2025-06-01' };
const testantrag = compile(fixture('testantrag.json'));
const kinder = compile(fixture('kinder.json'));

/** Answers in memory, as the designer's preview keeps them; records what was kept and removed. */
function memory(answers: Answers = {}, files: FileRef[] = []): StepAnswers & { kept: Answers[] } {
  const kept: Answers[] = [];
  return {
    kept,
    answers,
    keepsFiles: true,
    async keep(next) {
      kept.push(next);
    },
    async removeFile(id) {
      return files.find((f) => f.id === id);
    },
  };
}

const post = (raw: RawInput, more: Partial<StepPost> = {}): StepPost => ({
  raw,
  added: [],
  refused: [],
  returnToCheck: false,
  ...more,
});

function shown(outcome: StepPostOutcome) {
  assert.equal(outcome.kind, 'show');
  return outcome as Extract<StepPostOutcome, { kind: 'show' }>;
}

const step = (model: typeof testantrag, id: string) => {
  const found = model.step(id);
  assert.ok(found, id);
  return found;
};

const PERSON = {
  vorname: 'Erika',
  nachname: 'Muster',
  'geburtsdatum-day': '1',
  'geburtsdatum-month': '2',
  'geburtsdatum-year': '1980',
};

/** The answers of PERSON, as kept. */
const PERSON_ANSWERS = { vorname: 'Erika', nachname: 'Muster', geburtsdatum: '1980-02-01' };

describe('posting a step', () => {
  test('a valid step is kept and leads to the next step, or back to the check page', async () => {
    const store = memory();
    const outcome = await postStep(testantrag, step(testantrag, 'person'), store, post(PERSON), ctx);
    assert.deepEqual(outcome, { kind: 'go', to: { kind: 'step', stepId: 'details' } });
    assert.equal(store.kept.length, 1);
    assert.equal(store.kept[0]?.vorname, 'Erika');

    const complete = { ...PERSON_ANSWERS, anzahl: 1, art: 'gross', zusatz: false, grund: 'Test' };
    const back = await postStep(
      testantrag,
      step(testantrag, 'person'),
      memory(complete),
      post(PERSON, { returnToCheck: true }),
      ctx,
    );
    assert.deepEqual(back, { kind: 'go', to: { kind: 'check' } });
  });

  test('an invalid step is shown again with its errors and keeps nothing', async () => {
    const store = memory();
    const outcome = shown(
      await postStep(testantrag, step(testantrag, 'person'), store, post({ vorname: 'Erika' }), ctx),
    );
    assert.equal(outcome.status, 400);
    assert.deepEqual(
      outcome.errors.map((e) => e.key),
      ['nachname', 'geburtsdatum'],
    );
    assert.equal(outcome.answers.vorname, 'Erika', 'what was typed is shown again');
    assert.deepEqual(store.kept, []);
  });

  test('a question revealed by the post is new, not an error; once shown it is one', async () => {
    const details = step(testantrag, 'details');
    const raw = { anzahl: '1', art: 'gross', zusatz: 'yes' };
    const revealed = shown(await postStep(testantrag, details, memory(), post(raw), ctx));
    assert.equal(revealed.status, 200);
    assert.equal(revealed.moreQuestions, true);
    assert.deepEqual(revealed.errors, []);

    const seen = shown(
      await postStep(
        testantrag,
        details,
        memory(),
        post({ ...raw, _aw_shown: 'anzahl,art,zusatz,zusatztext' }),
        ctx,
      ),
    );
    assert.equal(seen.status, 400);
    assert.deepEqual(
      seen.errors.map((e) => e.key),
      ['zusatztext'],
    );
  });

  test('inside a repeating group item, a question the page did not show is new too', async () => {
    const group = step(kinder, 'kinder');
    const item = {
      'kinder-items': '1',
      'kinder-1-vorname': 'Mia',
      'kinder-1-geburtsdatum-day': '1',
      'kinder-1-geburtsdatum-month': '2',
      'kinder-1-geburtsdatum-year': '2015',
      'kinder-1-imHaushalt': 'no',
    };
    // The group is shown, but its item listed only the inputs it had: "anschrift" appears now.
    const raw = {
      ...item,
      _aw_shown: 'kinder',
      'kinder-shown': 'kinder-1-vorname,kinder-1-geburtsdatum,kinder-1-imHaushalt',
    };
    const revealed = shown(await postStep(kinder, group, memory(), post(raw), ctx));
    assert.deepEqual(revealed.errors, []);
    assert.equal(revealed.moreQuestions, true);

    const listed = { ...raw, 'kinder-shown': `${raw['kinder-shown']},kinder-1-anschrift` };
    const seen = shown(await postStep(kinder, group, memory(), post(listed), ctx));
    assert.equal(seen.status, 400);
    assert.deepEqual(
      seen.errors.map((e) => e.inputId),
      ['field-kinder-1-anschrift'],
    );
  });

  test('adding an item shows the step again with it, keeps nothing and says so', async () => {
    const store = memory();
    const group = step(kinder, 'kinder');
    const added = shown(
      await postStep(kinder, group, store, post({ 'kinder-items': '1', _aw_action: 'add:kinder' }), ctx),
    );
    assert.equal(added.status, 200);
    assert.deepEqual(added.notice, { kind: 'item-added', itemLabel: { de: 'Kind', en: 'Child' }, item: 2 });
    assert.deepEqual(added.focus, { group: 'kinder', item: 2 });
    assert.equal(added.raw._aw_action, undefined);
    assert.deepEqual(store.kept, []);

    const forged = shown(await postStep(kinder, group, store, post({ _aw_action: 'remove:kinder:9' }), ctx));
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.notice, { kind: 'item-not-removed' });
  });

  test('files: removed at once, an upload says what it did, a refused file is the error', async () => {
    const details = step(testantrag, 'details');
    const ref: FileRef = {
      id: 'f1',
      name: 'scan.pdf',
      mediaType: 'application/pdf',
      size: 3,
      sha256: 'a'.repeat(64),
    };
    const removed = shown(
      await postStep(testantrag, details, memory({}, [ref]), post({ _aw_file_remove: 'f1' }), ctx),
    );
    assert.deepEqual(removed.notice, { kind: 'file-removed', name: 'scan.pdf' });
    assert.equal(removed.status, 200);
    const gone = shown(await postStep(testantrag, details, memory(), post({ _aw_file_remove: 'f1' }), ctx));
    assert.deepEqual(gone.notice, { kind: 'file-not-removed' });

    const uploaded = shown(
      await postStep(testantrag, details, memory(), post({ _aw_file_upload: 'x' }, { added: [ref] }), ctx),
    );
    assert.deepEqual(uploaded.notice, { kind: 'file-uploaded', name: 'scan.pdf' });
    const none = shown(await postStep(testantrag, details, memory(), post({ _aw_file_upload: 'x' }), ctx));
    assert.deepEqual(none.notice, { kind: 'no-file' });
    const preview = { ...memory(), keepsFiles: false };
    const notKept = shown(await postStep(testantrag, details, preview, post({ _aw_file_upload: 'x' }), ctx));
    assert.deepEqual(notKept.notice, { kind: 'files-not-kept' });

    const refused: FieldError[] = [
      { key: 'nachweis', inputId: 'field-nachweis', message: { de: 'A zu groß', en: 'A too large' } },
      { key: 'nachweis', inputId: 'field-nachweis', message: { de: 'B leer', en: 'B empty' } },
    ];
    const refusedShown = shown(
      await postStep(testantrag, details, memory(), post({ _aw_file_upload: 'x' }, { refused }), ctx),
    );
    assert.equal(refusedShown.status, 400);
    assert.deepEqual(refusedShown.errors, [
      {
        key: 'nachweis',
        inputId: 'field-nachweis',
        message: { de: 'A zu groß. B leer', en: 'A too large. B empty' },
      },
    ]);
  });
});

/** A small service: a notice revealed by an answer, and a step that applies only for "Ja". */
const flow = compile(
  (() => {
    const parsed = parseDefinition({
      formatVersion: 2,
      id: 'ablauf',
      title: { de: 'Ablauf' },
      summary: { de: 'Für Tests.' },
      declaration: { de: 'Richtig.' },
      local: { office: { name: { de: 'Amt' } } },
      steps: [
        {
          id: 'eins',
          title: { de: 'Eins' },
          fields: [
            {
              type: 'checkbox',
              key: 'plan',
              label: { de: 'Was ist geplant?' },
              options: [
                { value: 'musik', label: { de: 'Musik' } },
                { value: 'alkohol', label: { de: 'Alkohol' } },
              ],
            },
            {
              type: 'info',
              key: 'erlaubnis',
              showIf: { in: ['alkohol', { var: 'plan' }] },
              text: { de: 'Dafür brauchen Sie eine Erlaubnis.' },
            },
            { type: 'yesno', key: 'ermaessigung', label: { de: 'Ermäßigung?' }, required: true },
          ],
        },
        {
          id: 'grund',
          title: { de: 'Grund' },
          showIf: { var: 'ermaessigung' },
          fields: [{ type: 'text', key: 'grund', label: { de: 'Grund' }, required: true }],
        },
        {
          id: 'nachweis',
          title: { de: 'Nachweis' },
          showIf: { var: 'ermaessigung' },
          fields: [{ type: 'text', key: 'nachweis', label: { de: 'Nachweis' }, required: true }],
        },
        {
          id: 'ende',
          title: { de: 'Ende' },
          fields: [{ type: 'text', key: 'bemerkung', label: { de: 'Bemerkung' } }],
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.definition;
  })(),
);

describe('what a post reveals or makes applicable', () => {
  test('a notice revealed by the answer is shown before moving on; "Weiter" again continues', async () => {
    const eins = step(flow, 'eins');
    const raw = { plan: 'alkohol', ermaessigung: 'no', _aw_shown: 'plan,ermaessigung' };
    const store = memory();
    const revealed = shown(await postStep(flow, eins, store, post(raw), ctx));
    assert.equal(revealed.status, 200);
    assert.equal(revealed.newNotices, true);
    assert.deepEqual(revealed.errors, []);
    assert.equal(store.kept.length, 1, 'the valid answers are kept');

    // The page showed the notice now (its list names it): the citizen goes on.
    const read = { ...raw, _aw_shown: 'plan,erlaubnis,ermaessigung' };
    assert.deepEqual(await postStep(flow, eins, memory(), post(read), ctx), {
      kind: 'go',
      to: { kind: 'step', stepId: 'ende' },
    });
    // Without an answer that reveals it, nothing stops the citizen.
    const none = { plan: 'musik', ermaessigung: 'no', _aw_shown: 'plan,ermaessigung' };
    assert.equal((await postStep(flow, eins, memory(), post(none), ctx)).kind, 'go');
  });

  test('a change from the check page that makes steps apply leads through them, then back', async () => {
    const stored = { plan: [], ermaessigung: false, bemerkung: 'x' };
    const eins = step(flow, 'eins');
    const changed = await postStep(
      flow,
      eins,
      memory(stored),
      post({ ermaessigung: 'yes', _aw_shown: 'plan,ermaessigung' }, { returnToCheck: true }),
      ctx,
    );
    assert.deepEqual(changed, { kind: 'go', to: { kind: 'step', stepId: 'grund', change: true } });

    // The first new step leads to the second (which still needs its answer), that one back.
    const afterChange = { ...stored, ermaessigung: true };
    const grund = await postStep(
      flow,
      step(flow, 'grund'),
      memory(afterChange),
      post({ grund: 'Rente' }, { returnToCheck: true }),
      ctx,
    );
    assert.deepEqual(grund, { kind: 'go', to: { kind: 'step', stepId: 'nachweis', change: true } });
    const nachweis = await postStep(
      flow,
      step(flow, 'nachweis'),
      memory({ ...afterChange, grund: 'Rente' }),
      post({ nachweis: 'Bescheid' }, { returnToCheck: true }),
      ctx,
    );
    assert.deepEqual(nachweis, { kind: 'go', to: { kind: 'check' } });

    // A change that makes nothing new apply returns to the check page at once.
    const same = await postStep(
      flow,
      eins,
      memory(stored),
      post({ plan: 'musik', ermaessigung: 'no', _aw_shown: 'plan,ermaessigung' }, { returnToCheck: true }),
      ctx,
    );
    assert.deepEqual(same, { kind: 'go', to: { kind: 'check' } });
  });
});

describe('a service that requires a login (ADR 0036)', () => {
  test('a valid step is kept, then the login comes first; a step-up too; at the level it goes on', async () => {
    const notLoggedIn = memory();
    const outcome = await postStep(
      testantrag,
      step(testantrag, 'person'),
      notLoggedIn,
      post(PERSON, { login: { required: 'substanziell', level: undefined } }),
      ctx,
    );
    assert.deepEqual(outcome, { kind: 'go', to: { kind: 'login' } });
    assert.equal(notLoggedIn.kept[0]?.vorname, 'Erika', 'the answers are kept before the login');

    const tooLow = await postStep(
      testantrag,
      step(testantrag, 'person'),
      memory(),
      post(PERSON, { login: { required: 'hoch', level: 'substanziell' } }),
      ctx,
    );
    assert.deepEqual(tooLow, { kind: 'go', to: { kind: 'login' } });

    const enough = await postStep(
      testantrag,
      step(testantrag, 'person'),
      memory(),
      post(PERSON, { login: { required: 'substanziell', level: 'hoch' } }),
      ctx,
    );
    assert.deepEqual(enough, { kind: 'go', to: { kind: 'step', stepId: 'details' } });
  });

  test('an invalid step is shown again with its errors, login or not', async () => {
    const outcome = shown(
      await postStep(
        testantrag,
        step(testantrag, 'person'),
        memory(),
        post({ vorname: 'Erika' }, { login: { required: 'hoch', level: undefined } }),
        ctx,
      ),
    );
    assert.equal(outcome.status, 400);
  });

  test('loginTarget: nothing without a requirement or at the level, the login page below it', () => {
    assert.equal(loginTarget(undefined), undefined);
    assert.equal(loginTarget({ required: 'none', level: undefined }), undefined);
    assert.equal(loginTarget({ required: 'niedrig', level: 'niedrig' }), undefined);
    assert.deepEqual(loginTarget({ required: 'niedrig', level: undefined }), { kind: 'login' });
  });
});
