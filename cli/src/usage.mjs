/** An error in how the command was called or what it was given: printed without a stack, exit code 2. */
export function usage(message) {
  const e = new Error(message);
  e.usage = true;
  return e;
}
