/**
 * Texts of a logged-in citizen's account (ADR 0049): prefilled fields, "Meine Anträge", and the
 * caseworker's marks of prefilled values. German first; the English catalogue must have every key
 * (the type checker enforces it).
 */
export const accountDe = {
  'prefill.editable': 'Aus Ihrem Konto übernommen. Sie können die Angabe ändern.',
  'prefill.locked': 'Aus Ihrem Konto übernommen. Diese Angabe kann hier nicht geändert werden.',
  'prefill.kept':
    'Eine Angabe aus Ihrem Konto kann hier nicht geändert werden. Wir haben die Angabe aus Ihrem Konto beibehalten. Prüfen Sie bitte die Seite und gehen Sie dann weiter.',
  'staff.prefill.heading': 'Aus dem Nutzerkonto übernommen',
  'staff.prefill.intro':
    'Diese Angaben hat das Nutzerkonto der antragstellenden Person bestätigt. „Geändert“ heißt: Die Person hat die bestätigte Angabe im Antrag geändert.',
  'staff.prefill.field': 'Angabe',
  'staff.prefill.vouched': 'Wert laut Nutzerkonto',
  'staff.prefill.state': 'Im Antrag',
  'staff.prefill.kept': 'unverändert übernommen',
  'staff.prefill.changed': 'geändert',
  'myApplications.link': 'Meine Anträge',
  'myApplications.title': 'Meine Anträge',
  'myApplications.intro':
    'Hier finden Sie die Anträge, die Sie bei dieser Stelle angemeldet begonnen oder gesendet haben – auch auf einem anderen Gerät.',
  'myApplications.loginNeeded':
    'Melden Sie sich bei einem Antrag mit Ihrem Nutzerkonto an. Danach finden Sie hier Ihre Anträge.',
  'myApplications.drafts': 'Nicht abgeschlossene Anträge',
  'myApplications.noDrafts': 'Sie haben keine nicht abgeschlossenen Anträge.',
  'myApplications.submitted': 'Gesendete Anträge',
  'myApplications.noSubmitted': 'Sie haben noch keine Anträge gesendet.',
  'myApplications.service': 'Leistung',
  'myApplications.lastSaved': 'Zuletzt gespeichert',
  'myApplications.deletedOn': 'Wird gelöscht am',
  'myApplications.continue': 'Fortsetzen',
  'myApplications.continueLabel': 'Antrag „{service}“ fortsetzen',
  'myApplications.reference': 'Aktenzeichen',
  'myApplications.submittedAt': 'Gesendet am',
  'myApplications.status': 'Stand',
  'myApplications.occupied':
    'In diesem Browser ist schon ein anderer Antrag für „{service}“ begonnen, ohne Anmeldung. Schließen Sie diesen zuerst ab oder verwerfen Sie ihn; dann können Sie hier fortsetzen.',
  'myApplications.gone': 'Diesen Antrag gibt es nicht (mehr) unter Ihren Anträgen.',
} as const;

export const accountEn: Record<keyof typeof accountDe, string> = {
  'prefill.editable': 'Taken from your account. You can change it.',
  'prefill.locked': 'Taken from your account. This cannot be changed here.',
  'prefill.kept':
    'A detail from your account cannot be changed here. We kept the detail from your account. Please check the page and then continue.',
  'staff.prefill.heading': 'Taken from the user account',
  'staff.prefill.intro':
    "The applicant's user account confirmed these details. “Changed” means the applicant changed the confirmed detail in the application.",
  'staff.prefill.field': 'Detail',
  'staff.prefill.vouched': 'Value according to the account',
  'staff.prefill.state': 'In the application',
  'staff.prefill.kept': 'taken over unchanged',
  'staff.prefill.changed': 'changed',
  'myApplications.link': 'My applications',
  'myApplications.title': 'My applications',
  'myApplications.intro':
    'Here you find the applications you started or sent here while logged in – on another device too.',
  'myApplications.loginNeeded':
    'Log in with your user account on an application. Afterwards you find your applications here.',
  'myApplications.drafts': 'Unfinished applications',
  'myApplications.noDrafts': 'You have no unfinished applications.',
  'myApplications.submitted': 'Sent applications',
  'myApplications.noSubmitted': 'You have not sent any applications yet.',
  'myApplications.service': 'Service',
  'myApplications.lastSaved': 'Last saved',
  'myApplications.deletedOn': 'Deleted on',
  'myApplications.continue': 'Continue',
  'myApplications.continueLabel': 'Continue the application “{service}”',
  'myApplications.reference': 'Reference',
  'myApplications.submittedAt': 'Sent on',
  'myApplications.status': 'Status',
  'myApplications.occupied':
    'Another application for “{service}” was already started in this browser, without logging in. Finish or discard it first; then you can continue here.',
  'myApplications.gone': 'This application is not (or no longer) among your applications.',
};
