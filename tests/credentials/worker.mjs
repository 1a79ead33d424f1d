// A Worker exercising the credential providers inside workerd: bindings as the environment, no
// files, no metadata service; STS reached over fetch on loopback (the test's local STS).
import { AliyunIdvError, credentialsCache, configFileCredentials, defaultCredentialsChain, environmentCredentials, oidcCredentials } from "aliyun-idv";

async function outcome(promise) {
  try {
    const c = await promise;
    return { accessKeyId: c.accessKeyId, hasSecret: typeof c.accessKeySecret === "string", securityToken: c.securityToken ?? null };
  } catch (e) {
    return { error: e instanceof AliyunIdvError ? e.code : String(e), notConfigured: e.notConfigured === true, message: e.message };
  }
}

export default {
  async fetch(request, env) {
    const out = {
      env: await outcome(credentialsCache(environmentCredentials({ env })).get()),
      chain: await outcome(credentialsCache(defaultCredentialsChain({ env })).get()),
      configFile: await outcome(configFileCredentials({ env })()),
      oidcNoFiles: await outcome(
        oidcCredentials({
          env: { ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/w", ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/w", ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/token" },
          stsEndpoint: env.STS_URL,
        })(),
      ),
      oidc: await outcome(
        oidcCredentials({
          env: { ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/w", ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/w", ALIBABA_CLOUD_OIDC_TOKEN_FILE: "binding" },
          readFile: async () => env.OIDC_TOKEN,
          stsEndpoint: env.STS_URL,
        })(),
      ),
    };
    return Response.json(out);
  },
};
