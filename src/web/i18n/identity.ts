/**
 * Texts of citizen identity: the built-in test identity provider's pages and the Vertrauensniveau.
 * German first; the English catalogue must have every key (the type checker enforces it).
 */
export const identityDe = {
  'login.title': 'Anmelden',
  'login.stepUp.title': 'Erneut anmelden',
  'login.required':
    'Für diesen Antrag melden Sie sich mit einem Nutzerkonto an, mindestens mit dem Vertrauensniveau „{level}“. Ihre Angaben bleiben dabei erhalten.',
  'login.stepUp':
    'Sie sind mit dem Vertrauensniveau „{current}“ angemeldet. Dieser Antrag verlangt mindestens „{level}“, zum Beispiel eine Anmeldung mit dem Online-Ausweis. Melden Sie sich bitte erneut an. Ihre Angaben bleiben dabei erhalten.',
  'login.with': 'Anmelden mit {provider}',
  'login.noneOffered':
    'Für diesen Antrag ist eine Anmeldung nötig, aber zurzeit ist keine Anmeldung eingerichtet. Wenden Sie sich bitte an die zuständige Stelle.',
  'login.cancelled': 'Sie haben die Anmeldung abgebrochen. Sie können es erneut versuchen.',
  'login.failed': 'Die Anmeldung hat nicht geklappt. Versuchen Sie es bitte erneut.',
  'login.loggedInAs': 'Angemeldet mit {provider}, Vertrauensniveau „{level}“.',
  'login.logout': 'Abmelden',
  'login.unknown.title': 'Diese Anmeldung ist nicht mehr gültig',
  'login.unknown.body':
    'Die Anmeldung ist abgelaufen, wurde schon verwendet oder in einem anderen Browser begonnen. Öffnen Sie Ihren Antrag und melden Sie sich dort erneut an.',
  'login.refused.title': 'Die Anmeldung wurde abgelehnt',
  'login.refused.body':
    'Die Antwort Ihres Nutzerkontos konnte nicht sicher geprüft werden. Sie sind nicht angemeldet, Ihre Angaben im Antrag bleiben erhalten. Versuchen Sie es bitte erneut; wenn es wieder nicht klappt, wenden Sie sich an die zuständige Stelle.',
  'login.refused.back': 'Zurück zur Anmeldung',
  'logout.ended.title': 'Sie wurden abgemeldet',
  'logout.ended.body':
    'Ihr Nutzerkonto hat die Anmeldung beendet. Ihre Angaben in begonnenen Anträgen bleiben erhalten; melden Sie sich erneut an, um weiterzumachen.',
  'logout.refused.title': 'Die Abmeldung konnte nicht geprüft werden',
  'logout.refused.body':
    'Die Nachricht Ihres Nutzerkontos zur Abmeldung konnte nicht sicher geprüft werden. Schließen Sie den Browser, um sicher zu sein, dass niemand Ihre Sitzung weiter nutzt.',
  'setting.identity.providers.title': 'Anmeldung mit Nutzerkonto',
  'setting.identity.providers.intro':
    'Mit welchen Nutzerkonten (Identitätsanbietern) sich Bürgerinnen und Bürger bei Ihren Leistungen anmelden können. Welche Anbieter es gibt, legt der Betrieb fest.',
  'setting.identity.providers.offered': 'Angebotene Anbieter',
  'setting.identity.providers.offered.hint':
    'Kennungen der Anbieter, durch Kommas getrennt, in der Reihenfolge der Anmeldeseite, z. B. „bundid, servicekonto“. Leer: keine Anmeldung.',
  'setting.identity.providers.summary': 'angeboten: {offered}',
  'setting.identity.providers.summary.none': 'keine Anmeldung angeboten',
  'level.niedrig': 'niedrig',
  'level.substanziell': 'substanziell',
  'level.hoch': 'hoch',
  'testIdp.siteName': 'Test-Identitätsanbieter',
  'testIdp.banner.title': 'Testsystem – keine echte Anmeldung',
  'testIdp.banner.body':
    'Dies ist der eingebaute Test-Identitätsanbieter von Amtsweg. Hier kann sich jede Person als jede Testperson anmelden. Nutzen Sie ihn nur zum Ausprobieren, nie für echte Anträge.',
  'testIdp.title': 'Als Testperson anmelden',
  'testIdp.intro': 'Wählen Sie eine Testperson und das Vertrauensniveau, mit dem sie sich anmeldet.',
  'testIdp.persona': 'Testperson',
  'testIdp.level': 'Vertrauensniveau',
  'testIdp.levelRequested': 'Der Online-Dienst hat das Vertrauensniveau „{level}“ angefragt.',
  'testIdp.level.niedrig.hint': 'Wie eine Anmeldung mit Benutzername und Passwort.',
  'testIdp.level.substanziell.hint': 'Wie eine Anmeldung mit einem ELSTER-Zertifikat.',
  'testIdp.level.hoch.hint': 'Wie eine Anmeldung mit dem Online-Ausweis (eID).',
  'testIdp.personaMissing': 'Wählen Sie eine Testperson aus.',
  'testIdp.levelMissing': 'Wählen Sie ein Vertrauensniveau aus.',
  'testIdp.login': 'Anmelden',
  'testIdp.cancel': 'Anmeldung abbrechen',
  'testIdp.expired.title': 'Diese Anmeldung ist nicht mehr offen',
  'testIdp.expired.body':
    'Die Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Gehen Sie zurück zu Ihrem Antrag und melden Sie sich dort erneut an.',
  'testIdp.logout.title': 'Beim Test-Identitätsanbieter abmelden?',
  'testIdp.logout.yes': 'Ja, abmelden',
  'testIdp.logout.no': 'Nein, angemeldet bleiben',
  'testIdp.loggedOut.title': 'Sie sind abgemeldet',
  'testIdp.loggedOut.body':
    'Sie sind beim Test-Identitätsanbieter abgemeldet. Sie können dieses Fenster schließen.',
  'testIdp.error.title': 'Die Anfrage wurde abgelehnt',
  'testIdp.error.body':
    'Der Test-Identitätsanbieter hat die Anfrage abgelehnt (Fehler: {error}). Gehen Sie zurück zum Online-Dienst und beginnen Sie die Anmeldung erneut.',
} as const;

