/**
 * CPU profiling of a server child on demand (the same V8 sampler as `node --cpu-prof`, but started
 * and stopped around one load run instead of covering the whole process life), and a summary of a
 * `.cpuprofile` by self time per function and per file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { repoRoot } from './common.ts';

let session: Session | undefined;

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}

export async function stopProfile(file: string): Promise<void> {
  if (!session) throw new Error('profiler not started');
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  session = undefined;
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  functions: Array<{ name: string; selfMs: number; share: number }>;
  files: Array<{ name: string; selfMs: number; share: number }>;
  /** Self time of everything under src/ grouped by top folder (web, engine, adapters, ...). */
  layers: Array<{ name: string; selfMs: number; share: number }>;
}

function shortUrl(url: string): string {
  if (url === '') return '(native/V8)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  return path.startsWith('/') ? relative(repoRoot, path) : path;
}

/** Self time per function and per file, in ms, busy time only ((idle) excluded from the shares). */
export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  const layers = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const where = shortUrl(url);
    // tsx-compiled modules report every function on line 1; show lines only where they mean something.
    const line = url && lineNumber > 0 ? `:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}  ${where}${line}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fileKey = url ? where : functionName;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
    let layer: string;
    if (where.startsWith('src/')) layer = where.split('/').slice(0, 2).join('/');
    else if (url.includes('node_modules/')) layer = `node_modules/${where.split('/')[0]}`;
    else if (url.startsWith('node:')) layer = 'node: internals';
    else layer = url ? 'other' : functionName;
    layers.set(layer, (layers.get(layer) ?? 0) + us);
  }
  const busy = total - idle;
  const rank = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    functions: rank(fn, top),
    files: rank(files, top),
    layers: rank(layers, 30),
  };
}

export function formatSummary(title: string, s: ProfileSummary, requests: number): string {
  const busyMs = s.totalMs - s.idleMs;
  const lines = [
    `CPU profile: ${title}`,
    `  sampled ${s.totalMs.toFixed(0)} ms, busy ${busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms; ` +
      `${requests} requests -> ${requests > 0 ? ((busyMs / requests) * 1000).toFixed(0) : '?'} µs busy CPU per request`,
    '  self time by area:',
    ...s.layers.map((l) => `    ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`),
    '  top functions by self time:',
    ...s.functions.map((f) => `    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`),
    '  top files by self time:',
    ...s.files.map((f) => `    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`),
  ];
  return lines.join('\n');
}
