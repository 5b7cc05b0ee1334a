/**
 * Which client a login attempt comes from, for throttling per client (ADR 0028). An IPv4 address
 * names one client; an IPv6 address is counted by its /64 prefix, because one subscriber usually
 * has a whole /64 and could otherwise take a fresh address for every attempt. An IPv4 address
 * written as IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The eight hextets of an IPv6 address, or undefined when it is not one. */
function hextets(address: string): string[] | undefined {
  const parts = address.split('::');
  if (parts.length > 2) return undefined;
  const split = (text: string | undefined) => (text ? text.split(':') : []);
  const left = split(parts[0]);
  const right = split(parts[1]);
  const tail = parts.length === 2 ? right : left;
  const last = tail[tail.length - 1];
  if (last?.includes('.')) {
    const bytes = last.split('.').map(Number);
    if (bytes.length !== 4 || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    tail.splice(tail.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  if (parts.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(parts.length === 2 ? missing : 0).fill('0'), ...right];
  return all.every((h) => /^[0-9a-f]{1,4}$/i.test(h)) ? all : undefined;
}

/** The client an address stands for: the IPv4 address, or the /64 of an IPv6 address. */
export function clientOf(address: string): string {
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const zoneless = address.split('%')[0] ?? address;
  const groups = hextets(zoneless);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((h) => Number.parseInt(h, 16).toString(16))
    .join(':')}::/64`;
}
