/**
 * How links and email addresses are written, for the checks that keep them out of what we send
 * (email drafts) unless the team's own facts hold them. Pure.
 */

/** "ana@acme.example". */
export const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;

/** "billing at acme-help dot com", "ana [at] acme [dot] example". */
export const SPELLED_EMAIL_ADDRESS =
  /\b[A-Za-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[A-Za-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\s+dot\s+)\s*[A-Za-z0-9-]+)+\b/gi;

/**
 * A link: a URL with a scheme, "www.…", or a bare domain on any top-level domain with its path
 * ("evil.example/reset", "rewards-now.xyz"). Labels of one letter ("e.g.", "i.e.") and numbers
 * ("v4.2", "2.5") are not domains.
 */
export const LINK =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"')\]]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b(?:\/[^\s<>"')\]]*)?/gi;

/** A link as found, without the sentence's punctuation after it. */
export const trimLink = (link: string): string => link.replace(/[.,;:!?]+$/, '');
