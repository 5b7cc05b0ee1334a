/**
 * recheck's pure JavaScript build (`lib/browser.js`): the same analysis as its main entry without
 * a worker thread, a child process or the optional native binary (see `regex-analysis.ts`). It is
 * CommonJS: Node hands it over as the default export, tsx as named exports.
 */
declare module 'recheck/lib/browser.js' {
  export const checkSync: typeof import('recheck').checkSync;
  const recheck: { checkSync: typeof import('recheck').checkSync } | undefined;
  export default recheck;
}
