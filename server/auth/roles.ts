import type { Role } from '../../contract/console.ts';

/**
 * Who may do what once signed in: LINQ_CONSOLE_EDITORS and LINQ_CONSOLE_VIEWERS, each a
 * comma-separated list of email addresses and `@domain` entries. Compared with only the ASCII
 * letters folded to lower case, so no two distinct addresses meet one entry: Unicode case folding
 * would make `\u212Aim@example.com` (KELVIN SIGN) `kim@example.com`. An editor entry wins over a
 * viewer entry; someone in neither list gets no role at all.
 */

/** An address or domain as it is compared: ASCII A–Z folded to a–z, everything else as it is. */
export const comparable = (value: string) => value.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

export interface Members {
  emails: Set<string>;
  /** `@example.com` entries, without the `@`. */
  domains: Set<string>;
}

export interface Roles {
  editors: Members;
  viewers: Members;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/;
const DOMAIN = /^@[^\s@,]+$/;

/** The entries of one list, or the first entry that is neither an email nor `@domain`. */
export function parseMembers(list: string | undefined): { members: Members } | { invalid: string } {
  const members: Members = { emails: new Set(), domains: new Set() };
  for (const raw of (list ?? '').split(',')) {
    const entry = comparable(raw.trim());
    if (entry === '') continue;
    if (DOMAIN.test(entry)) members.domains.add(entry.slice(1));
    else if (EMAIL.test(entry)) members.emails.add(entry);
    else return { invalid: entry };
  }
  return { members };
}

export const isEmpty = (members: Members) => members.emails.size === 0 && members.domains.size === 0;

/** A plausible email address as an identity provider or authenticating proxy sends it. */
export const isEmail = (value: string) => value.length <= 320 && EMAIL.test(value);

function includes(members: Members, email: string): boolean {
  const address = comparable(email);
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return members.emails.has(address) || members.domains.has(domain);
}

export function roleFor(roles: Roles, email: string): Role | undefined {
  if (includes(roles.editors, email)) return 'editor';
  if (includes(roles.viewers, email)) return 'viewer';
  return undefined;
}

const members = (list: string | undefined): Members => {
  const parsed = parseMembers(list);
  if ('invalid' in parsed) throw new Error('A role list has an entry that is neither an email address nor @domain.');
  return parsed.members;
};

export function rolesFrom(editors: string | undefined, viewers: string | undefined): Roles {
  return { editors: members(editors), viewers: members(viewers) };
}
