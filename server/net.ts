/** Host names in URLs and checks: one place for IPv6 brackets and loopback. */

/** `::1` → `[::1]`, as a URL or Host header writes it; other hosts unchanged. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}
