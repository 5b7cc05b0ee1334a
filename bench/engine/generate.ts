/**
 * Deterministic generator for `npm run bench:engine`: a 200-field definition with 50 conditions over
 * 10 steps, the equivalent SurveyJS survey, and answer sets (raw input per step and stored answers)
 * in two variants — (A) every condition true, (B) about half of the fields hidden. Half of the
 * answer sets are invalid, with 1–3 known defects each, so every contender's verdict can be checked.
 *
 * Conditions are built from a small AST and printed both as JSON Logic (for the engine; every shape
 * used is one `engine/data-schema.ts` translates exactly, so its schema is equivalent) and as a
 * SurveyJS expression; the generator evaluates the AST itself to know which fields are visible.
 *
 * The last step holds a real repeating group "Kinder" of 10 items (3 required fields each, every
 * item validated): 170 plain fields plus 10 × 3 item fields make the 200 answer fields. SurveyJS
 * gets the equivalent `paneldynamic` question. Errors are identified by the input they point at
 * (`kinder-3-vorname` for an item field), so each contender's verdict is checked per item field.
 */
import type {
  AnswerRecord,
  Answers,
  AnswerValue,
  Field,
  GroupField,
  ItemField,
  JsonLogicRule,
  ServiceDefinition,
  Step,
} from '../../src/definition/types.ts';
import type { RawInput } from '../../src/engine/model.ts';

export const TODAY = '2026-06-15';
export const ANSWER_SETS = 256;
export const REPEAT_ITEMS = 10;

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): the same definition and answers on every run and machine.

export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
function pick<T>(r: Rng, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

// ---------------------------------------------------------------------------------------------
// Conditions

export type Cond =
  | { k: 'yes'; key: string }
  | { k: 'eq'; key: string; value: string }
  | { k: 'oneOf'; key: string; values: string[] }
  | { k: 'gte'; key: string; n: number }
  | { k: 'has'; key: string; value: string }
  | { k: 'and' | 'or'; parts: Cond[] };

export function toJsonLogic(c: Cond): JsonLogicRule {
  switch (c.k) {
    case 'yes':
      return { var: c.key };
    case 'eq':
      return { '==': [{ var: c.key }, c.value] };
    case 'oneOf':
      return { in: [{ var: c.key }, c.values] };
    case 'gte':
      return { '>=': [{ var: c.key }, c.n] };
    case 'has':
      return { in: [c.value, { var: c.key }] };
    case 'and':
    case 'or':
      return { [c.k]: c.parts.map(toJsonLogic) };
  }
}

export function toSurveyExpression(c: Cond): string {
  switch (c.k) {
    case 'yes':
      return `{${c.key}} = true`;
    case 'eq':
      return `{${c.key}} = '${c.value}'`;
    case 'oneOf':
      return `{${c.key}} anyof [${c.values.map((v) => `'${v}'`).join(', ')}]`;
    case 'gte':
      return `{${c.key}} >= ${c.n}`;
    case 'has':
      return `{${c.key}} contains '${c.value}'`;
    case 'and':
    case 'or':
      return c.parts.map((p) => `(${toSurveyExpression(p)})`).join(` ${c.k} `);
  }
}

export function evaluate(c: Cond, a: Answers): boolean {
  switch (c.k) {
    case 'yes':
      return a[c.key] === true;
    case 'eq':
      return a[c.key] === c.value;
    case 'oneOf':
      return c.values.includes(a[c.key] as string);
    case 'gte':
      return typeof a[c.key] === 'number' && (a[c.key] as number) >= c.n;
    case 'has': {
      const list = a[c.key];
      return Array.isArray(list) && (list as unknown[]).includes(c.value);
    }
    case 'and':
      return c.parts.every((p) => evaluate(p, a));
    case 'or':
      return c.parts.some((p) => evaluate(p, a));
  }
}

// Controllers: the required fields of the first step that every condition reads. Never given a
// defect, so visibility is the same for all contenders even in invalid answer sets.
const YES_KEYS = ['hatKinder', 'hatFahrzeug', 'istVerheiratet', 'hatNebenwohnung', 'istSelbststaendig'];
const ART_OPTIONS = ['neu', 'aenderung', 'verlaengerung'];
const INTEREST_OPTIONS = ['bau', 'verkehr', 'umwelt', 'kultur'];

/** Simple conditions on controllers; composite ones are and/or of two of these. */
const ATOMS: Cond[] = [
  ...YES_KEYS.slice(1).map((key): Cond => ({ k: 'yes', key })),
  { k: 'eq', key: 'antragsart', value: 'neu' },
  { k: 'oneOf', key: 'antragsart', values: ['neu', 'aenderung'] },
  { k: 'gte', key: 'anzahlPersonen', n: 7 },
  { k: 'has', key: 'interessen', value: 'umwelt' },
];

/** Variant A: every atom true. Variant B: each atom true with a probability of about 0.3–0.5. */
function controllerAnswers(r: Rng, variant: Variant): Answers {
  const a: Answers = {};
  const pYes = variant === 'A' ? 1 : 0.3;
  for (const key of YES_KEYS) a[key] = r() < pYes;
  if (variant === 'A') {
    a.antragsart = 'neu';
    a.anzahlPersonen = int(r, 7, 12);
    a.interessen = INTEREST_OPTIONS.filter((o) => o === 'umwelt' || r() < 0.5);
  } else {
    a.antragsart = r() < 0.3 ? 'neu' : pick(r, ART_OPTIONS.slice(1));
    a.anzahlPersonen = int(r, 1, 12);
    const list = INTEREST_OPTIONS.filter((o) => o !== 'umwelt' && r() < 0.5);
    if (r() < 0.3) list.push('umwelt');
    a.interessen = INTEREST_OPTIONS.filter((o) => list.includes(o));
    if ((a.interessen as string[]).length === 0) a.interessen = ['kultur'];
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Definition

const de = (text: string) => ({ de: text, en: text });
const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: de(`Option ${v}`) }));

