/**
 * The OpenID Connect relying party (ADR 0036): the identity-provider port on `openid-client`.
 * Authorization code flow with PKCE S256, `state` and `nonce`; the ID token's signature, issuer,
 * audience, expiry and nonce are checked by the library. The level comes from `acr` through the
 * provider's mapping; attributes from the ID token and, where the provider has one, userinfo.
 * Discovery happens on first use and is kept; a failed discovery is tried again next time.
 */
import * as oidc from 'openid-client';
import type { AssuranceLevel } from '../../../core/identity/levels.ts';
import { ASSURANCE_LEVELS } from '../../../core/identity/levels.ts';
import type { IdentityProvider, LoginRequest, LoginResult } from '../../../core/identity/provider.ts';
import { mapClaims } from './claims.ts';
import type { OidcProviderConfig } from './config.ts';

/** The `acr` values that satisfy `level`, the level itself first, then the higher ones. */
function acrValuesFor(config: OidcProviderConfig, level: AssuranceLevel): string {
  const ranked = ASSURANCE_LEVELS.slice(ASSURANCE_LEVELS.indexOf(level));
  return ranked
    .flatMap((l) =>
      Object.entries(config.levels)
        .filter(([, mapped]) => mapped === l)
        .map(([acr]) => acr),
    )
    .join(' ');
}

export function createOidcRelyingParty(config: OidcProviderConfig): IdentityProvider {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        oidc.ClientSecretBasic(config.clientSecret),
        config.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    id: config.id,
    label: config.label,

    async authorizationUrl(request: LoginRequest) {
      const client = await configuration();
      const scopes = new Set(['openid', ...config.scopes]);
      return oidc
        .buildAuthorizationUrl(client, {
          redirect_uri: request.redirectUri,
          scope: [...scopes].join(' '),
          code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
          code_challenge_method: 'S256',
          state: request.state,
          nonce: request.nonce,
          acr_values: acrValuesFor(config, request.level),
        })
        .toString();
    },

    async complete(callbackUrl: URL, request: LoginRequest): Promise<LoginResult> {
      const client = await configuration();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(
          client,
          callbackUrl,
          {
            pkceCodeVerifier: request.codeVerifier,
            expectedState: request.state,
            expectedNonce: request.nonce,
            idTokenExpected: true,
          },
          { redirect_uri: request.redirectUri },
        );
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') {
          return { kind: 'cancelled' };
        }
        const code =
          (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
        return { kind: 'refused', reason: `token exchange failed: ${String(code ?? 'unknown')}` };
      }
      const claims = tokens.claims();
      if (!claims) return { kind: 'refused', reason: 'no ID token' };
      const level = typeof claims.acr === 'string' ? config.levels[claims.acr] : undefined;
      if (!level) return { kind: 'refused', reason: 'the acr of the ID token is not mapped to a level' };
      let all: Record<string, unknown> = { ...claims };
      if (client.serverMetadata().userinfo_endpoint) {
        const userinfo = await oidc.fetchUserInfo(client, tokens.access_token, claims.sub);
        all = { ...userinfo, ...all };
      }
      return {
        kind: 'verified',
        subject: claims.sub,
        level,
        attributes: mapClaims(all, config.claims),
        idToken: tokens.id_token,
      };
    },

    async logoutUrl(request) {
      const client = await configuration();
      if (!client.serverMetadata().end_session_endpoint) return undefined;
      return oidc
        .buildEndSessionUrl(client, {
          ...(request.idToken !== undefined && { id_token_hint: request.idToken }),
          post_logout_redirect_uri: request.postLogoutRedirectUri,
          state: request.state,
        })
        .toString();
    },
  };
}