export const identityEn: Record<keyof typeof identityDe, string> = {
  'login.title': 'Log in',
  'login.stepUp.title': 'Log in again',
  'login.required':
    'For this application you log in with a user account, at least at the Vertrauensniveau (level of assurance) “{level}”. Your answers are kept.',
  'login.stepUp':
    'You are logged in at the level “{current}”. This application needs at least “{level}”, for example a login with the online ID card. Please log in again. Your answers are kept.',
  'login.with': 'Log in with {provider}',
  'login.noneOffered':
    'This application needs a login, but no login is set up at the moment. Please contact the responsible office.',
  'login.cancelled': 'You cancelled the login. You can try again.',
  'login.failed': 'The login did not work. Please try again.',
  'login.loggedInAs': 'Logged in with {provider}, level “{level}”.',
  'login.logout': 'Log out',
  'login.unknown.title': 'This login is no longer valid',
  'login.unknown.body':
    'The login has expired, was already used or was begun in another browser. Open your application and log in there again.',
  'login.refused.title': 'The login was refused',
  'login.refused.body':
    'The answer of your user account could not be checked securely. You are not logged in; your answers in the application are kept. Please try again; if it fails again, contact the responsible office.',
  'login.refused.back': 'Back to the login',
  'logout.ended.title': 'You have been logged out',
  'logout.ended.body':
    'Your user account has ended the login. Your answers in applications you began are kept; log in again to continue.',
  'logout.refused.title': 'The logout could not be checked',
  'logout.refused.body':
    'The message of your user account about the logout could not be checked securely. Close the browser to be sure nobody goes on using your session.',
  'setting.identity.providers.title': 'Login with a user account',
  'setting.identity.providers.intro':
    'Which user accounts (identity providers) citizens can log in with for your services. The operator decides which providers exist.',
  'setting.identity.providers.offered': 'Providers offered',
  'setting.identity.providers.offered.hint':
    'The providers’ ids, separated by commas, in the order of the login page, e.g. “bundid, servicekonto”. Empty: no login.',
  'setting.identity.providers.summary': 'offered: {offered}',
  'setting.identity.providers.summary.none': 'no login offered',
  'level.niedrig': 'low (niedrig)',
  'level.substanziell': 'substantial (substanziell)',
  'level.hoch': 'high (hoch)',
  'testIdp.siteName': 'Test identity provider',
  'testIdp.banner.title': 'Test system – not a real login',
  'testIdp.banner.body':
    'This is Amtsweg’s built-in test identity provider. Anyone can log in here as any test persona. Use it only to try things out, never for real applications.',
  'testIdp.title': 'Log in as a test persona',
  'testIdp.intro': 'Choose a test persona and the Vertrauensniveau (level of assurance) it logs in with.',
  'testIdp.persona': 'Test persona',
  'testIdp.level': 'Vertrauensniveau (level of assurance)',
  'testIdp.levelRequested': 'The online service asked for the level “{level}”.',
  'testIdp.level.niedrig.hint': 'Like a login with a user name and password.',
  'testIdp.level.substanziell.hint': 'Like a login with an ELSTER certificate.',
  'testIdp.level.hoch.hint': 'Like a login with the online ID card (eID).',
  'testIdp.personaMissing': 'Choose a test persona.',
  'testIdp.levelMissing': 'Choose a level of assurance.',
  'testIdp.login': 'Log in',
  'testIdp.cancel': 'Cancel the login',
  'testIdp.expired.title': 'This login is no longer open',
  'testIdp.expired.body':
    'The login has expired or was begun in another browser. Go back to your application and log in there again.',
  'testIdp.logout.title': 'Log out of the test identity provider?',
  'testIdp.logout.yes': 'Yes, log out',
  'testIdp.logout.no': 'No, stay logged in',
  'testIdp.loggedOut.title': 'You are logged out',
  'testIdp.loggedOut.body': 'You are logged out of the test identity provider. You can close this window.',
  'testIdp.error.title': 'The request was refused',
  'testIdp.error.body':
    'The test identity provider refused the request (error: {error}). Go back to the online service and begin the login again.',
};
