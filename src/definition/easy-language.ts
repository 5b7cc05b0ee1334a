/**
 * Leichte Sprache (ADR 0019): a definition may give a Leichte-Sprache version (`ls`) of its start
 * page texts, step descriptions, help texts and text blocks. For a citizen who chose Leichte
 * Sprache the web layer renders `inEasyLanguage(definition)`: the same definition with each of
 * those texts' German replaced by its `ls` version where there is one, and left as it is where
 * there is none (standard German is the fallback, as German is English's).
 *
 * Replacing the German rather than adding a third locale keeps every view, field handler and the
 * browser enhancement as they are: they render German, whichever German it is. Labels, options,
 * messages and the declaration have no `ls` (the schema refuses it): they must read the same for
 * the citizen and for the caseworker who decides on the answers.
 */
import { factsOf } from './field-types/table.ts';
import type { EasyText, Field, ServiceDefinition, Step } from './types.ts';

/** The text with its Leichte-Sprache version as German, or the text itself when it has none. */
export function easyText<T extends EasyText | undefined>(text: T): T {
  return text?.ls ? { ...text, de: text.ls } : text;
}

/** The field with its help texts in Leichte Sprache (a group's item fields too). */
export function easyField<F extends Field>(field: F): F {
  return factsOf(field).easyTexts(field, easyText) as F;
}

function easyStep(step: Step): Step {
  return {
    ...step,
    ...(step.description && { description: easyText(step.description) }),
    fields: step.fields.map(easyField),
  };
}

// Published definitions are immutable, so each is converted once.
const converted = new WeakMap<ServiceDefinition, ServiceDefinition>();

/** The definition as a citizen who chose Leichte Sprache reads it (see the module comment). */
export function inEasyLanguage(definition: ServiceDefinition): ServiceDefinition {
  let easy = converted.get(definition);
  if (!easy) {
    const sp = definition.startPage;
    easy = {
      ...definition,
      summary: easyText(definition.summary),
      ...(sp && {
        startPage: {
          ...sp,
          ...(sp.description && { description: easyText(sp.description) }),
          ...(sp.whatYouNeed && { whatYouNeed: sp.whatYouNeed.map((x) => easyText(x)) }),
          ...(sp.duration && { duration: easyText(sp.duration) }),
        },
      }),
      steps: definition.steps.map(easyStep),
      local: {
        ...definition.local,
        ...(definition.local.cost && { cost: easyText(definition.local.cost) }),
        ...(definition.local.nextSteps && { nextSteps: easyText(definition.local.nextSteps) }),
      },
    };
    converted.set(definition, easy);
  }
  return easy;
}

/** Every text of the definition that may have a Leichte-Sprache version. */
function easyTexts(definition: ServiceDefinition): EasyText[] {
  const sp = definition.startPage;
  const out: Array<EasyText | undefined> = [
    definition.summary,
    sp?.description,
    ...(sp?.whatYouNeed ?? []),
    definition.local.cost,
    sp?.duration,
    definition.local.nextSteps,
  ];
  // The field type knows its texts: visiting them collects them (the converted copy is dropped).
  const collect = (text: EasyText): EasyText => {
    out.push(text);
    return text;
  };
  for (const step of definition.steps) {
    out.push(step.description);
    for (const field of step.fields) factsOf(field).easyTexts(field, collect);
  }
  return out.filter((x): x is EasyText => x !== undefined);
}

/**
 * How much of the definition is in Leichte Sprache: `all` of the texts that may have a version,
 * `some`, or `none`. The start page says so to a citizen who chose Leichte Sprache.
 */
export function easyLanguageCoverage(definition: ServiceDefinition): 'all' | 'some' | 'none' {
  const texts = easyTexts(definition);
  const easy = texts.filter((x) => x.ls !== undefined).length;
  if (easy === 0) return 'none';
  return easy === texts.length ? 'all' : 'some';
}
