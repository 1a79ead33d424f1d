// An in-memory stand-in for the cloudauth endpoint, for the journal's unit tests: a fixed clock,
// the 15-minute timestamp window, a repeated nonce refused (SignatureNonceUsed, not processed),
// and a count of the requests it processed per nonce and per person. It does not check signatures
// (the end-to-end test does that, against the bundled mock).
export function createFakeService(clock) {
  const processedByNonce = new Map();
  const processedByPerson = new Map();
  const noncesByPerson = new Map();
  let received = 0;
  let seq = 0;
  const answer = (status, obj) => ({
    status,
    ok: status === 200,
    headers: new Headers({ "content-type": "application/json;charset=utf-8" }),
    text: async () => JSON.stringify(obj),
  });
  return {
    processedByNonce,
    processedByPerson,
    noncesByPerson,
    get received() {
      return received;
    },
    /** A fetch that delivers the request: the service processes it (or refuses it) and answers. */
    async fetch(url, init) {
      received++;
      const h = init.headers;
      const nonce = h["x-acs-signature-nonce"];
      const date = Date.parse(h["x-acs-date"]);
      const form = new URLSearchParams(init.body);
      const person = `${form.get("IdentifyNum")}|${form.get("UserName")}`;
      if (!noncesByPerson.has(person)) noncesByPerson.set(person, new Set());
      noncesByPerson.get(person).add(nonce);
      const requestId = `REQ-${++seq}`;
      if (Math.abs(clock().getTime() - date) > 15 * 60 * 1000) {
        return answer(400, { RequestId: requestId, Code: "InvalidTimeStamp.Expired", Message: "expired" });
      }
      if (processedByNonce.has(nonce)) {
        return answer(400, { RequestId: requestId, Code: "SignatureNonceUsed", Message: "Specified signature nonce was used already." });
      }
      processedByNonce.set(nonce, 1);
      processedByPerson.set(person, (processedByPerson.get(person) ?? 0) + 1);
      const bizCode = Number(form.get("IdentifyNum").slice(-2, -1)) % 2 === 0 ? "1" : "2";
      return answer(200, { RequestId: requestId, Code: "Success", Message: "success", Result: { BizCode: bizCode } });
    },
  };
}
