// An OpenID Certified provider (panva/node-oidc-provider) on loopback for the sign-in tests, started
// by tests/scripts/oidc-certified-provider.sh. Its own protocol code, unchanged: discovery, JWKS,
// authorization code with PKCE, signed id_tokens, end_session, its development sign-in and consent
// pages. What the tests add: test users and their claims, set over HTTP (PUT /test/users/{login}),
// and a health check. Configuration (environment): PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS and
// POST_LOGOUT_REDIRECT_URIS (comma-separated).
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const list = (name) => (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const users = new Map();

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: list('REDIRECT_URIS'),
    post_logout_redirect_uris: list('POST_LOGOUT_REDIRECT_URIS'),
    // ASP.NET Core's OpenID Connect handler sends the secret in the form body.
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // The role and scope claims come with the profile scope, which the service asks for.
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'roles', 'followup_association', 'followup_provider'],
  },
  // The claims in the id_token itself, as municipal providers configured for the service send them.
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => {
    const user = users.get(id);
    return user ? { accountId: id, claims: () => ({ sub: id, ...user }) } : undefined;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['samordning-followup-test-only'] },
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/health' && ctx.method === 'GET') {
    ctx.body = 'ok';
    return;
  }

  const match = /^\/test\/users\/([^/]+)$/.exec(ctx.path);
  if (match && ctx.method === 'PUT') {
    let text = '';
    for await (const chunk of ctx.req) text += chunk;
    users.set(decodeURIComponent(match[1]), JSON.parse(text));
    ctx.status = 204;
    return;
  }

  await next();
});

provider.listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));
