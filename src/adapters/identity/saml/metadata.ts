/**
 * Our service-provider metadata (ADR 0050) at `GET /auth/saml/{id}/metadata`: the entity id, the
 * assertion consumer service (HTTP-POST), `AuthnRequestsSigned` and `WantAssertionsSigned`, the
 * signing certificate and the encryption certificate with the algorithms we accept; where the
 * provider has single logout, our single logout service (HTTP-Redirect binding).
 */
import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import type { SamlProviderConfig, samlUrls } from './config.ts';

export function serviceProviderMetadata(
  config: SamlProviderConfig,
  urls: ReturnType<typeof samlUrls>,
): string {
  const metadata = generateServiceProviderMetadata({
    issuer: urls.metadata,
    callbackUrl: urls.acs,
    ...(config.idp.sloUrl !== undefined && { logoutCallbackUrl: urls.slo }),
    identifierFormat: null,
    wantAssertionsSigned: true,
    // The keys only tell the generator that we sign and decrypt; only the certificates are published.
    privateKey: config.sp.signingKey,
    publicCerts: config.sp.signingCert,
    decryptionPvk: config.sp.encryptionKey,
    decryptionCert: config.sp.encryptionCert,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
  });
  // node-saml announces its single logout service with the HTTP-POST binding; ours is HTTP-Redirect.
  return metadata.replace(
    /(<SingleLogoutService\b[^>]*Binding=")urn:oasis:names:tc:SAML:2\.0:bindings:HTTP-POST(")/,
    '$1urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect$2',
  );
}
