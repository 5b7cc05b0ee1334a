/**
 * An independent OpenID provider for staff single sign-on tests (ADR 0056): its own `oidc-provider`
 * instance with its own clients, claims and people, not Amtsweg's code. Its "login page" logs in
 * at once whoever the test put in `next` (or cancels), so a test drives the whole code flow over
 * real HTTP. Groups come from the `groups` scope through userinfo (as Keycloak's group mapper and
 * Entra ID's `groups` claim carry them).
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface StaffPerson {
  sub: string;
  username?: string;
  name?: string;
  groups?: string[];
}

export interface StaffIdpClient {
  clientId: string;
  secret: string;
  redirectUris: string[];
}

export interface StaffIdp {
  issuer: string;
  /** Whom the provider's login page logs in next; `cancel`: the person cancels. */
  next: StaffPerson | 'cancel';
  close(): Promise<void>;
}

export async function startStaffIdp(port: number, clients: readonly StaffIdpClient[]): Promise<StaffIdp> {
  const issuer = `http://127.0.0.1:${port}`;
  const people = new Map<string, StaffPerson>();
  const idp: StaffIdp = {
    issuer,
    next: { sub: 'nobody' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.secret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    pkce: { required: () => true, methods: ['S256'] },
    scopes: ['openid', 'profile', 'groups'],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'] },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => {
        const person = people.get(id) ?? { sub: id };
        return {
          sub: id,
          ...(person.username !== undefined && { preferred_username: person.username }),
          ...(person.name !== undefined && { name: person.name }),
          ...(person.groups !== undefined && { groups: person.groups }),
        };
      },
    }),
    loadExistingGrant: async (ctx: {
      oidc: { client?: { clientId: string }; session?: { accountId?: string } };
    }) => {
      const grant = new provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile groups');
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    features: { devInteractions: { enabled: false } },
  });
  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const next = idp.next;
    if (next !== 'cancel') people.set(next.sub, next);
    const result = next === 'cancel' ? { error: 'access_denied' } : { login: { accountId: next.sub } };
    void provider.interactionResult(req, res, result, { mergeWithLastSubmission: false }).then((to) => {
      res.writeHead(303, { location: to }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return idp;
}