const NAME_REGEX = "[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß .'-]*";
const CODE_REGEX = '[A-Z]{2}-[0-9]{4,6}';
const WORDS = ['Anna', 'Müller', 'Jörg', 'Schäfer', 'Lena', 'Groß', 'Paul', 'Weiß', 'Ute', 'Öztürk', 'Bernd'];

export interface Generated {
  definition: ServiceDefinition;
  /** Condition of each conditional field or step, by field key or `step:<id>`. */
  conditions: Map<string, Cond>;
  /** Field keys of the controllers (never given defects). */
  controllers: Set<string>;
  survey: Record<string, unknown>;
}

export function generateDefinition(seed = 20260615): Generated {
  const r = rng(seed);
  const conditions = new Map<string, Cond>();
  const controllers = new Set<string>([...YES_KEYS, 'antragsart', 'anzahlPersonen', 'interessen']);
  let counter = 0;

  const plainField = (required: boolean): Field => {
    counter += 1;
    const n = counter;
    const label = de(`Frage ${n}`);
    const roll = r();
    if (roll < 0.3) {
      const kind = pick(r, ['name', 'code', 'free'] as const);
      const key = `text${n}`;
      if (kind === 'name')
        return {
          type: 'text',
          key,
          label,
          required,
          minLength: 2,
          maxLength: int(r, 20, 60),
          pattern: {
            regex: NAME_REGEX,
            message: de('Nur Buchstaben, Leerzeichen, Punkt, Apostroph und Bindestrich'),
          },
        };
      if (kind === 'code')
        return {
          type: 'text',
          key,
          label,
          required,
          pattern: { regex: CODE_REGEX, message: de('Aktenzeichen wie AB-12345') },
        };
      return { type: 'text', key, label, required, maxLength: int(r, 30, 100) };
    }
    if (roll < 0.42) {
      const min = int(r, 0, 10);
      return { type: 'number', key: `zahl${n}`, label, required, min, max: min + int(r, 5, 500) };
    }
    if (roll < 0.52)
      return {
        type: 'date',
        key: `datum${n}`,
        label,
        required,
        min: `${int(r, 1950, 2000)}-01-01`,
        max: TODAY,
      };
    if (roll < 0.62)
      return {
        type: 'select',
        key: `auswahl${n}`,
        label,
        required,
        options: opts(Array.from({ length: int(r, 5, 12) }, (_, i) => `s${i + 1}`)),
      };
    if (roll < 0.72)
      return {
        type: 'radio',
        key: `radio${n}`,
        label,
        required,
        options: opts(Array.from({ length: int(r, 2, 4) }, (_, i) => `r${i + 1}`)),
      };
    if (roll < 0.8)
      return {
        type: 'checkbox',
        key: `liste${n}`,
        label,
        required,
        options: opts(['k1', 'k2', 'k3', 'k4', 'k5']),
        minSelected: 1,
        maxSelected: 3,
      };
    if (roll < 0.88) return { type: 'yesno', key: `janein${n}`, label, required };
    if (roll < 0.94) return { type: 'email', key: `email${n}`, label, required };
    return { type: 'textarea', key: `text${n}`, label, required, maxLength: int(r, 200, 1000) };
  };

  const fieldCondition = (): Cond => {
    const roll = r();
    if (roll < 0.5) return pick(r, ATOMS);
    const a = pick(r, ATOMS);
    let b = pick(r, ATOMS);
    while (b === a) b = pick(r, ATOMS);
    return { k: roll < 0.75 ? 'and' : 'or', parts: [a, b] };
  };

  // Step 0: the controllers and 12 plain fields.
  const first: Field[] = [
    ...YES_KEYS.map((key): Field => ({ type: 'yesno', key, label: de(key), required: true })),
    {
      type: 'radio',
      key: 'antragsart',
      label: de('Art des Antrags'),
      required: true,
      options: opts(ART_OPTIONS),
    },
    {
      type: 'number',
      key: 'anzahlPersonen',
      label: de('Personen im Haushalt'),
      required: true,
      min: 1,
      max: 12,
    },
    {
      type: 'checkbox',
      key: 'interessen',
      label: de('Themen'),
      required: true,
      options: opts(INTEREST_OPTIONS),
      minSelected: 1,
    },
  ];
  while (first.length < 20) first.push(plainField(r() < 0.6));
  const steps: Step[] = [{ id: 'schritt-1', title: de('Grunddaten'), fields: first }];

  // Steps 2–9: 150 plain fields, 45 of them conditional; steps 6–9 conditional as a whole.
  const stepConditions: Cond[] = [
    { k: 'yes', key: 'hatFahrzeug' },
    { k: 'eq', key: 'antragsart', value: 'neu' },
    { k: 'gte', key: 'anzahlPersonen', n: 7 },
    { k: 'has', key: 'interessen', value: 'umwelt' },
  ];
  const sizes = [19, 19, 19, 19, 19, 19, 18, 18];
  // 45 conditional fields: spread evenly, 6 on each of the first five steps and 5 on the others.
  const conditionalPerStep = [6, 6, 6, 6, 6, 5, 5, 5];
  sizes.forEach((size, i) => {
    const fields: Field[] = [];
    for (let f = 0; f < size; f++) {
      const field = plainField(r() < 0.6);
      // Every third field is conditional until the step's share is used.
      if (
        f % 3 === 1 &&
        fields.filter((x) => x.showIf !== undefined).length < (conditionalPerStep[i] as number)
      ) {
        const cond = fieldCondition();
        conditions.set(field.key, cond);
        field.showIf = toJsonLogic(cond);
      }
      fields.push(field);
    }
    const step: Step = { id: `schritt-${i + 2}`, title: de(`Schritt ${i + 2}`), fields };
    if (i >= 4) {
      const cond = stepConditions[i - 4] as Cond;
      conditions.set(`step:${step.id}`, cond);
      step.showIf = toJsonLogic(cond);
    }
    steps.push(step);
  });

  // Step 10: the repeating group "Kinder" of 10 items, shown when hatKinder.
  const kinder: GroupField = {
    type: 'group',
    key: 'kinder',
    label: de('Kinder'),
    itemLabel: de('Kind'),
    minItems: 1,
    maxItems: REPEAT_ITEMS,
    fields: [
      {
        type: 'text',
        key: 'vorname',
        label: de('Vorname'),
        required: true,
        maxLength: 40,
        pattern: { regex: NAME_REGEX, message: de('Nur Buchstaben') },
      },
      {
        type: 'date',
        key: 'geburtsdatum',
        label: de('Geburtsdatum'),
        required: true,
        min: '2008-06-16',
        max: TODAY,
      },
      {
        type: 'radio',
        key: 'verhaeltnis',
        label: de('Verhältnis'),
        required: true,
        options: opts(['leiblich', 'adoptiert', 'pflege']),
      },
    ],
  };
  const kinderCond: Cond = { k: 'yes', key: 'hatKinder' };
  conditions.set('step:kinder', kinderCond);
  steps.push({ id: 'kinder', title: de('Kinder'), showIf: toJsonLogic(kinderCond), fields: [kinder] });

  const definition: ServiceDefinition = {
    formatVersion: 2,
    id: 'bench-200',
    title: de('Benchmark-Antrag mit 200 Feldern'),
    summary: de('Generiert für npm run bench:engine.'),
    declaration: de('Ich versichere, dass meine Angaben stimmen.'),
    steps,
    local: { office: { name: de('Bürgeramt Musterstadt') } },
  };
  return { definition, conditions, controllers, survey: surveyOf(definition, conditions) };
}

