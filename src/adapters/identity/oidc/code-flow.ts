/**
 * The authorization code flow with PKCE S256, `state` and `nonce` on `openid-client`, shared by the
 * citizens' relying party (ADR 0036) and staff single sign-on (ADR 0056). The ID token's signature,
 * issuer, audience, expiry and nonce are checked by the library. Discovery happens on first use and
 * is kept; a failed discovery is tried again next time.
 */
import * as oidc from 'openid-client';

/** Where the provider is and our client there. */
export interface CodeFlowClient {
  issuer: string;
  clientId: string;
  /** Sent with HTTP Basic authentication (`client_secret_basic`). */
  clientSecret: string;
  /** Plain http is accepted (a provider on this machine: tests, development). */
  allowHttp: boolean;
}

export interface CodeFlowRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type CodeFlowResult =
  | {
      kind: 'tokens';
      /** The ID token's claims, with userinfo's where the provider has it (the ID token's win). */
      claims: Record<string, unknown>;
      subject: string;
      idToken: string | undefined;
    }
  | { kind: 'cancelled' }
  | { kind: 'refused'; reason: string };

export interface CodeFlow {
  configuration(): Promise<oidc.Configuration>;
  authorizationUrl(
    request: CodeFlowRequest,
    parameters: { scope: string; acr_values?: string },
  ): Promise<URL>;
  complete(callbackUrl: URL, request: CodeFlowRequest): Promise<CodeFlowResult>;
}

export function codeFlow(client: CodeFlowClient): CodeFlow {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(client.issuer),
        client.clientId,
        undefined,
        oidc.ClientSecretBasic(client.clientSecret),
        client.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    configuration,

    async authorizationUrl(request, parameters) {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: request.redirectUri,
        ...parameters,
        code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
        state: request.state,
        nonce: request.nonce,
      });
    },

    async complete(callbackUrl, request) {
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(
          config,
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
      let all: Record<string, unknown> = { ...claims };
      if (config.serverMetadata().userinfo_endpoint) {
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        all = { ...userinfo, ...all };
      }
      return { kind: 'tokens', claims: all, subject: claims.sub, idToken: tokens.id_token };
    },
  };
}
