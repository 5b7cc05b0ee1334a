/**
 * A generated 500-field service definition for the benches (bench/merge.ts,
 * bench/designer-editor.ts), the same on every run: 10 steps of 50 fields (text, number, date,
 * select/radio with options, yes/no), conditions on the first step's answers, a validation, a
 * computed value and a fee.
 */
import type { Field, Step } from '../src/definition/types.ts';

const STEPS = 10;
const FIELDS_PER_STEP = 50;

export const de = (text: string) => ({ de: text, en: `${text} (en)` });
const options = (n: number) =>
  Array.from({ length: 5 }, (_, i) => ({ value: `o${n}-${i}`, label: de(`Möglichkeit ${i + 1}`) }));

/** The n-th field: types in turn; every 7th shown only when a controller of step 1 says yes. */
function makeField(n: number, stepIndex: number): Field {
  const label = de(`Frage ${n}`);
  const showIf = stepIndex > 0 && n % 7 === 0 ? { '==': [{ var: `steuer${n % 5}` }, true] } : undefined;
  const common = { label, ...(showIf && { showIf }) };
  switch (n % 6) {
    case 0:
      return { type: 'text', key: `text${n}`, required: n % 2 === 0, maxLength: 80, ...common };
    case 1:
      return { type: 'number', key: `zahl${n}`, min: 0, max: 1000, ...common };
    case 2:
      return { type: 'date', key: `datum${n}`, notInFuture: true, ...common };
    case 3:
      return { type: 'select', key: `auswahl${n}`, options: options(n), ...common };
    case 4:
      return { type: 'radio', key: `wahl${n}`, options: options(n), ...common };
    default:
      return { type: 'yesno', key: `janein${n}`, ...common };
  }
}

export function generateBase(): unknown {
  const steps: Step[] = [];
  let n = 0;
  for (let s = 0; s < STEPS; s++) {
    const fields: Field[] = [];
    if (s === 0) {
      for (let c = 0; c < 5; c++)
        fields.push({ type: 'yesno', key: `steuer${c}`, label: de(`Steuerfrage ${c}`) });
    }
    while (fields.length < FIELDS_PER_STEP) fields.push(makeField(++n, s));
    steps.push({
      id: `schritt-${s + 1}`,
      title: de(`Schritt ${s + 1}`),
      fields,
      ...(s === 2 && {
        validations: [
          {
            id: 'zahlPasst',
            rule: { '<=': [{ var: 'zahl97' }, 500] },
            message: de('Zu groß'),
            fields: ['zahl97'],
          },
        ],
      }),
    });
  }
  return {
    formatVersion: 2,
    id: 'bench-500',
    title: de('Benchmark-Antrag mit 500 Feldern'),
    summary: de('Ein erzeugter Antrag für den Benchmark der Zusammenführung.'),
    declaration: de('Meine Angaben sind richtig.'),
    steps,
    computed: [{ key: 'summe', rule: { '+': [{ var: ['zahl1', 0] }, { var: ['zahl7', 0] }] } }],
    local: {
      office: { name: de('Stadt Musterstadt, Bürgerbüro'), email: 'buergerbuero@musterstadt.example' },
      fee: { label: de('Gebühr'), rule: { if: [{ var: 'steuer0' }, 2000, 1000] } },
    },
  };
}
