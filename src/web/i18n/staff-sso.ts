/**
 * Texts of staff single sign-on (ADR 0056): the button on a municipality's staff login page, the
 * pages after the provider's answer, the admin's SSO page and setting, and the audit trail.
 */
export const staffSsoDe = {
  'staff.sso.button': 'Mit Single Sign-on anmelden',
  'staff.sso.intro': 'Mitarbeitende von {name} melden sich mit dem Konto ihrer Verwaltung an.',
  'staff.sso.passwordHeading': 'Mit Benutzername und Passwort',
  'staff.sso.cancelled': 'Sie haben die Anmeldung abgebrochen.',
  'staff.sso.signedIn.title': 'Angemeldet',
  'staff.sso.signedIn.body': 'Sie sind angemeldet.',
  'staff.sso.signedIn.continue': 'Weiter',
  'staff.sso.refused.title': 'Anmeldung nicht möglich',
  'staff.sso.refused.provider':
    'Die Antwort Ihres Anmeldedienstes konnte nicht bestätigt werden. Versuchen Sie es erneut; besteht das Problem weiter, wenden Sie sich an die IT Ihrer Verwaltung.',
  'staff.sso.refused.no-role':
    'Ihr Konto hat keine Rolle in Amtsweg: keine Ihrer Gruppen ist einer Rolle zugeordnet. Wenden Sie sich an die Administration Ihrer Verwaltung, damit Sie einer Gruppe für Amtsweg zugeordnet werden.',
  'staff.sso.refused.no-username':
    'Ihr Anmeldedienst hat keinen verwendbaren Benutzernamen übermittelt. Wenden Sie sich an die Administration Ihrer Verwaltung.',
  'staff.sso.refused.username-taken':
    'Der Benutzername, den Ihr Anmeldedienst übermittelt hat, gehört in Amtsweg schon zu einem anderen Konto. Wenden Sie sich an die Administration Ihrer Verwaltung.',
  'staff.sso.refused.disabled':
    'Ihr Konto in Amtsweg ist gesperrt. Wenden Sie sich an die Administration Ihrer Verwaltung.',
  'staff.sso.unknown.title': 'Anmeldung abgelaufen',
  'staff.sso.unknown.body':
    'Zu dieser Antwort gibt es keine laufende Anmeldung in diesem Browser (abgelaufen, schon verwendet oder in einem anderen Browser begonnen). Beginnen Sie die Anmeldung erneut.',
  'staff.sso.unavailable.title': 'Anmeldedienst nicht erreichbar',
  'staff.sso.unavailable.body':
    'Der Anmeldedienst Ihrer Verwaltung ist gerade nicht erreichbar. Versuchen Sie es später erneut oder melden Sie sich mit Benutzername und Passwort an.',
  'staff.sso.again': 'Zur Anmeldung',
  'admin.nav.sso': 'Single Sign-on',
  'admin.sso.title': 'Single Sign-on für Mitarbeitende',
  'admin.sso.saved': 'Die Einstellungen zum Single Sign-on sind gespeichert.',
  'admin.sso.loginPage': 'Anmeldeseite Ihrer Mitarbeitenden',
  'admin.sso.callback': 'Weiterleitungsadresse (Redirect URI) für Ihren Anmeldedienst',
  'admin.sso.callback.hint':
    'Tragen Sie diese Adresse beim Client von Amtsweg in Ihrem Anmeldedienst ein (Keycloak: „Valid redirect URIs“, Entra ID: „Umleitungs-URI“ der Plattform „Web“).',
  'admin.sso.mfa':
    'Wer sich mit Single Sign-on anmeldet, wird von Amtsweg nicht nach einem zweiten Faktor gefragt: dafür ist Ihr Anmeldedienst zuständig. Verlangen Sie dort eine Mehr-Faktor-Anmeldung.',
  'admin.sso.municipalityLink': 'Single Sign-on für Mitarbeitende einrichten',
  'setting.staff.sso.title': 'Single Sign-on',
  'setting.staff.sso.intro':
    'Ihre Mitarbeitenden melden sich über den Anmeldedienst Ihrer Verwaltung an (OpenID Connect, z. B. Keycloak oder Microsoft Entra ID). Die Rollen in Amtsweg kommen bei jeder Anmeldung aus den Gruppen oder Rollen, die der Anmeldedienst übermittelt.',
  'setting.staff.sso.enabled': 'Single Sign-on anbieten',
  'setting.staff.sso.issuer': 'Aussteller (Issuer)',
  'setting.staff.sso.issuer.hint':
    'Eine https-Adresse, z. B. https://login.musterstadt.de/realms/verwaltung oder https://login.microsoftonline.com/{Mandanten-ID}/v2.0.',
  'setting.staff.sso.clientId': 'Client-ID',
  'setting.staff.sso.clientSecret': 'Client-Geheimnis',
  'setting.staff.sso.scopes': 'Scopes',
  'setting.staff.sso.scopes.hint': 'Durch Leerzeichen getrennt; openid wird immer angefragt.',
  'setting.staff.sso.usernameClaim': 'Claim mit dem Benutzernamen',
  'setting.staff.sso.usernameClaim.hint':
    'z. B. preferred_username. Amtsweg stellt den Kurznamen Ihrer Gemeinde voran (musterstadt/m.mueller).',
  'setting.staff.sso.displayNameClaim': 'Claim mit dem angezeigten Namen',
  'setting.staff.sso.rolesClaim': 'Claim mit den Gruppen oder Rollen',
  'setting.staff.sso.rolesClaim.hint':
    'z. B. groups; ein Punkt führt in ein Objekt (Keycloak-Realm-Rollen: realm_access.roles).',
  'setting.staff.sso.roleMapping': 'Zuordnung zu Rollen',
  'setting.staff.sso.roleMapping.hint':
    'Eine Zeile je Gruppe: Gruppe = Rolle, mehrere Rollen durch Komma getrennt. Rollen: caseworker (Sachbearbeitung), designer (Service-Design), admin (Verwaltung). Beispiel: /amtsweg/sachbearbeitung = caseworker',
  'setting.staff.sso.localPasswords': 'Anmeldung mit lokalem Passwort erlauben',
  'setting.staff.sso.localPasswords.hint':
    'Schalten Sie dies erst ab, wenn die Anmeldung mit Single Sign-on für alle funktioniert, auch für die Administration.',
  'setting.staff.sso.summary.on': 'Single Sign-on über {issuer}',
  'setting.staff.sso.summary.off': 'Kein Single Sign-on',
  'audit.staff.sso_login': 'Mit Single Sign-on angemeldet',
  'audit.staff.sso_refused': 'Anmeldung mit Single Sign-on abgelehnt',
  'audit.staff.sso_account_created': 'Konto bei der ersten Anmeldung mit Single Sign-on angelegt',
  'audit.staff.sso_roles_changed': 'Rollen vom Anmeldedienst geändert: {from} → {to}',
} as const;

