/**
 * Texts of ADR 0041: the pull API's JSON error messages, the Verwaltung's page of API keys, and the
 * name of the applicant's confirmation among the deliveries.
 * German first; the English catalogue must have every key (the type checker enforces it).
 */
export const apiDe = {
  'api.error.unauthorized':
    'Kein gültiger API-Schlüssel. Senden Sie den Schlüssel aus der Verwaltung als „Authorization: Bearer …“.',
  'api.error.forbidden':
    'Dieser API-Schlüssel gilt nur für eine andere Leistung. Lassen Sie den Parameter „service“ weg.',
  'api.error.notFound': 'Nicht gefunden. Prüfen Sie die Adresse und die Kennung des Antrags.',
  'api.error.serviceNotFound':
    'Diese Leistung gibt es bei dieser Gemeinde nicht. Prüfen Sie den Parameter „service“.',
  'api.error.receiptNotFound':
    'Für diesen Antrag gibt es keine Eingangsbestätigung: die Gemeinde hat kein Siegelzertifikat eingerichtet.',
  'api.error.badLimit': 'Der Parameter „limit“ muss eine ganze Zahl von 1 bis {max} sein.',
  'api.error.badRequest': 'Die Anfrage ist nicht lesbar. Prüfen Sie Adresse, Parameter und Kopfzeilen.',
  'api.error.unsupportedMediaType': 'Diese Anfrage hat keinen Inhalt. Senden Sie sie ohne Body.',
  'api.error.server': 'Ein Fehler auf dem Server. Versuchen Sie es später erneut.',
  'admin.nav.apiKeys': 'API-Schlüssel',
  'setting.delivery.digest.title': 'Tägliche E-Mail zu Zustellproblemen',
  'setting.delivery.digest.intro':
    'Einmal am Tag eine E-Mail mit allen Zustellungen, die fehlgeschlagen und seitdem nicht gelungen sind, mit ihrem Fehler. Ohne Probleme wird keine E-Mail versandt.',
  'setting.delivery.digest.enabled': 'Tägliche E-Mail zu Zustellproblemen senden',
  'setting.delivery.digest.to': 'E-Mail-Adresse der Verwaltung',
  'setting.delivery.digest.to.hint': 'Eine Adresse, zum Beispiel it-verwaltung@gemeinde.de.',
  'setting.delivery.digest.summary.off': 'aus',
  'setting.delivery.digest.summary.on': 'täglich an {to}',
  'admin.delivery.channel.confirmation': 'Bestätigung an die antragstellende Person (E-Mail)',
  'apiKeys.title': 'API-Schlüssel für Fachverfahren',
  'apiKeys.intro':
    'Mit einem API-Schlüssel holt ein Fachverfahren neue Anträge über die Schnittstelle ab und bestätigt die Übernahme. Ein Schlüssel gilt für alle Leistungen oder nur für eine. Er wird nur einmal angezeigt; gespeichert wird nur ein Prüfwert.',
  'apiKeys.docs': 'Anleitung für das Fachverfahren: docs/delivery/pull-api.md',
  'apiKeys.empty': 'Es gibt noch keine API-Schlüssel.',
  'apiKeys.caption': 'API-Schlüssel, neueste zuerst',
  'apiKeys.col.label': 'Bezeichnung',
  'apiKeys.col.prefix': 'Beginnt mit',
  'apiKeys.col.service': 'Gilt für',
  'apiKeys.col.created': 'Erstellt',
  'apiKeys.col.lastUsed': 'Zuletzt benutzt',
  'apiKeys.col.action': 'Aktion',
  'apiKeys.allServices': 'Alle Leistungen',
  'apiKeys.never': 'Noch nie',
  'apiKeys.revoked': 'Widerrufen am {at}',
  'apiKeys.revoke': 'Widerrufen: {label}',
  'apiKeys.revokedNotice':
    'Der Schlüssel ist widerrufen. Das Fachverfahren kann ihn ab sofort nicht mehr benutzen.',
  'apiKeys.new.heading': 'Neuen Schlüssel erstellen',
  'apiKeys.field.label': 'Bezeichnung',
  'apiKeys.field.label.hint': 'Woran Sie den Schlüssel erkennen, zum Beispiel der Name des Fachverfahrens.',
  'apiKeys.field.service': 'Gilt für',
  'apiKeys.field.service.hint':
    'Ein Schlüssel für nur eine Leistung sieht die Anträge anderer Leistungen nicht.',
  'apiKeys.create': 'Schlüssel erstellen',
  'apiKeys.created.heading': 'Neuer Schlüssel „{label}“',
  'apiKeys.created.body':
    'Kopieren Sie den Schlüssel jetzt und geben Sie ihn sicher an das Fachverfahren weiter. Er wird nur dieses eine Mal angezeigt. Ist er verloren, widerrufen Sie ihn und erstellen einen neuen.',
  'apiKeys.created.key': 'API-Schlüssel',
  'apiKeys.problem.label-missing': 'Geben Sie eine Bezeichnung ein.',
  'apiKeys.problem.label-too-long': 'Die Bezeichnung darf höchstens {max} Zeichen lang sein.',
  'apiKeys.problem.service-unknown': 'Wählen Sie eine Leistung aus der Liste.',
  'audit.submission.fetched': 'Über die Schnittstelle abgerufen (Schlüssel „{apiKey}“)',
  'audit.attachment.fetched': 'Datei über die Schnittstelle abgerufen (Schlüssel „{apiKey}“)',
  'audit.receipt.fetched': 'Eingangsbestätigung über die Schnittstelle abgerufen (Schlüssel „{apiKey}“)',
  'audit.submission.acknowledged': 'Übernahme durch das Fachverfahren bestätigt (Schlüssel „{apiKey}“)',
};

