/**
 * Texts of publishing safely and of a service's life in the Service-Design area: the confirmation
 * before publishing (what changes, which version it replaces), placeholders that block it, taking a
 * service offline and back, publishing an earlier version again, deleting a service, and the
 * citizens' notice for a service that is offline.
 * German first; the English catalogue must have every key (the type checker enforces it).
 */
export const lifecycleDe = {
  'publishing.start': 'Veröffentlichen …',
  'publishing.confirm.title': 'Veröffentlichen: {title}',
  'publishing.confirm.back': 'Zurück zur hochgeladenen Fassung',
  'publishing.confirm.newService':
    'Diese Fassung wird als neue Leistung „{title}“ veröffentlicht (Version 1) und erscheint für Bürgerinnen und Bürger im Katalog.',
  'publishing.confirm.replaces':
    'Unter der Kennung „{slug}“ ist bereits „{title}“ veröffentlicht (Version {version}, seit {at}). Diese Fassung hat dieselbe Kennung.',
  'publishing.confirm.changes': 'Änderungen gegenüber Version {version}',
  'publishing.confirm.target': 'Was soll diese Fassung werden?',
  'publishing.confirm.nextVersion':
    'Version {next} von „{title}“: ersetzt die veröffentlichte Version {version} für neue Anträge',
  'publishing.confirm.nextVersionHint': 'Begonnene Anträge behalten ihre Version.',
  'publishing.confirm.asNewService': 'Eine neue, eigene Leistung mit dieser Kennung:',
  'publishing.confirm.newSlug': 'Kennung der neuen Leistung',
  'publishing.confirm.newSlugHint':
    'Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel „hund-anmelden-zweithund“. Sie wird Teil der Adresse.',
  'publishing.confirm.submit': 'Veröffentlichen',
  'publishing.confirm.submitNext': 'Als Version {next} veröffentlichen',
  'publishing.confirm.targetMissing':
    'Wählen Sie, ob die Fassung die nächste Version oder eine neue Leistung wird',
  'publishing.confirm.slugInvalid':
    'Geben Sie eine Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen ein (höchstens 80 Zeichen)',
  'publishing.confirm.slugTaken': 'Diese Kennung ist schon vergeben. Wählen Sie eine andere',
  'publishing.confirm.stale':
    'Inzwischen wurde eine andere Version veröffentlicht. Prüfen Sie die Änderungen unten noch einmal.',
  'publishing.copied':
    'Als neue Leistung „{slug}“ angelegt. Sie können sie jetzt prüfen und veröffentlichen.',
  'publishing.movedOn':
    'Diese Fassung wurde hochgeladen, als Version {from} veröffentlicht war. Inzwischen gibt es eine neuere Version; die Änderungen beziehen sich auf die aktuelle Version.',
  'publishing.source.version': 'Eine frühere veröffentlichte Version',
  'publishing.basedOn': 'Ausgangspunkt',
  'publishing.basedOn.version': 'Version {version} der veröffentlichten Leistung',
  'publishing.basedOn.none': 'Keine: eine neue Leistung',
  'publishing.changes.heading': 'Änderungen gegenüber der veröffentlichten Version {version}',
  'publishing.placeholders.heading': 'Vor dem Veröffentlichen zu ersetzen',
  'publishing.placeholders.intro':
    'Diese Angaben sind noch Platzhalter, zum Beispiel aus einem FIM-Import. Ersetzen Sie sie in der Definition (JSON herunterladen, ändern, neu hochladen); vorher kann die Fassung nicht veröffentlicht werden.',
  'publishing.placeholders.blocked': 'Veröffentlichen ist erst möglich, wenn alle Platzhalter ersetzt sind.',
  'publishing.placeholders.colWhere': 'Stelle',
  'publishing.placeholders.colWhat': 'Angabe',
  'publishing.placeholder.office': 'Zuständige Stelle (Name)',
  'publishing.placeholder.other': 'Angabe in der Definition',
  'lifecycle.services.manage': 'Verwalten',
  'lifecycle.services.offline': 'offline',
  'lifecycle.title': 'Leistung: {title}',
  'lifecycle.back': 'Zurück zum Service-Design',
  'lifecycle.state': 'Zustand',
  'lifecycle.state.online': 'Online: im Katalog für Bürgerinnen und Bürger',
  'lifecycle.state.offline': 'Offline seit {at}: nicht im Katalog, Aufrufe zeigen einen Hinweis',
  'lifecycle.live': 'Veröffentlichte Version',
  'lifecycle.submissions': 'Eingegangene Anträge',
  'lifecycle.withdraw.heading': 'Offline nehmen',
  'lifecycle.withdraw.intro':
    'Die Leistung verschwindet aus dem Katalog. Wer einen alten Link aufruft, sieht einen Hinweis mit der zuständigen Stelle. Begonnene Anträge können erst fortgesetzt werden, wenn die Leistung wieder online ist. Nichts wird gelöscht.',
  'lifecycle.withdraw.submit': 'Offline nehmen',
  'lifecycle.withdraw.done': 'Die Leistung ist jetzt offline.',
  'lifecycle.reinstate.heading': 'Wieder online stellen',
  'lifecycle.reinstate.intro': 'Die Leistung erscheint wieder im Katalog, mit ihrer neuesten Version.',
  'lifecycle.reinstate.submit': 'Wieder online stellen',
  'lifecycle.reinstate.done': 'Die Leistung ist wieder online.',
  'lifecycle.history.heading': 'Versionen',
  'lifecycle.history.caption': 'Veröffentlichte Versionen, neueste zuerst',
  'lifecycle.history.colVersion': 'Version',
  'lifecycle.history.colTitle': 'Titel',
  'lifecycle.history.colPublished': 'Veröffentlicht am',
  'lifecycle.history.colAction': 'Aktion',
  'lifecycle.history.current': 'aktuell',
  'lifecycle.republish.submit': 'Version {version} erneut veröffentlichen',
  'lifecycle.republish.intro':
    'Eine frühere Version erneut zu veröffentlichen legt ihren Inhalt als neue Fassung an. Sie prüfen die Änderungen und veröffentlichen sie als neue Version; die Geschichte bleibt vollständig.',
  'lifecycle.delete.heading': 'Leistung löschen',
  'lifecycle.delete.intro':
    'Löscht die Leistung mit allen Versionen, begonnenen Anträgen und Einstellungen endgültig. Möglich nur, solange kein Antrag eingegangen ist; sonst können Sie sie nur offline nehmen.',
  'lifecycle.delete.confirm': 'Zur Bestätigung die Kennung „{slug}“ eingeben',
  'lifecycle.delete.submit': 'Endgültig löschen',
  'lifecycle.delete.mismatch': 'Geben Sie zur Bestätigung genau die Kennung „{slug}“ ein',
  'lifecycle.delete.hasSubmissions':
    'Zu dieser Leistung sind Anträge eingegangen. Sie kann nicht gelöscht, nur offline genommen werden.',
  'lifecycle.delete.done': 'Die Leistung „{slug}“ wurde gelöscht.',
  'audit.service.withdrawn': 'Offline genommen',
  'audit.service.reinstated': 'Wieder online gestellt',
  'audit.service.deleted': 'Gelöscht',
  'audit.definition.copiedAsNewService': 'Als neue Leistung angelegt',
  'audit.definition.republished': 'Aus Version {version} erneut angelegt',
  'withdrawn.title': '{title}: zurzeit nicht online',
  'withdrawn.body':
    'Diese Leistung wird zurzeit nicht online angeboten. Wenden Sie sich bitte an die zuständige Stelle.',
  'withdrawn.office': 'Zuständige Stelle',
  'withdrawn.catalog': 'Alle Online-Leistungen – {tenant}',
};

