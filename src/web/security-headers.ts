/**
 * Sent with every response: pages, assets, JSON, redirects and every error page (404, 413, 415,
 * 500), because the `onSend` hook in `server.ts` runs for all of them. A reply that bypasses the
 * hooks (the test IdP's, handed to `oidc-provider`) sets them itself.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  // No page of Amtsweg uses a camera, a microphone, the location or payment in the browser: a
  // script that got in anyway, or a frame, cannot ask for them either.
  'permissions-policy':
    'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()',
  // A page opened from another site (or opening one) shares no window with it (no
  // `window.opener`, no cross-window attacks such as XS-Leaks through it).
  'cross-origin-opener-policy': 'same-origin',
  // Other sites cannot embed our responses (pages, stylesheets, files) as their own resources.
  'cross-origin-resource-policy': 'same-origin',
};

/** Over https (ADR 0028): browsers use nothing else for a year. */
export const HSTS_HEADER = { 'strict-transport-security': 'max-age=31536000' };

/**
 * The headers with further origins a form may lead to: the identity providers' (ADR 0036), whose
 * logout a form's redirect reaches (browsers apply `form-action` to redirects after a form too).
 */
export function allowingFormActions(
  headers: typeof SECURITY_HEADERS,
  origins: readonly string[],
): typeof SECURITY_HEADERS {
  if (origins.length === 0) return headers;
  const csp = headers['content-security-policy'].replace(
    "form-action 'self'",
    `form-action 'self' ${[...new Set(origins)].join(' ')}`,
  );
  return { ...headers, 'content-security-policy': csp };
}
