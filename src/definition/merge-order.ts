/**
 * The three-way merge of an order: the steps of a service, the fields of a step, the items of a
 * repeating group, the options of a field. The elements are named by stable ids; which of them
 * remain is decided before (`keep`), this only decides where each one goes.
 *
 * The elements all three versions share keep the order of the side that changed it (both changing
 * it alike is one change; both changing it differently is a conflict). Every other element (added
 * on one side, moved in, or kept against a deletion) goes after the shared element it follows on
 * its own side. When both sides put elements after the same one, the two runs are ordered by their
 * first id, so the result does not depend on which side is "ours" (merge(b, x, y) = merge(b, y, x)).
 */

export interface MergedOrder {
  order: string[];
  /** Both sides reordered the shared elements, differently; `order` then follows ours. */
  conflict: boolean;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The elements of each run placed after a shared element (`''` for the start), per side. */
function runsAfterShared(list: readonly string[], shared: ReadonlySet<string>, keep: ReadonlySet<string>) {
  const runs = new Map<string, string[]>();
  let anchor = '';
  for (const id of list) {
    if (shared.has(id)) {
      anchor = id;
      continue;
    }
    if (!keep.has(id)) continue;
    const run = runs.get(anchor);
    if (run) run.push(id);
    else runs.set(anchor, [id]);
  }
  return runs;
}

export function mergeOrder(
  base: readonly string[],
  ours: readonly string[],
  theirs: readonly string[],
  keep: ReadonlySet<string>,
): MergedOrder {
  const inOurs = new Set(ours);
  const inTheirs = new Set(theirs);
  const shared = new Set(base.filter((id) => keep.has(id) && inOurs.has(id) && inTheirs.has(id)));
  const baseOrder = base.filter((id) => shared.has(id));
  const oursOrder = ours.filter((id) => shared.has(id));
  const theirsOrder = theirs.filter((id) => shared.has(id));
  let skeleton = oursOrder;
  let conflict = false;
  if (sameList(oursOrder, baseOrder)) skeleton = theirsOrder;
  else if (!sameList(theirsOrder, baseOrder) && !sameList(oursOrder, theirsOrder)) conflict = true;

  const oursRuns = runsAfterShared(ours, shared, keep);
  const theirsRuns = runsAfterShared(theirs, shared, keep);
  const order: string[] = [];
  const placed = new Set<string>();
  const put = (id: string) => {
    if (placed.has(id)) return;
    placed.add(id);
    order.push(id);
  };
  for (const anchor of ['', ...skeleton]) {
    if (anchor !== '') put(anchor);
    const a = oursRuns.get(anchor) ?? [];
    const b = theirsRuns.get(anchor) ?? [];
    const runs = sameList(a, b) ? [a] : [a, b].sort((x, y) => ((x[0] ?? '') < (y[0] ?? '') ? -1 : 1));
    for (const run of runs) for (const id of run) put(id);
  }
  // Anything kept that neither side lists here (the caller placed it here against both sides).
  for (const id of [...keep].sort()) put(id);
  return { order, conflict };
}
