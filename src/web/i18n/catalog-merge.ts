/**
 * Texts of merging a copy's upstream improvement (ADR 0044, 0045): the merge page with what was
 * applied, the conflicts to decide and the draft's check. "Unsere" is the municipality's own
 * draft, "deren" the origin's new version. German first; the English catalogue must have every
 * key (the type checker enforces it).
 */
export const catalogMergeDe = {
  'catalogMerge.start': 'Änderungen übernehmen',
  'catalogMerge.startIntro':
    'Übernimmt die Änderungen von {provider} in einen Entwurf Ihrer Leistung. Ihre eigenen Änderungen und Ihre lokalen Angaben (Stelle, Gebühr) bleiben; wo beide Seiten dasselbe geändert haben, entscheiden Sie. Nichts wird veröffentlicht.',
  'catalogMerge.title': 'Änderungen von {provider} übernehmen',
  'catalogMerge.back': 'Zurück zur Leistung',
  'catalogMerge.started': 'Zusammengeführt. Das Ergebnis ist ein Entwurf; veröffentlicht ist noch nichts.',
  'catalogMerge.saved': 'Entscheidungen gespeichert.',
  'catalogMerge.intro':
    'Version {base} → Version {theirs} von {provider} ist mit Ihrer Fassung zusammengeführt, im Entwurf „{title}“ (Stand {version}). Der Entwurf wird erst veröffentlicht, wenn Sie ihn übergeben und veröffentlichen; danach gilt Version {theirs} als Grundlage der nächsten Übernahme.',
  'catalogMerge.applied.heading': 'Automatisch übernommen',
  'catalogMerge.applied.intro': 'Diese Änderungen sind ohne Konflikt in Ihrem Entwurf:',
  'catalogMerge.conflicts.heading': 'Konflikte',
  'catalogMerge.conflicts.none': 'Keine offenen Konflikte.',
  'catalogMerge.conflicts.intro':
    'Offene Konflikte: {count}. Solange Sie einen Konflikt nicht entscheiden, behält der Entwurf dort Ihre Fassung.',
  'catalogMerge.ours': 'Unsere Fassung',
  'catalogMerge.theirs': 'Deren Fassung ({provider})',
  'catalogMerge.base': 'Ursprünglich',
  'catalogMerge.absent': '(nicht vorhanden)',
  'catalogMerge.take.ours': 'unsere behalten',
  'catalogMerge.take.theirs': 'deren übernehmen',
  'catalogMerge.take.edit': 'bearbeiten',
  'catalogMerge.edit.de': 'Bearbeitete Fassung (Deutsch)',
  'catalogMerge.edit.en': 'Bearbeitete Fassung (Englisch, optional)',
  'catalogMerge.edit.plain': 'Bearbeitete Fassung',
  'catalogMerge.editor': 'Im Editor bearbeiten',
  'catalogMerge.decide': 'Entscheidungen speichern',
  'catalogMerge.editedSince':
    'Der Entwurf wurde seit der Zusammenführung gespeichert (Stand {version}). Damit diese Änderungen nicht verloren gehen, entscheiden Sie hier erst nach einer neuen Zusammenführung; sie geht von Ihrem Entwurf aus, wie er jetzt ist.',
  'catalogMerge.restart': 'Neu zusammenführen',
  'catalogMerge.changed.title': 'Der Entwurf wurde inzwischen geändert',
  'catalogMerge.changed.body':
    'Seit Sie die Seite geöffnet haben, wurde der Entwurf gespeichert. Nichts wurde geändert. Sehen Sie sich die Zusammenführung noch einmal an.',
  'catalogMerge.stale':
    'Ein Konflikt auf Ihrer Seite ist nicht mehr offen. Nichts wurde geändert. Sehen Sie sich die Zusammenführung noch einmal an.',
  'catalogMerge.editMissing':
    'Schreiben Sie die bearbeitete Fassung oder wählen Sie eine der beiden Fassungen',
  'catalogMerge.badChoice': 'Wählen Sie „unsere behalten“, „deren übernehmen“ oder „bearbeiten“',
  'catalogMerge.problems.heading': 'Prüfung des Entwurfs',
  'catalogMerge.next.heading': 'Weiter',
  'catalogMerge.next.draft': 'Zum Entwurf: ansehen, übergeben und veröffentlichen',
  'catalogMerge.link': 'Zusammenführung ansehen',
  'catalogMerge.inDraft':
    'Dieser Entwurf enthält die Änderungen einer Zusammenführung; offene Konflikte entscheiden Sie auf ihrer Seite.',
  'history.colUpstream': 'Grundlage',
  'history.upstream': '{provider}, Version {version}',
} as const;

