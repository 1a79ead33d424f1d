// Runs the shared cases against an API object (the package, however it was imported) and returns
// one line per case: what the call gave, in a form that can be compared and sent as JSON.
export function runCases(api, cases) {
  return cases.map((c) => {
    try {
      return { name: c.name, value: api[c.call](...c.args) };
    } catch (e) {
      const thrown = { code: e && e.code, isAliyunIdvError: e instanceof api.AliyunIdvError, message: String(e && e.message) };
      if (e && e.field !== undefined) thrown.field = e.field;
      return { name: c.name, thrown };
    }
  });
}

/**
 * True when `actual` equals `expected` exactly: the same JSON value, every property of each (an
 * extra or a missing property is a difference; `undefined` properties count as absent, as in JSON).
 * Cases are complete answers, not subsets.
 */
export function matches(actual, expected) {
  return canonical(actual) === canonical(expected);
}

/** JSON text with object keys sorted, so property order does not matter. */
function canonical(v) {
  return JSON.stringify(v, (_, x) =>
    x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x,
  );
}

// Assertion messages for every case whose outcome differs from the expectation (empty when all pass).
export function mismatches(cases, outcomes) {
  const problems = [];
  if (outcomes.length !== cases.length) problems.push(`${outcomes.length} outcomes for ${cases.length} cases`);
  cases.forEach((c, i) => {
    const o = outcomes[i];
    if (!o) problems.push(`${c.name}: no outcome`);
    else if (o.name !== c.name) problems.push(`${c.name}: outcome of ${o.name}`);
    else if (c.throws) {
      const { isAliyunIdvError, ...thrown } = o.thrown ?? {};
      if (!o.thrown || !isAliyunIdvError || !matches(thrown, c.throws))
        problems.push(`${c.name}: expected AliyunIdvError ${JSON.stringify(c.throws)}, got ${JSON.stringify(o)}`);
    } else if (o.thrown) problems.push(`${c.name}: threw ${JSON.stringify(o.thrown)}`);
    else if (!("expect" in c)) problems.push(`${c.name}: the case has neither expect nor throws`);
    else if (!matches(o.value, c.expect)) problems.push(`${c.name}: got ${canonical(o.value)}, expected ${canonical(c.expect)}`);
  });
  return problems;
}