export const lifecycleEn: Record<keyof typeof lifecycleDe, string> = {
  'publishing.start': 'Publish …',
  'publishing.confirm.title': 'Publish: {title}',
  'publishing.confirm.back': 'Back to the upload',
  'publishing.confirm.newService':
    'This upload is published as a new service “{title}” (version 1) and appears in the catalogue for citizens.',
  'publishing.confirm.replaces':
    'The id “{slug}” already belongs to the published service “{title}” (version {version}, since {at}). This upload has the same id.',
  'publishing.confirm.changes': 'Changes compared with version {version}',
  'publishing.confirm.target': 'What should this upload become?',
  'publishing.confirm.nextVersion':
    'Version {next} of “{title}”: replaces the published version {version} for new applications',
  'publishing.confirm.nextVersionHint': 'Applications already started keep their version.',
  'publishing.confirm.asNewService': 'A new, separate service with this id:',
  'publishing.confirm.newSlug': 'Id of the new service',
  'publishing.confirm.newSlugHint':
    'Lower-case letters, digits and hyphens, for example “register-dog-second”. It becomes part of the address.',
  'publishing.confirm.submit': 'Publish',
  'publishing.confirm.submitNext': 'Publish as version {next}',
  'publishing.confirm.targetMissing': 'Choose whether the upload becomes the next version or a new service',
  'publishing.confirm.slugInvalid':
    'Enter an id of lower-case letters, digits and hyphens (at most 80 characters)',
  'publishing.confirm.slugTaken': 'This id is already taken. Choose another one',
  'publishing.confirm.stale':
    'Another version has been published in the meantime. Check the changes below again.',
  'publishing.copied': 'Created as the new service “{slug}”. You can now check and publish it.',
  'publishing.movedOn':
    'This upload was made when version {from} was published. A newer version has been published since; the changes refer to the current version.',
  'publishing.source.version': 'An earlier published version',
  'publishing.basedOn': 'Started from',
  'publishing.basedOn.version': 'Version {version} of the published service',
  'publishing.basedOn.none': 'Nothing: a new service',
  'publishing.changes.heading': 'Changes compared with the published version {version}',
  'publishing.placeholders.heading': 'To replace before publishing',
  'publishing.placeholders.intro':
    'These values are still placeholders, for example from a FIM import. Replace them in the definition (download the JSON, edit it, upload it again); until then this upload cannot be published.',
  'publishing.placeholders.blocked': 'Publishing is possible once every placeholder has been replaced.',
  'publishing.placeholders.colWhere': 'Place',
  'publishing.placeholders.colWhat': 'Value',
  'publishing.placeholder.office': 'Responsible office (name)',
  'publishing.placeholder.other': 'Value in the definition',
  'lifecycle.services.manage': 'Manage',
  'lifecycle.services.offline': 'offline',
  'lifecycle.title': 'Service: {title}',
  'lifecycle.back': 'Back to Service design',
  'lifecycle.state': 'State',
  'lifecycle.state.online': 'Online: in the catalogue for citizens',
  'lifecycle.state.offline': 'Offline since {at}: not in the catalogue, links show a notice',
  'lifecycle.live': 'Published version',
  'lifecycle.submissions': 'Applications received',
  'lifecycle.withdraw.heading': 'Take offline',
  'lifecycle.withdraw.intro':
    'The service disappears from the catalogue. Anyone following an old link sees a notice with the responsible office. Applications already started can be continued only once the service is online again. Nothing is deleted.',
  'lifecycle.withdraw.submit': 'Take offline',
  'lifecycle.withdraw.done': 'The service is now offline.',
  'lifecycle.reinstate.heading': 'Bring back online',
  'lifecycle.reinstate.intro': 'The service appears in the catalogue again, with its newest version.',
  'lifecycle.reinstate.submit': 'Bring back online',
  'lifecycle.reinstate.done': 'The service is online again.',
  'lifecycle.history.heading': 'Versions',
  'lifecycle.history.caption': 'Published versions, newest first',
  'lifecycle.history.colVersion': 'Version',
  'lifecycle.history.colTitle': 'Title',
  'lifecycle.history.colPublished': 'Published on',
  'lifecycle.history.colAction': 'Action',
  'lifecycle.history.current': 'current',
  'lifecycle.republish.submit': 'Publish version {version} again',
  'lifecycle.republish.intro':
    'Publishing an earlier version again creates an upload with its content. You check the changes and publish it as a new version; the history stays complete.',
  'lifecycle.delete.heading': 'Delete the service',
  'lifecycle.delete.intro':
    'Deletes the service with all its versions, started applications and settings for good. Only possible while no application has been received; otherwise you can only take it offline.',
  'lifecycle.delete.confirm': 'Enter the id “{slug}” to confirm',
  'lifecycle.delete.submit': 'Delete for good',
  'lifecycle.delete.mismatch': 'Enter exactly the id “{slug}” to confirm',
  'lifecycle.delete.hasSubmissions':
    'Applications have been received for this service. It cannot be deleted, only taken offline.',
  'lifecycle.delete.done': 'The service “{slug}” has been deleted.',
  'audit.service.withdrawn': 'Taken offline',
  'audit.service.reinstated': 'Brought back online',
  'audit.service.deleted': 'Deleted',
  'audit.definition.copiedAsNewService': 'Created as a new service',
  'audit.definition.republished': 'Created again from version {version}',
  'withdrawn.title': '{title}: currently not online',
  'withdrawn.body': 'This service is currently not offered online. Please contact the responsible office.',
  'withdrawn.office': 'Responsible office',
  'withdrawn.catalog': 'All online services – {tenant}',
};
