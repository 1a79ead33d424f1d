// Runs the shared cases against an API object (the package, however it was imported) and returns
// one line per case: what the call gave, in a form that can be compared and sent as JSON.
export function runCases(api, cases) {
  return cases.map((c) => {
    try {
      return { name: c.name, value: api[c.call](...c.args) };
    } catch (e) {
      return { name: c.name, thrown: { code: e && e.code, isAliyunIdvError: e instanceof api.AliyunIdvError, message: String(e && e.message) } };
    }
  });
}

// True when `actual` has every property of `expected` with the same value (deeply).
export function matches(actual, expected) {
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected);
  if (actual === null || typeof actual !== "object") return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  }
  return Object.keys(expected).every((k) => matches(actual[k], expected[k]));
}

// Assertion messages for every case whose outcome differs from the expectation (empty when all pass).
export function mismatches(cases, outcomes) {
  const problems = [];
  cases.forEach((c, i) => {
    const o = outcomes[i];
    if (!o) problems.push(`${c.name}: no outcome`);
    else if (c.throws) {
      if (!o.thrown || o.thrown.code !== c.throws || !o.thrown.isAliyunIdvError)
        problems.push(`${c.name}: expected AliyunIdvError ${c.throws}, got ${JSON.stringify(o)}`);
    } else if (o.thrown) problems.push(`${c.name}: threw ${JSON.stringify(o.thrown)}`);
    else if (!matches(o.value, c.expect)) problems.push(`${c.name}: got ${JSON.stringify(o.value)}, expected ${JSON.stringify(c.expect)}`);
  });
  return problems;
}
