/**
 * Texts of a rule in words (`definition/edit/rule-pickers.ts`, ADR 0046): "Zeige *Sachkundenachweis*,
 * wenn *Listenhund* = Ja". `{field}`, `{subject}` and the values are filled with emphasised labels.
 * German first; the English catalogue must have every key (the type checker enforces it).
 */
export const rulesDe = {
  'rule.sentence.showIf': 'Zeige {subject}, wenn {condition}',
  'rule.sentence.requiredIf': '{subject} ist Pflicht, wenn {condition}',
  'rule.sentence.label': 'In Worten:',
  'rule.sentence.notRepresentable':
    'Diese Regel lässt sich nicht in Worten zeigen. Sie bleibt als JSON Logic erhalten und gilt wie geschrieben.',
  'rule.op.equals': '{field} = {value}',
  'rule.op.notEquals': '{field} ≠ {value}',
  'rule.op.lessThan': '{field} < {value}',
  'rule.op.lessOrEqual': '{field} ≤ {value}',
  'rule.op.greaterThan': '{field} > {value}',
  'rule.op.greaterOrEqual': '{field} ≥ {value}',
  'rule.op.oneOf': '{field} ist {value}',
  'rule.op.contains': '{field} enthält {value}',
  'rule.op.isTrue': '{field} ist Ja oder angegeben',
  'rule.op.isFalse': '{field} ist Nein oder leer',
  'rule.join.and': 'und',
  'rule.join.or': 'oder',
  'rule.value.yes': 'Ja',
  'rule.value.no': 'Nein',
};

export const rulesEn: Record<keyof typeof rulesDe, string> = {
  'rule.sentence.showIf': 'Show {subject} if {condition}',
  'rule.sentence.requiredIf': '{subject} is required if {condition}',
  'rule.sentence.label': 'In words:',
  'rule.sentence.notRepresentable':
    'This rule cannot be shown in words. It is kept as JSON Logic and applies as written.',
  'rule.op.equals': '{field} = {value}',
  'rule.op.notEquals': '{field} ≠ {value}',
  'rule.op.lessThan': '{field} < {value}',
  'rule.op.lessOrEqual': '{field} ≤ {value}',
  'rule.op.greaterThan': '{field} > {value}',
  'rule.op.greaterOrEqual': '{field} ≥ {value}',
  'rule.op.oneOf': '{field} is {value}',
  'rule.op.contains': '{field} includes {value}',
  'rule.op.isTrue': '{field} is yes or given',
  'rule.op.isFalse': '{field} is no or empty',
  'rule.join.and': 'and',
  'rule.join.or': 'or',
  'rule.value.yes': 'Yes',
  'rule.value.no': 'No',
};
