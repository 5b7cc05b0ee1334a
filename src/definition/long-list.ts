/**
 * Above this many options a `select` is a searchable text input instead of a drop-down, and
 * `radio`/`checkbox` are refused (nobody reads 300 radios). A native select stays usable with its
 * type-ahead up to a few hundred entries (the ~250 countries are the common case); beyond that the
 * page grows by tens of kilobytes per field and scrolling to an entry becomes impractical.
 * See ADR 0015.
 */
export const LONG_LIST_THRESHOLD = 300;
