/** Apps show the code as "123 456"; what is sent is the six digits alone. */
export function normaliseCode(input: string): string | undefined {
  const digits = input.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}
