/**
 * Texts of the identity recorded with a submission, of Schriftformersatz and of the citizen pages'
 * login header (ADR 0048). German first; the English catalogue must have every key.
 */
export const identityRecordDe = {
  'header.loggedInAs': 'Angemeldet als {name} (Vertrauensniveau „{level}“)',
  'header.loggedInVia': 'Angemeldet über {provider}, Vertrauensniveau „{level}“',
  'header.logout': 'Abmelden',
  'sfe.check.title': 'Dieser Antrag ersetzt die Schriftform',
  'sfe.check.body':
    'Wenn Sie diesen Antrag absenden, ist er so verbindlich wie ein eigenhändig unterschriebener Brief (Schriftformersatz nach {basis}). Ihre Anmeldung mit {provider} (Vertrauensniveau „{level}“) tritt an die Stelle Ihrer Unterschrift und wird mit dem Antrag gespeichert.',
  'sfe.check.hasty':
    'Lesen Sie die Erklärung und Ihre Angaben in Ruhe, bevor Sie absenden. Senden Sie nicht übereilt ab: Ein abgesandter Antrag lässt sich nicht zurückholen.',
  'sfe.confirmation':
    'Ihr Antrag wurde als Schriftformersatz ({basis}) eingereicht: mit Ihrer Anmeldung über {provider}, Vertrauensniveau „{level}“, am {at}. Er ist so verbindlich wie ein unterschriebener Brief.',
  'staff.identity.heading': 'Identität der antragstellenden Person',
  'staff.identity.none': 'Ohne Anmeldung eingereicht.',
  'staff.identity.level': 'Vertrauensniveau',
  'staff.identity.provider': 'Identitätsanbieter',
  'staff.identity.loggedInAt': 'Angemeldet am',
  'staff.identity.subject': 'Pseudonym beim Anbieter',
  'staff.identity.name': 'Name (vom Anbieter bestätigt)',
  'staff.identity.organization': 'Organisation (vom Anbieter bestätigt)',
  'staff.identity.birthDate': 'Geburtsdatum (vom Anbieter bestätigt)',
  'staff.identity.address': 'Anschrift (vom Anbieter bestätigt)',
  'staff.identity.schriftformersatz': 'Schriftformersatz',
  'staff.identity.schriftformersatz.yes':
    'Ja: eingereicht als Schriftformersatz ({basis}); die Anmeldung ersetzt die Unterschrift.',
  'staff.inbox.colIdentity': 'Identität',
  'staff.inbox.identityNone': 'keine Anmeldung',
  'staff.inbox.identity': '{level} · {provider}',
  'staff.inbox.sfe': 'Schriftformersatz',
  'editor.general.identityLevel': 'Anmeldung mit Nutzerkonto',
  'editor.general.identityLevel.hint':
    'Mit welchem Vertrauensniveau sich Antragstellende mindestens anmelden müssen.',
  'editor.general.identityLevel.none': 'keine Anmeldung nötig',
  'editor.general.schriftformersatz': 'Der Online-Antrag ersetzt die Schriftform (Schriftformersatz)',
  'editor.general.schriftformersatz.hint':
    'Nur ankreuzen, wenn das Fachrecht die Schriftform verlangt und Ihre Stelle entschieden hat, sie nach § 3a Abs. 2 VwVfG und § 9a OZG elektronisch zu ersetzen. Das Absenden verlangt dann die Anmeldung; veröffentlicht wird nur mit dem Mindest-Vertrauensniveau der Installation (in der Regel „hoch“).',
};

export const identityRecordEn: Record<keyof typeof identityRecordDe, string> = {
  'header.loggedInAs': 'Logged in as {name} (level “{level}”)',
  'header.loggedInVia': 'Logged in through {provider}, level “{level}”',
  'header.logout': 'Log out',
  'sfe.check.title': 'This application replaces the written form',
  'sfe.check.body':
    'Once you send this application, it is as binding as a letter you signed by hand (Schriftformersatz under {basis}). Your login with {provider} (level “{level}”) takes the place of your signature and is stored with the application.',
  'sfe.check.hasty':
    'Read the declaration and your answers calmly before you send. Do not send in haste: an application that was sent cannot be taken back.',
  'sfe.confirmation':
    'Your application was submitted as Schriftformersatz ({basis}): with your login through {provider}, level “{level}”, on {at}. It is as binding as a signed letter.',
  'staff.identity.heading': 'Identity of the applicant',
  'staff.identity.none': 'Submitted without a login.',
  'staff.identity.level': 'Level of assurance (Vertrauensniveau)',
  'staff.identity.provider': 'Identity provider',
  'staff.identity.loggedInAt': 'Logged in at',
  'staff.identity.subject': 'Pseudonym at the provider',
  'staff.identity.name': 'Name (confirmed by the provider)',
  'staff.identity.organization': 'Organisation (confirmed by the provider)',
  'staff.identity.birthDate': 'Date of birth (confirmed by the provider)',
  'staff.identity.address': 'Address (confirmed by the provider)',
  'staff.identity.schriftformersatz': 'Schriftformersatz',
  'staff.identity.schriftformersatz.yes':
    'Yes: submitted as Schriftformersatz ({basis}); the login replaces the signature.',
  'staff.inbox.colIdentity': 'Identity',
  'staff.inbox.identityNone': 'no login',
  'staff.inbox.identity': '{level} · {provider}',
  'staff.inbox.sfe': 'Schriftformersatz',
  'editor.general.identityLevel': 'Login with a user account',
  'editor.general.identityLevel.hint': 'The lowest level of assurance applicants must log in with.',
  'editor.general.identityLevel.none': 'no login needed',
  'editor.general.schriftformersatz': 'The online application replaces the written form (Schriftformersatz)',
  'editor.general.schriftformersatz.hint':
    'Tick only if the law requires the written form and your office decided to replace it electronically under § 3a (2) VwVfG and § 9a OZG. Sending then requires the login; publishing needs at least the installation’s minimum level (usually “hoch”).',
};
