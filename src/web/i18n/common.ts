/**
 * Texts every page shares: the site frame, footer, common buttons and the error pages.
 * German first; the English catalogue must have every key (the type checker enforces it).
 */
export const commonDe = {
  'site.name': 'Amtsweg',
  'site.official': 'Offizielle Website der Verwaltung',
  'site.skipLink': 'Zum Inhalt springen',
  'site.languageSwitch': 'English',
  'site.easyLanguage': 'Leichte Sprache',
  'site.standardLanguage': 'Alltags-Sprache',
  'site.footer': 'Amtsweg – Verwaltungsleistungen online',
  'footer.legal': 'Rechtliches',
  'footer.imprint': 'Impressum',
  'footer.privacy': 'Datenschutz',
  'footer.accessibility': 'Barrierefreiheit',
  'site.pageTitleSuffix': 'Amtsweg',
  'site.errorTitlePrefix': 'Fehler: {title}',
  'common.continue': 'Weiter',
  'common.back': 'Zurück',
  'common.change': 'Ändern',
  'common.notProvided': 'Keine Angabe',
  'common.errorSummaryTitle': 'Es gibt ein Problem',
  'common.required': 'Pflichtangabe',
  'error.notFound.title': 'Seite nicht gefunden',
  'error.notFound.body':
    'Diese Seite gibt es nicht. Prüfen Sie die Adresse oder beginnen Sie auf der Startseite.',
  'error.server.title': 'Es ist ein Fehler aufgetreten',
  'error.server.body':
    'Ihre Anfrage konnte gerade nicht bearbeitet werden. Ihre Eingaben sind gespeichert. Versuchen Sie es bitte später noch einmal.',
  'error.csrf.title': 'Ihre Sitzung ist abgelaufen',
  'error.csrf.body':
    'Aus Sicherheitsgründen haben wir das Formular nicht angenommen: Ihre Sitzung ist abgelaufen oder das Formular gehört zu einer früheren Sitzung. Was Sie zuletzt eingegeben haben, ist nicht gespeichert. Öffnen Sie das Formular erneut, prüfen Sie Ihre Angaben und senden Sie es noch einmal. Ist Ihr Antrag nicht mehr vorhanden, beginnen Sie ihn neu.',
  'error.next.form': 'Zurück zum Formular',
  'error.typed.heading': 'Ihre letzten Eingaben',
  'error.typed.intro':
    'Diese Angaben sind nicht gespeichert. Kopieren Sie längere Texte, bevor Sie zum Formular zurückgehen, und fügen Sie sie dort wieder ein.',
  'error.next.start': 'Zur Startseite der Leistung',
  'error.next.application': 'Zurück zum Antrag',
  'error.conflict.title': 'Die Änderung war nicht möglich',
  'error.conflict.body':
    'Jemand anderes hat diesen Antrag inzwischen geändert. Prüfen Sie den aktuellen Stand.',
  'error.badRequest.title': 'Ungültige Anfrage',
  'error.badRequest.body': 'Die Anfrage enthielt ungültige Daten und wurde nicht verarbeitet.',
  'error.unsupportedMediaType.title': 'Format nicht unterstützt',
  'error.unsupportedMediaType.body':
    'Die Angaben wurden in einem Format gesendet, das diese Seite nicht annimmt. Bitte nutzen Sie das Formular auf der Seite.',
  'error.tooLarge.title': 'Die Anfrage ist zu groß',
  'error.tooLarge.body':
    'Die gesendeten Angaben sind umfangreicher, als dieses Formular annimmt. Kürzen Sie Ihre Eingaben oder laden Sie Dateien einzeln hoch.',
  'error.tooManyRequests.title': 'Zu viele Anfragen',
  'error.tooManyRequests.body':
    'Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen dieser Art. Bitte warten Sie {minutes} Minuten und versuchen Sie es dann noch einmal.',
  'home.title': 'Verwaltungsleistungen online',
  'home.intro': 'Wählen Sie Ihre Gemeinde.',
  'error.busy.title': 'Gerade zu viele Anfragen',
  'error.busy.body': 'Der Server ist gerade ausgelastet. Versuchen Sie es bitte in einem Moment noch einmal.',
  'error.forbidden.title': 'Kein Zugriff',
  'error.forbidden.body':
    'Ihr Konto hat keine Berechtigung für diese Seite. Wenden Sie sich an die Administration, wenn Sie sie brauchen.',
};

export const commonEn: Record<keyof typeof commonDe, string> = {
  'site.name': 'Amtsweg',
  'site.official': 'Official website of the administration',
  'site.skipLink': 'Skip to main content',
  'site.languageSwitch': 'Deutsch',
  // Both are German links (they switch to German); kept here so every key has a translation.
  'site.easyLanguage': 'Leichte Sprache',
  'site.standardLanguage': 'Alltags-Sprache',
  'site.footer': 'Amtsweg – public services online',
  'footer.legal': 'Legal',
  'footer.imprint': 'Legal notice (Impressum)',
  'footer.privacy': 'Privacy',
  'footer.accessibility': 'Accessibility',
  'site.pageTitleSuffix': 'Amtsweg',
  'site.errorTitlePrefix': 'Error: {title}',
  'common.continue': 'Continue',
  'common.back': 'Back',
  'common.change': 'Change',
  'common.notProvided': 'Not provided',
  'common.errorSummaryTitle': 'There is a problem',
  'common.required': 'Required',
  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'This page does not exist. Check the address or begin on the start page.',
  'error.server.title': 'Something went wrong',
  'error.server.body':
    'We could not process your request just now. Your answers are saved. Please try again later.',
  'error.csrf.title': 'Your session has expired',
  'error.csrf.body':
    'For your security we did not accept the form: your session has expired or the form belongs to an earlier session. What you last entered has not been saved. Open the form again, check your answers and send it once more. If your application is no longer there, start it again.',
  'error.next.form': 'Back to the form',
  'error.typed.heading': 'What you last entered',
  'error.typed.intro':
    'These answers have not been saved. Copy longer texts before you go back to the form, and paste them there again.',
  'error.next.start': "To the service's start page",
  'error.next.application': 'Back to the application',
  'error.conflict.title': 'The change was not possible',
  'error.conflict.body':
    'Someone else has changed this application in the meantime. Check its current state.',
  'error.badRequest.title': 'Invalid request',
  'error.badRequest.body': 'The request contained invalid data and was not processed.',
  'error.unsupportedMediaType.title': 'Format not supported',
  'error.unsupportedMediaType.body':
    'What was sent comes in a format this page does not accept. Please use the form on the page.',
  'error.tooLarge.title': 'The request is too large',
  'error.tooLarge.body':
    'What was sent is larger than this form accepts. Shorten your entries or upload files one at a time.',
  'error.tooManyRequests.title': 'Too many requests',
  'error.tooManyRequests.body':
    'Very many requests of this kind came from your connection in a short time. Please wait {minutes} minutes and try again.',
  'home.title': 'Public services online',
  'home.intro': 'Choose your municipality.',
  'error.busy.title': 'Too many requests just now',
  'error.busy.body': 'The server is busy just now. Please try again in a moment.',
  'error.forbidden.title': 'No access',
  'error.forbidden.body':
    'Your account is not permitted to use this page. Ask your administrator if you need it.',
};
