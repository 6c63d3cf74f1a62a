// A throw-away OpenID Connect provider for the single sign-on browser test.
//
// It plays the municipality's identity broker (Keycloak, AD FS, Entra ID): one
// confidential client, one user, and oidc-provider's built-in development login and
// consent pages, so the test drives a real authorization-code flow in a real browser.
//
//   node tests/oidc/provider.mjs --port 0 --client-id samskab --client-secret s3cret \
//     --redirect-uri http://localhost:8000/accounts/oidc/sso/login/callback/ \
//     --sub sso-1 --email anna@example.test --name "Anna Andersen"
//
// Prints "READY <issuer>" on stdout once it accepts connections. Test-only: it uses
// oidc-provider's development signing keys and in-memory storage.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: opt } = parseArgs({
  options: {
    // 0 lets the OS pick a free port, so parallel runs never race for one.
    port: { type: 'string', default: process.env.OIDC_TEST_PORT ?? '0' },
    'client-id': { type: 'string', default: process.env.OIDC_TEST_CLIENT_ID },
    'client-secret': { type: 'string', default: process.env.OIDC_TEST_CLIENT_SECRET },
    'redirect-uri': { type: 'string', default: process.env.OIDC_TEST_REDIRECT_URI },
    // Must match what Samskab sends (OIDC_TOKEN_AUTH_METHOD), as a real broker would insist.
    'token-auth-method': { type: 'string', default: 'client_secret_basic' },
    sub: { type: 'string', default: process.env.OIDC_TEST_SUB },
    email: { type: 'string', default: process.env.OIDC_TEST_EMAIL },
    name: { type: 'string', default: process.env.OIDC_TEST_NAME },
  },
});
for (const key of ['client-id', 'client-secret', 'redirect-uri', 'sub', 'email', 'name']) {
  if (!opt[key]) {
    console.error(`missing --${key}`);
    process.exit(2);
  }
}

const user = { sub: opt.sub, email: opt.email, email_verified: true, name: opt.name };

const server = createServer();
server.listen(Number(opt.port), '127.0.0.1', () => {
  // The issuer must carry the real port: allauth checks the ID token's "iss" against it.
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opt['client-id'],
        client_secret: opt['client-secret'],
        redirect_uris: [opt['redirect-uri']],
        token_endpoint_auth_method: opt['token-auth-method'],
      },
    ],
    // Only these claims leave the provider; allauth asks for "openid profile email" and
    // matches accounts on a *verified* e-mail, so email_verified must come along.
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Every login becomes the configured user (see the login override below).
    findAccount: (ctx, id) =>
      id === user.sub ? { accountId: user.sub, claims: () => ({ ...user }) } : undefined,
    // Samskab turns PKCE on (OAUTH_PKCE_ENABLED); requiring it here proves allauth sends it.
    pkce: { required: () => true },
    // Fresh keys per run instead of the library's well-known development cookie keys.
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: true } },
  });

  // The development login form turns whatever is typed into the account id. Finish the
  // login prompt with the configured user instead, so any login/password is accepted and
  // the "sub" stays stable; the consent prompt is left to the development pages.
  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
      const { prompt } = await provider.interactionDetails(ctx.req, ctx.res);
      if (prompt.name === 'login') {
        const login = { login: { accountId: user.sub } };
        const returnTo = await provider.interactionResult(ctx.req, ctx.res, login, {
          mergeWithLastSubmission: false,
        });
        ctx.status = 303;
        ctx.redirect(returnTo);
        return;
      }
    }
    await next();
  });

  server.on('request', provider.callback());
  console.log(`READY ${issuer}`);
});