export const apiEn: { readonly [K in keyof typeof apiDe]: string } = {
  'api.error.unauthorized':
    'No valid API key. Send the key from the administration area as “Authorization: Bearer …”.',
  'api.error.forbidden': 'This API key is for another service only. Leave out the “service” parameter.',
  'api.error.notFound': 'Not found. Check the address and the id of the application.',
  'api.error.serviceNotFound': 'This municipality has no such service. Check the “service” parameter.',
  'api.error.receiptNotFound':
    'There is no confirmation of receipt for this application: the municipality has no seal certificate set up.',
  'api.error.badLimit': 'The “limit” parameter must be a whole number from 1 to {max}.',
  'api.error.badRequest': 'The request cannot be read. Check the address, parameters and headers.',
  'api.error.unsupportedMediaType': 'This request has no content. Send it without a body.',
  'api.error.server': 'An error on the server. Please try again later.',
  'admin.nav.apiKeys': 'API keys',
  'setting.delivery.digest.title': 'Daily e-mail about delivery problems',
  'setting.delivery.digest.intro':
    'Once a day an e-mail listing every delivery that failed and has not succeeded since, with its error. Without problems no e-mail is sent.',
  'setting.delivery.digest.enabled': 'Send a daily e-mail about delivery problems',
  'setting.delivery.digest.to': 'E-mail address of the administration',
  'setting.delivery.digest.to.hint': 'One address, for example it-verwaltung@gemeinde.de.',
  'setting.delivery.digest.summary.off': 'off',
  'setting.delivery.digest.summary.on': 'daily to {to}',
  'admin.delivery.channel.confirmation': 'Confirmation to the applicant (e-mail)',
  'apiKeys.title': 'API keys for specialist systems',
  'apiKeys.intro':
    'With an API key, a specialist system fetches new applications through the interface and confirms that it took them over. A key is for all services or for one. It is shown only once; only a check value is stored.',
  'apiKeys.docs': 'Guide for the specialist system: docs/delivery/pull-api.md',
  'apiKeys.empty': 'There are no API keys yet.',
  'apiKeys.caption': 'API keys, newest first',
  'apiKeys.col.label': 'Name',
  'apiKeys.col.prefix': 'Starts with',
  'apiKeys.col.service': 'For',
  'apiKeys.col.created': 'Created',
  'apiKeys.col.lastUsed': 'Last used',
  'apiKeys.col.action': 'Action',
  'apiKeys.allServices': 'All services',
  'apiKeys.never': 'Never',
  'apiKeys.revoked': 'Revoked on {at}',
  'apiKeys.revoke': 'Revoke: {label}',
  'apiKeys.revokedNotice': 'The key is revoked. The specialist system can no longer use it.',
  'apiKeys.new.heading': 'Create a new key',
  'apiKeys.field.label': 'Name',
  'apiKeys.field.label.hint': 'How you recognise the key, for example the name of the specialist system.',
  'apiKeys.field.service': 'For',
  'apiKeys.field.service.hint': 'A key for one service does not see the applications of other services.',
  'apiKeys.create': 'Create key',
  'apiKeys.created.heading': 'New key “{label}”',
  'apiKeys.created.body':
    'Copy the key now and pass it on securely to the specialist system. It is shown only this once. If it is lost, revoke it and create a new one.',
  'apiKeys.created.key': 'API key',
  'apiKeys.problem.label-missing': 'Enter a name.',
  'apiKeys.problem.label-too-long': 'The name can be at most {max} characters long.',
  'apiKeys.problem.service-unknown': 'Choose a service from the list.',
  'audit.submission.fetched': 'Fetched through the interface (key “{apiKey}”)',
  'audit.attachment.fetched': 'File fetched through the interface (key “{apiKey}”)',
  'audit.receipt.fetched': 'Confirmation of receipt fetched through the interface (key “{apiKey}”)',
  'audit.submission.acknowledged': 'Taken over by the specialist system (key “{apiKey}”)',
};
