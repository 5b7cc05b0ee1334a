/**
 * The OpenID Connect relying party (ADR 0036): the identity-provider port on the authorization
 * code flow of `code-flow.ts` (PKCE S256, `state`, `nonce`, the ID token checked by the library).
 * The level comes from `acr` through the provider's mapping; attributes from the ID token and,
 * where the provider has one, userinfo.
 */
import * as oidc from 'openid-client';
import type { AssuranceLevel } from '../../../core/identity/levels.ts';
import { ASSURANCE_LEVELS } from '../../../core/identity/levels.ts';
import type { IdentityProvider, LoginRequest, LoginResult } from '../../../core/identity/provider.ts';
import { mapClaims } from './claims.ts';
import { codeFlow } from './code-flow.ts';
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
  const flow = codeFlow(config);

  return {
    id: config.id,
    label: config.label,

    async authorizationUrl(request: LoginRequest) {
      const scopes = new Set(['openid', ...config.scopes]);
      const url = await flow.authorizationUrl(request, {
        scope: [...scopes].join(' '),
        acr_values: acrValuesFor(config, request.level),
      });
      return url.toString();
    },

    async complete(callbackUrl: URL, request: LoginRequest): Promise<LoginResult> {
      const result = await flow.complete(callbackUrl, request);
      if (result.kind !== 'tokens') return result;
      const acr = result.claims.acr;
      const level = typeof acr === 'string' ? config.levels[acr] : undefined;
      if (!level) return { kind: 'refused', reason: 'the acr of the ID token is not mapped to a level' };
      return {
        kind: 'verified',
        subject: result.subject,
        level,
        attributes: mapClaims(result.claims, config.claims),
        idToken: result.idToken,
      };
    },

    async logoutUrl(request) {
      const client = await flow.configuration();
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
