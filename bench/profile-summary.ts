/**
 * Summarizes a `.cpuprofile` (from BENCH_PROFILE or `node --cpu-prof`) by self time per area,
 * function and file. Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top] [requests]
 */
import { formatSummary, summarizeProfile } from './profiler.ts';

const [file, top = '25', requests = '0'] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [top] [requests]');
  process.exit(2);
}
console.log(formatSummary(file, summarizeProfile(file, Number(top)), Number(requests)));