// ---------------------------------------------------------------------------------------------
// SurveyJS equivalent

function surveyOf(definition: ServiceDefinition, conditions: Map<string, Cond>): Record<string, unknown> {
  const pages = definition.steps.map((step) => {
    const stepCond = conditions.get(`step:${step.id}`);
    return {
      name: step.id,
      ...(stepCond && { visibleIf: toSurveyExpression(stepCond) }),
      elements: step.fields.map((field) => {
        const cond = conditions.get(field.key);
        if (field.type === 'group')
          return {
            name: field.key,
            type: 'paneldynamic',
            isRequired: (field.minItems ?? 0) > 0,
            minPanelCount: field.minItems ?? 0,
            maxPanelCount: field.maxItems,
            templateElements: field.fields.map((child) => ({
              name: child.key,
              ...('required' in child && child.required && { isRequired: true }),
              ...surveyQuestion(child),
            })),
          };
        return {
          name: field.key,
          ...('required' in field && field.required && { isRequired: true }),
          ...(cond && { visibleIf: toSurveyExpression(cond) }),
          ...surveyQuestion(field),
        };
      }),
    };
  });
  return { pages, checkErrorsMode: 'onComplete' };
}

function surveyQuestion(field: Field): Record<string, unknown> {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const validators: Record<string, unknown>[] = [];
      if (field.minLength !== undefined || field.maxLength !== undefined)
        validators.push({
          type: 'text',
          ...(field.minLength !== undefined && { minLength: field.minLength }),
          ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
        });
      if (field.type === 'text' && field.pattern)
        validators.push({
          type: 'regex',
          regex: `^(?:${field.pattern.regex})$`,
          text: field.pattern.message.de,
        });
      return { type: field.type === 'text' ? 'text' : 'comment', validators };
    }
    case 'number':
      return { type: 'text', inputType: 'number', min: field.min, max: field.max };
    case 'date':
      return { type: 'text', inputType: 'date', min: field.min, max: field.max };
    case 'email':
      return { type: 'text', inputType: 'email', validators: [{ type: 'email' }] };
    case 'select':
      return { type: 'dropdown', choices: field.options.map((o) => o.value) };
    case 'radio':
      return { type: 'radiogroup', choices: field.options.map((o) => o.value) };
    case 'checkbox':
      return {
        type: 'checkbox',
        choices: field.options.map((o) => o.value),
        // SurveyJS applies minSelectedChoices to an unanswered optional question too; the engine
        // (like JSON Schema) only to an answer. With a minimum of 1 the two agree only without it.
        ...(field.minSelected !== undefined &&
          (field.required || field.minSelected > 1) && { minSelectedChoices: field.minSelected }),
        ...(field.maxSelected !== undefined && { maxSelectedChoices: field.maxSelected }),
      };
    case 'yesno':
      return { type: 'boolean' };
    default:
      throw new Error(`bench generator: no SurveyJS mapping for ${field.type}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Answer sets

export type Variant = 'A' | 'B';

export interface AnswerSet {
  /** Stored answers as `finalize` receives them: only visible fields of applicable steps. */
  answers: Answers;
  /** Posted form input per applicable step, in order (what `submitStep` receives). */
  raw: Array<{ stepId: string; input: RawInput }>;
  /** Inputs the engine must report, by field key or `kinder-<n>-<field>` (empty for a valid set). */
  expectedErrors: string[];
  /** Answer fields visible in this set. */
  visibleFields: number;
}

type Defect = 'missing' | 'tooLong' | 'pattern' | 'range' | 'email' | 'option';

function defectsFor(field: Field): Defect[] {
  const list: Defect[] = [];
  if ('required' in field && field.required) list.push('missing');
  if ((field.type === 'text' || field.type === 'textarea') && field.maxLength !== undefined)
    list.push('tooLong');
  if (field.type === 'text' && field.pattern) list.push('pattern');
  if (field.type === 'number' || field.type === 'date') list.push('range');
  if (field.type === 'email') list.push('email');
  // Unknown codes only on required choices: SurveyJS treats an unknown choice as no answer.
  if ((field.type === 'radio' || field.type === 'select') && field.required) list.push('option');
  return list;
}

function nameText(r: Rng, max: number): string {
  let text = pick(r, WORDS);
  while (r() < 0.5) {
    const next = `${text} ${pick(r, WORDS)}`;
    if (next.length > max) break;
    text = next;
  }
  return text.slice(0, max);
}

function isoBetween(r: Rng, min: string, max: string): string {
  const lo = Date.parse(`${min}T00:00:00Z`);
  const hi = Date.parse(`${max}T00:00:00Z`);
  return new Date(lo + Math.floor(r() * ((hi - lo) / 86_400_000 + 1)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

function validValue(r: Rng, field: Field): AnswerValue {
  switch (field.type) {
    case 'text':
      if (field.pattern?.regex === CODE_REGEX)
        return `${String.fromCharCode(65 + int(r, 0, 25), 65 + int(r, 0, 25))}-${int(r, 1000, 999_999)}`;
      if (field.pattern) return nameText(r, field.maxLength ?? 40);
      return `Freitext ${int(r, 1, 1e6)} ${pick(r, WORDS)}`.slice(0, field.maxLength ?? 100);
    case 'textarea':
      return `Begründung ${int(r, 1, 1e6)}: ${Array.from({ length: int(r, 1, 12) }, () => pick(r, WORDS)).join(' ')}`;
    case 'number':
      return int(r, field.min ?? 0, field.max ?? 1000);
    case 'date':
      return isoBetween(r, field.min ?? '1950-01-01', field.max ?? TODAY);
    case 'email':
      return `${pick(r, ['anna', 'paul', 'ute'])}.${int(r, 1, 9999)}@beispiel.de`;
    case 'select':
    case 'radio':
      return pick(r, field.options).value;
    case 'checkbox': {
      const max = field.maxSelected ?? field.options.length;
      const wanted = int(r, field.minSelected ?? 1, max);
      const chosen = new Set<string>();
      while (chosen.size < wanted) chosen.add(pick(r, field.options).value);
      return field.options.map((o) => o.value).filter((v) => chosen.has(v));
    }
    case 'yesno':
      return r() < 0.5;
    default:
      throw new Error(`bench generator: no value for ${field.type}`);
  }
}

function brokenValue(r: Rng, field: Field, defect: Exclude<Defect, 'missing'>): AnswerValue {
  switch (defect) {
    case 'tooLong': {
      const max = (field as { maxLength: number }).maxLength;
      return 'Lang'.repeat(Math.ceil((max + 3) / 4)).slice(0, max + int(r, 1, 5));
    }
    case 'pattern':
      return `${validValue(r, field)}#${int(r, 0, 9)}`;
    case 'range':
      if (field.type === 'number')
        return r() < 0.5 ? (field.max ?? 0) + int(r, 1, 50) : (field.min ?? 0) - int(r, 1, 5);
      return isoBetween(r, '1900-01-01', '1949-12-31');
    case 'email':
      return pick(r, ['kein-at-zeichen.de', 'anna@', '@beispiel.de', 'a b@beispiel.de']);
    case 'option':
      return `zz${int(r, 1, 99)}`;
  }
}

