import {
  Metadata,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

/**
 * Phone filter entries: what an operator types or pastes, turned into E.164 with a default
 * country for national numbers. Loaded with the drawer only (libphonenumber-js is large).
 */

export type PhoneEntry =
  { kind: 'valid'; e164: string; display: string } | { kind: 'invalid'; input: string; reason: string };

/** Commas, semicolons, new lines, or spaces between numbers (but not the spaces inside one). */
export function splitPhoneInput(text: string): string[] {
  const pieces = text.split(/[,;\n\r\t]+/);
  const entries: string[] = [];
  for (const piece of pieces) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    // "+1 415 555 0100 +44 7700 900123": a new number starts at each "+" after whitespace.
    for (const part of trimmed.split(/\s+(?=\+)/)) {
      if (part.trim() !== '') entries.push(part.trim());
    }
  }
  return entries;
}

export function parsePhoneEntry(input: string, defaultCountry: CountryCode): PhoneEntry {
  const text = input.trim();
  if (!/\d/.test(text)) return { kind: 'invalid', input: text, reason: 'Not a phone number: it has no digits.' };
  // An extension ("x12", "ext. 12", also right after the digits) is not "letters": it has its own message below.
  if (/[a-z]/i.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
    return { kind: 'invalid', input: text, reason: 'Not a phone number: it contains letters.' };
  }
  // 00 is the international prefix of most of the world, whatever the default country's own (the
  // US dials 011): no national number starts with it, so "0044 20 …" is +44 20 ….
  const international = text.replace(/^00(?=\s*[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(international, defaultCountry);
  if (!parsed) {
    const reason = international.startsWith('+')
      ? 'Not a phone number: the digits after + are not a country calling code.'
      : 'Not a phone number. Enter it with its country code, like +1 415 555 0100.';
    return { kind: 'invalid', input: text, reason };
  }
  if (parsed.ext) return { kind: 'invalid', input: text, reason: 'Extensions cannot be used in a phone filter.' };
  if (!parsed.isValid()) {
    const callingCode = parsed.countryCallingCode;
    // A national entry was read in the default country; an international one (+44…) names its own.
    const national = !international.startsWith('+') && callingCode === getCountryCallingCode(defaultCountry);
    const country = parsed.country ?? (national ? defaultCountry : mainCountryForCallingCode(callingCode));
    const region = country ? regionName(country) : `calling code +${callingCode}`;
    const place = country ? `${region} (+${callingCode})` : region;
    const reason = !parsed.isPossible()
      ? `Wrong number of digits for ${place}.`
      : national
        ? `Not a valid number in ${region}. Check the digits or add the country code.`
        : `Not a valid number in ${place}. Check the digits.`;
    return { kind: 'invalid', input: text, reason };
  }
  return { kind: 'valid', e164: parsed.number, display: parsed.formatInternational() };
}

/**
 * The country a calling code stands for (+1 → US, +44 → GB), or undefined for a non-geographic
 * code (+800). Read from the metadata the parser already uses; the method is missing from the
 * library's types, so it is declared here.
 */
function mainCountryForCallingCode(callingCode: string): CountryCode | undefined {
  const metadata = new Metadata() as Metadata & {
    getCountryCodeForCallingCode(callingCode: string): CountryCode | undefined;
  };
  return metadata.getCountryCodeForCallingCode(callingCode);
}

/** International format for display; the input unchanged when it cannot be parsed. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

const regionNames =
  typeof Intl !== 'undefined' && 'DisplayNames' in Intl ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

export function regionName(country: CountryCode): string {
  return regionNames?.of(country) ?? country;
}

/** The country of the browser's locale (en-GB → GB), or US. */
export function defaultCountryFromLocale(
  locales: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): CountryCode {
  const supported = new Set<string>(getCountries());
  for (const locale of locales) {
    try {
      const region = new Intl.Locale(locale).maximize().region;
      if (region && supported.has(region)) return region as CountryCode;
    } catch {
      // An unparsable locale tag: try the next one.
    }
  }
  return 'US';
}

export interface CountryOption {
  code: CountryCode;
  label: string;
}

/** Every country libphonenumber-js knows, sorted by name, labelled "United Kingdom (+44)". */
export function countryOptions(): CountryOption[] {
  return getCountries()
    .map((code) => ({ code, label: `${regionName(code)} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
