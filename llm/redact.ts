/**
 * Removes personal data from text before it leaves for a model: email addresses, phone numbers
 * and card-like numbers become placeholders. Dates, amounts and ids are left as they are.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** 13–19 digits, optionally grouped by spaces or dashes: card-like. */
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
/** A phone number: optional +country, optional (area), digit groups; 9 to 15 digits in all. */
const PHONE = /(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w-])/g;
const digits = (s: string) => s.replace(/\D/g, '').length;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function redactPii(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(CARD, (m) => (digits(m) >= 13 ? '[card number]' : m))
    .replace(PHONE, (m) => (ISO_DATE.test(m.trim()) || digits(m) < 9 || digits(m) > 15 ? m : '[phone]'));
}
