/**
 * The test personas of the built-in test identity provider. Fictional people and a fictional
 * business: the names are the ones German specimen documents use, the addresses are made up (the
 * postcodes exist, the house numbers are invented), the e-mail domain is reserved for examples.
 * Each can log in at every Vertrauensniveau: the login page asks which one, so a test can log in
 * at niedrig first and step up to hoch later.
 */
export interface TestPersona {
  /** The pseudonymous subject (`sub`) the provider issues: stable, random-looking, no name in it. */
  readonly id: string;
  /** What the persona stands for, for the chooser (German, English). */
  readonly description: { de: string; en: string };
  /** The OpenID Connect claims the persona has (scope `profile`, `email`, `address`, `organization`). */
  readonly claims: Readonly<Record<string, unknown>>;
}

export const TEST_PERSONAS: readonly TestPersona[] = [
  {
    id: 'tp-5c1e0b7a2f94',
    description: {
      de: 'Privatperson mit vollständiger Anschrift',
      en: 'Private person with a full address',
    },
    claims: {
      given_name: 'Erika',
      family_name: 'Mustermann',
      birthdate: '1964-08-12',
      email: 'erika.mustermann@example.org',
      email_verified: true,
      address: {
        street_address: 'Heidestraße 17',
        postal_code: '51147',
        locality: 'Köln',
        country: 'DE',
      },
    },
  },
  {
    id: 'tp-93ad4e61c8b0',
    description: {
      de: 'Privatperson ohne Anschrift (z. B. ohne festen Wohnsitz)',
      en: 'Private person without an address (e.g. no fixed abode)',
    },
    claims: {
      given_name: 'Jonas',
      family_name: 'Beispiel',
      birthdate: '1990-02-28',
      email: 'jonas.beispiel@example.org',
      email_verified: true,
    },
  },
  {
    id: 'tp-e47f2d90b315',
    description: { de: 'Unternehmen', en: 'Business' },
    claims: {
      organization_name: 'Musterbau GmbH',
      given_name: 'Tobias',
      family_name: 'Bauer',
      email: 'info@musterbau.example.org',
      email_verified: true,
      address: {
        street_address: 'Industriestraße 4',
        postal_code: '70565',
        locality: 'Stuttgart',
        country: 'DE',
      },
    },
  },
];

export function personaById(id: string): TestPersona | undefined {
  return TEST_PERSONAS.find((p) => p.id === id);
}

/** A persona's name as the chooser shows it: the business's name, or the person's. */
export function personaName(persona: TestPersona): string {
  const { organization_name: business, given_name: given, family_name: family } = persona.claims;
  return typeof business === 'string' ? business : `${String(given)} ${String(family)}`;
}
