/**
 * The editor's identity settings on the start-page form (ADR 0036, ADR 0048): the Vertrauensniveau
 * and the Schriftformersatz tick. Apart from `designer-editor.ts` so the page gains one call.
 */
import { ASSURANCE_LEVELS } from '../../definition/assurance-level.ts';
import { IDENTITY_LEVEL_INPUT, SCHRIFTFORMERSATZ_INPUT } from '../../definition/edit/identity.ts';
import type { Identity, Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { selectInput, singleCheckbox } from './admin-form.ts';

export function identitySettings(l: Locale, identity: Partial<Identity> | undefined): SafeHtml {
  return html`${selectInput(l, {
    id: 'in-identity-level',
    name: IDENTITY_LEVEL_INPUT,
    value: identity?.level ?? '',
    label: t(l, 'editor.general.identityLevel'),
    hint: t(l, 'editor.general.identityLevel.hint'),
    choices: [
      { value: '', label: t(l, 'editor.general.identityLevel.none') },
      ...ASSURANCE_LEVELS.map((level) => ({ value: level, label: t(l, `level.${level}`) })),
    ],
  })}
  ${singleCheckbox(l, {
    id: 'in-identity-schriftformersatz',
    name: SCHRIFTFORMERSATZ_INPUT,
    checked: identity?.schriftformersatz === true,
    label: t(l, 'editor.general.schriftformersatz'),
    hint: t(l, 'editor.general.schriftformersatz.hint'),
  })}`;
}
