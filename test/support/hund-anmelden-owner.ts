/** Fills the first step of the demo service "Hund anmelden" (the dog's owner) in the browser. */
import type { Page } from 'playwright-core';

export interface Owner {
  firstName: string;
  lastName: string;
  birth: { day: string; month: string; year: string };
  street: string;
  houseNumber: string;
}

export const ERIKA: Owner = {
  firstName: 'Erika',
  lastName: 'Musterfrau',
  birth: { day: '27', month: '3', year: '1985' },
  street: 'Hauptstraße',
  houseNumber: '12a',
};

export async function fillOwner(page: Page, owner: Owner = ERIKA): Promise<void> {
  await page.getByLabel('Vorname', { exact: true }).fill(owner.firstName);
  await page.getByLabel('Nachname', { exact: true }).fill(owner.lastName);
  const birth = page.getByRole('group', { name: /^Geburtsdatum/ });
  await birth.getByLabel('Tag').fill(owner.birth.day);
  await birth.getByLabel('Monat').fill(owner.birth.month);
  await birth.getByLabel('Jahr').fill(owner.birth.year);
  await page.getByLabel('Straße').fill(owner.street);
  await page.getByLabel('Hausnummer').fill(owner.houseNumber);
  await page.getByLabel('Postleitzahl').fill('38300');
  await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
}
