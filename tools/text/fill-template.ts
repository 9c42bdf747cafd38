/**
 * Fills `{name}` placeholders from values. A placeholder without a value is an error naming it,
 * so a template edit can never ship a literal "{name}" to a customer.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {${name}} has no value`);
    return String(value);
  });
}