export const staffSsoEn: { readonly [K in keyof typeof staffSsoDe]: string } = {
  'staff.sso.button': 'Sign in with single sign-on',
  'staff.sso.intro': 'Staff of {name} sign in with the account of their administration.',
  'staff.sso.passwordHeading': 'With username and password',
  'staff.sso.cancelled': 'You cancelled signing in.',
  'staff.sso.signedIn.title': 'Signed in',
  'staff.sso.signedIn.body': 'You are signed in.',
  'staff.sso.signedIn.continue': 'Continue',
  'staff.sso.refused.title': 'Signing in is not possible',
  'staff.sso.refused.provider':
    'The answer of your sign-in service could not be confirmed. Try again; if the problem persists, contact the IT of your administration.',
  'staff.sso.refused.no-role':
    'Your account has no role in Amtsweg: none of your groups is mapped to a role. Ask the administrators of your municipality to add you to a group for Amtsweg.',
  'staff.sso.refused.no-username':
    'Your sign-in service did not send a usable username. Contact the administrators of your municipality.',
  'staff.sso.refused.username-taken':
    'The username your sign-in service sent already belongs to another account in Amtsweg. Contact the administrators of your municipality.',
  'staff.sso.refused.disabled':
    'Your account in Amtsweg is disabled. Contact the administrators of your municipality.',
  'staff.sso.unknown.title': 'Sign-in expired',
  'staff.sso.unknown.body':
    'No sign-in in this browser is waiting for this answer (it expired, was used already or was begun in another browser). Start signing in again.',
  'staff.sso.unavailable.title': 'Sign-in service unavailable',
  'staff.sso.unavailable.body':
    'The sign-in service of your administration cannot be reached right now. Try again later or sign in with username and password.',
  'staff.sso.again': 'To the sign-in page',
  'admin.nav.sso': 'Single sign-on',
  'admin.sso.title': 'Single sign-on for staff',
  'admin.sso.saved': 'The single sign-on settings are saved.',
  'admin.sso.loginPage': 'Your staff’s sign-in page',
  'admin.sso.callback': 'Redirect URI for your sign-in service',
  'admin.sso.callback.hint':
    'Register this address with Amtsweg’s client in your sign-in service (Keycloak: “Valid redirect URIs”, Entra ID: the “Web” platform’s redirect URI).',
  'admin.sso.mfa':
    'Staff who sign in with single sign-on are not asked for a second factor by Amtsweg: your sign-in service is responsible for it. Require multi-factor authentication there.',
  'admin.sso.municipalityLink': 'Set up single sign-on for staff',
  'setting.staff.sso.title': 'Single sign-on',
  'setting.staff.sso.intro':
    'Your staff sign in through your administration’s sign-in service (OpenID Connect, e.g. Keycloak or Microsoft Entra ID). Their roles in Amtsweg come from the groups or roles the service sends, at every sign-in.',
  'setting.staff.sso.enabled': 'Offer single sign-on',
  'setting.staff.sso.issuer': 'Issuer',
  'setting.staff.sso.issuer.hint':
    'An https address, e.g. https://login.musterstadt.de/realms/verwaltung or https://login.microsoftonline.com/{tenant ID}/v2.0.',
  'setting.staff.sso.clientId': 'Client ID',
  'setting.staff.sso.clientSecret': 'Client secret',
  'setting.staff.sso.scopes': 'Scopes',
  'setting.staff.sso.scopes.hint': 'Separated by spaces; openid is always requested.',
  'setting.staff.sso.usernameClaim': 'Claim with the username',
  'setting.staff.sso.usernameClaim.hint':
    'e.g. preferred_username. Amtsweg puts your municipality’s short name in front (musterstadt/m.mueller).',
  'setting.staff.sso.displayNameClaim': 'Claim with the displayed name',
  'setting.staff.sso.rolesClaim': 'Claim with the groups or roles',
  'setting.staff.sso.rolesClaim.hint':
    'e.g. groups; a dot leads into an object (Keycloak realm roles: realm_access.roles).',
  'setting.staff.sso.roleMapping': 'Mapping to roles',
  'setting.staff.sso.roleMapping.hint':
    'One line per group: group = role, several roles separated by commas. Roles: caseworker, designer, admin. Example: /amtsweg/sachbearbeitung = caseworker',
  'setting.staff.sso.localPasswords': 'Allow signing in with a local password',
  'setting.staff.sso.localPasswords.hint':
    'Switch this off only once single sign-on works for everyone, the administrators included.',
  'setting.staff.sso.summary.on': 'Single sign-on through {issuer}',
  'setting.staff.sso.summary.off': 'No single sign-on',
  'audit.staff.sso_login': 'Signed in with single sign-on',
  'audit.staff.sso_refused': 'Single sign-on refused',
  'audit.staff.sso_account_created': 'Account created at the first single sign-on',
  'audit.staff.sso_roles_changed': 'Roles changed by the sign-in service: {from} → {to}',
};