export const catalogMergeEn: Record<keyof typeof catalogMergeDe, string> = {
  'catalogMerge.start': 'Take the changes',
  'catalogMerge.startIntro':
    'Takes the changes of {provider} into a draft of your service. Your own changes and your local settings (office, fee) stay; where both sides changed the same thing, you decide. Nothing is published.',
  'catalogMerge.title': 'Take the changes of {provider}',
  'catalogMerge.back': 'Back to the service',
  'catalogMerge.started': 'Merged. The result is a draft; nothing is published yet.',
  'catalogMerge.saved': 'Decisions saved.',
  'catalogMerge.intro':
    'Version {base} → version {theirs} of {provider} is merged with your version, in the draft “{title}” (state {version}). The draft is published only when you hand it over and publish it; then version {theirs} is the base of the next merge.',
  'catalogMerge.applied.heading': 'Taken without conflict',
  'catalogMerge.applied.intro': 'These changes are in your draft without a conflict:',
  'catalogMerge.conflicts.heading': 'Conflicts',
  'catalogMerge.conflicts.none': 'No open conflicts.',
  'catalogMerge.conflicts.intro':
    'Open conflicts: {count}. As long as you do not decide a conflict, the draft keeps your version there.',
  'catalogMerge.ours': 'Our version',
  'catalogMerge.theirs': 'Their version ({provider})',
  'catalogMerge.base': 'Originally',
  'catalogMerge.absent': '(not there)',
  'catalogMerge.take.ours': 'keep ours',
  'catalogMerge.take.theirs': 'take theirs',
  'catalogMerge.take.edit': 'edit',
  'catalogMerge.edit.de': 'Edited version (German)',
  'catalogMerge.edit.en': 'Edited version (English, optional)',
  'catalogMerge.edit.plain': 'Edited version',
  'catalogMerge.editor': 'Edit in the editor',
  'catalogMerge.decide': 'Save the decisions',
  'catalogMerge.editedSince':
    'The draft was saved since the merge (state {version}). So that these changes are not lost, decide here only after merging again; that starts from your draft as it is now.',
  'catalogMerge.restart': 'Merge again',
  'catalogMerge.changed.title': 'The draft has changed meanwhile',
  'catalogMerge.changed.body':
    'The draft was saved since you opened the page. Nothing was changed. Look at the merge again.',
  'catalogMerge.stale':
    'A conflict on your page is no longer open. Nothing was changed. Look at the merge again.',
  'catalogMerge.editMissing': 'Write the edited version or choose one of the two versions',
  'catalogMerge.badChoice': 'Choose “keep ours”, “take theirs” or “edit”',
  'catalogMerge.problems.heading': 'Check of the draft',
  'catalogMerge.next.heading': 'Next',
  'catalogMerge.next.draft': 'To the draft: look at it, hand it over and publish it',
  'catalogMerge.link': 'See the merge',
  'catalogMerge.inDraft': 'This draft holds the changes of a merge; decide open conflicts on its page.',
  'history.colUpstream': 'Based on',
  'history.upstream': '{provider}, version {version}',
} as const;