function rawOf(field: Field, value: AnswerValue): RawInput {
  switch (field.type) {
    case 'date': {
      const [y, m, d] = String(value).split('-');
      return {
        [`${field.key}-day`]: String(Number(d)),
        [`${field.key}-month`]: String(Number(m)),
        [`${field.key}-year`]: y,
      };
    }
    case 'yesno':
      return { [field.key]: value === true ? 'yes' : 'no' };
    case 'checkbox':
      return { [field.key]: value as string[] };
    default:
      return { [field.key]: String(value) };
  }
}

export function generateAnswerSets(gen: Generated, variant: Variant, count = ANSWER_SETS): AnswerSet[] {
  const r = rng(variant === 'A' ? 0xa11ce : 0xb0b);
  const sets: AnswerSet[] = [];
  const seen = new Set<string>();
  const { definition, conditions, controllers } = gen;
  while (sets.length < count) {
    const invalid = sets.length % 2 === 1;
    const control = controllerAnswers(r, variant);
    const answers: Answers = {};
    const visible: Array<{ field: Field; stepIndex: number }> = [];
    /** Item fields, for defects: the group, the item (1-based) and its record. */
    const items: Array<{
      group: GroupField;
      n: number;
      field: ItemField;
      record: Record<string, AnswerValue>;
    }> = [];
    definition.steps.forEach((step, stepIndex) => {
      const stepCond = conditions.get(`step:${step.id}`);
      if (stepCond && !evaluate(stepCond, control)) return;
      for (const field of step.fields) {
        const cond = conditions.get(field.key);
        if (cond && !evaluate(cond, control)) continue;
        visible.push({ field, stepIndex });
        if (field.type === 'group') {
          const records: AnswerRecord[] = [];
          for (let n = 1; n <= field.maxItems; n++) {
            const record: Record<string, AnswerValue> = {};
            for (const child of field.fields) {
              record[child.key] = validValue(r, child);
              items.push({ group: field, n, field: child, record });
            }
            records.push(record);
          }
          answers[field.key] = records;
        } else if (controllers.has(field.key)) answers[field.key] = control[field.key] as AnswerValue;
        else if (('required' in field && field.required) || r() < 0.75)
          answers[field.key] = validValue(r, field);
      }
    });

    const expectedErrors: string[] = [];
    if (invalid) {
      const plain = visible.filter(({ field }) => !controllers.has(field.key) && field.type !== 'group');
      const wanted = int(r, 1, 3);
      while (expectedErrors.length < wanted) {
        // About one defect in four inside an item of the group, when it is shown.
        if (items.length > 0 && r() < 0.25) {
          const { group, n, field, record } = pick(r, items);
          const id = `${group.key}-${n}-${field.key}`;
          const defect = pick(r, defectsFor(field));
          // An item left with no answer at all is one "empty item" error, not one per field.
          if (expectedErrors.includes(id) || (defect === 'missing' && Object.keys(record).length === 1))
            continue;
          if (defect === 'missing') delete record[field.key];
          else record[field.key] = brokenValue(r, field, defect);
          expectedErrors.push(id);
          continue;
        }
        const { field } = pick(r, plain);
        const possible = defectsFor(field);
        if (possible.length === 0 || expectedErrors.includes(field.key)) continue;
        const defect = pick(r, possible);
        if (defect === 'missing') delete answers[field.key];
        else answers[field.key] = brokenValue(r, field, defect);
        expectedErrors.push(field.key);
      }
    }

    const raw: AnswerSet['raw'] = [];
    for (const { field, stepIndex } of visible) {
      const stepId = (definition.steps[stepIndex] as Step).id;
      let entry = raw[raw.length - 1];
      if (entry?.stepId !== stepId) {
        entry = { stepId, input: {} };
        raw.push(entry);
      }
      const value = answers[field.key];
      if (field.type === 'group') {
        // As the step form posts it: the item count and each item's inputs under their names.
        const records = value as AnswerRecord[];
        entry.input[`${field.key}-items`] = String(records.length);
        records.forEach((record, i) => {
          for (const child of field.fields) {
            const v = record[child.key];
            const named = { ...child, key: `${field.key}-${i + 1}-${child.key}` } as ItemField;
            if (v !== undefined) Object.assign(entry.input, rawOf(named, v));
          }
        });
      } else if (value !== undefined) Object.assign(entry.input, rawOf(field, value));
    }

    const fingerprint = JSON.stringify(answers);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const visibleFields = visible.reduce(
      (n, { field }) => n + (field.type === 'group' ? field.maxItems * field.fields.length : 1),
      0,
    );
    sets.push({ answers, raw, expectedErrors: expectedErrors.sort(), visibleFields });
  }
  return sets;
}
