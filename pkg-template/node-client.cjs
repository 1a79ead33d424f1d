// Node.js: the client and the credential providers, loaded by node-instance.js on the first call
// of one of them. scripts/assemble-pkg.mjs bundles this source with client.js and what it imports
// into pkg/node-client.cjs; its imports of the API (api.js, core.js) are the process's one
// instance of this build (node-instance.js), so the client uses the instance the rest of the
// package uses.
"use strict";
module.exports = { ...require("./client.js"), ...require("./credentials.js") };
