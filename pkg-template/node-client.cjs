// Node.js: the client and the credential providers, required by node.cjs on the first call of one
// of them. scripts/assemble-pkg.mjs bundles this source with client.js and what it imports into
// pkg/node-client.cjs; its imports of the API (api.js, core.js) are node-impl.cjs's exports, so the
// client uses the one instance the rest of the package uses.
"use strict";
module.exports = { ...require("./client.js"), ...require("./credentials.js") };
