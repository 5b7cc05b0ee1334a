/**
 * The built-in test identity provider (ADR 0035): a real OpenID provider (`oidc-provider`) with
 * test personas, for the demo and the tests. It speaks the same protocol as a Keycloak brokering
 * BundID (authorization code with PKCE S256, discovery, a JWKS, `acr` values for the levels), so
 * our relying party cannot tell it apart from a real one. It is never enabled in production unless
 * the operator asks for it (`AMTSWEG_TEST_IDP=on`); `serve --demo` enables it.
 *
 * State (interactions, sessions, codes) lives in the provider's own memory adapter and the signing
 * key is generated at start: the test IdP serves one process, and restarting it ends its sessions.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { AssuranceLevel } from '../../../core/identity/levels.ts';
import { requestedLevel, TEST_IDP_ACR } from './levels.ts';
import { personaById } from './personas.ts';

/** Where the provider is mounted, below the public base URL. */
export const TEST_IDP_PATH = '/test-idp';

/** The pages the provider renders itself; the web layer writes them (marked as a test system). */
export interface TestIdpPages {
  /** "Do you want to log out?": embeds `form` (id `op.logoutForm`) with buttons of `form="op.logoutForm"`. */
  logout(req: IncomingMessage, form: string): string;
  /** After a logout without a way back to the relying party. */
  loggedOut(req: IncomingMessage): string;
  /** A request the provider refused (an unknown client, a wrong redirect URI, …). */
  error(req: IncomingMessage, error: { error: string; description?: string }): string;
}

export interface TestIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestIdpOptions {
  /** `{base URL}/test-idp`. */
  issuer: string;
  clients: readonly TestIdpClient[];
  /** Signs the provider's cookies (derived from the master key). */
  cookieKey: string;
  pages: TestIdpPages;
  /** Believe `X-Forwarded-*` (the app runs behind a trusted proxy). */
  proxy: boolean;
}

/** An open login at the test IdP, as its persona page needs it. */
export interface TestIdpInteraction {
  uid: string;
  /** The level the relying party asked for (`acr_values`), if one of ours. */
  requestedLevel: AssuranceLevel | undefined;
  clientId: string;
}

export interface TestIdp {
  readonly issuer: string;
  /** The provider's own endpoints (discovery, authorization, token, JWKS, userinfo, logout). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The open login of this browser for `uid`, or undefined (expired, another browser's). */
  interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
  ): Promise<TestIdpInteraction | undefined>;
  /** Logs the persona in at `level`; where the browser goes next. Undefined for an unknown persona. */
  login(
    req: IncomingMessage,
    res: ServerResponse,
    personaId: string,
    level: AssuranceLevel,
  ): Promise<string | undefined>;
  /** The citizen cancelled: the relying party gets `access_denied`. Where the browser goes next. */
  cancel(req: IncomingMessage, res: ServerResponse): Promise<string>;
}

const SCOPES = ['openid', 'profile', 'email', 'address', 'organization'];

export function createTestIdp(options: TestIdpOptions): TestIdp {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-idp' };

  // A test persona is chosen on every authorization request, never taken from an earlier login:
  // a step-up asks again, and a test always knows which persona and level it gets.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'test_idp_asks_every_time',
        'the test identity provider asks for a persona on every request',
        (ctx) => !ctx.oidc.result?.login,
      ),
    );

  const provider = new Provider(options.issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    pkce: { required: () => true, methods: ['S256'] },
    acrValues: Object.values(TEST_IDP_ACR),
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'birthdate'],
      email: ['email', 'email_verified'],
      address: ['address'],
      organization: ['organization_name'],
    },
    // The claims of the granted scopes are in the ID token too, as with most brokers.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    jwks: { keys: [signingKey] },
    cookies: { keys: [options.cookieKey] },
    // Short lives: a test login is used at once. Seconds.
    ttl: {
      Interaction: 10 * 60,
      Session: 60 * 60,
      Grant: 60 * 60,
      AuthorizationCode: 60,
      AccessToken: 10 * 60,
      IdToken: 10 * 60,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const persona = personaById(id);
      return persona && { accountId: persona.id, claims: () => ({ sub: persona.id, ...persona.claims }) };
    },
    // No consent page: the test IdP grants every scope it offers to its registered clients.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client?.clientId;
      const accountId = ctx.oidc.session?.accountId;
      if (!clientId || !accountId) return undefined;
      const grant = new provider.Grant({ clientId, accountId });
      for (const scope of SCOPES) grant.addOIDCScope(scope);
      await grant.save();
      return grant;
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${TEST_IDP_PATH}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = options.pages.logout(ctx.req, form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = options.pages.loggedOut(ctx.req);
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = options.pages.error(ctx.req, {
        error: out.error,
        ...(out.error_description !== undefined && { description: out.error_description }),
      });
    },
  });
  provider.proxy = options.proxy;
  const callback = provider.callback();

  return {
    issuer: options.issuer,
    handle: callback,
    async interaction(req, res, uid) {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== uid) return undefined;
        return {
          uid: details.uid,
          requestedLevel: requestedLevel(details.params.acr_values),
          clientId: String(details.params.client_id),
        };
      } catch {
        // oidc-provider throws SessionNotFound for an expired or foreign interaction.
        return undefined;
      }
    },
    async login(req, res, personaId, level) {
      if (!personaById(personaId)) return undefined;
      return provider.interactionResult(
        req,
        res,
        { login: { accountId: personaId, acr: TEST_IDP_ACR[level], amr: ['test'] } },
        { mergeWithLastSubmission: false },
      );
    },
    cancel(req, res) {
      return provider.interactionResult(
        req,
        res,
        { error: 'access_denied', error_description: 'the citizen cancelled the login' },
        { mergeWithLastSubmission: false },
      );
    },
  };
}
