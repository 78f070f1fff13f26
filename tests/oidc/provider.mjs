// A real OpenID Connect provider (npm's oidc-provider, OpenID Certified) for the single sign-on
// tests, started and stopped by tests/OkrRollout.Tests/Infrastructure/OidcProvider.cs.
//
//   node provider.mjs --port 5555 --redirect-uri http://localhost/signin-oidc \
//     --post-logout-redirect-uri http://localhost/signout-callback-oidc --client-secret s3cret
//
// One confidential client ("okrrollout") using the authorization code flow with PKCE required; the
// test accounts of accounts.json; a login form that asks only for the account (no password: these are
// test people) and grants the client what it asks for; the end-session endpoint with a plain form.
// It prints "listening <issuer>" when ready and "end-session <account>" when a session is ended.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string', default: 'okrrollout' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    'post-logout-redirect-uri': { type: 'string', multiple: true },
    accounts: { type: 'string', default: new URL('./accounts.json', import.meta.url).pathname },
  },
});
if (!args.port || !args['client-secret'] || !args['redirect-uri']) {
  console.error('usage: node provider.mjs --port N --client-secret S --redirect-uri URI [--post-logout-redirect-uri URI]');
  process.exit(2);
}

const accounts = JSON.parse(readFileSync(args.accounts, 'utf8'));
const issuer = `http://127.0.0.1:${args.port}`;
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    redirect_uris: args['redirect-uri'],
    post_logout_redirect_uris: args['post-logout-redirect-uri'] ?? [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true, methods: ['S256'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  async findAccount(ctx, id) {
    const account = accounts[id];
    return account && { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  cookies: { keys: ['okrrollout-test-provider-only'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', form.replace('</form>', '<button type="submit" name="logout" value="yes">Yes, sign me out</button></form>'));
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});
// Plain http on loopback: this provider exists only for the tests.
provider.on('end_session.success', (ctx) => console.log(`end-session ${ctx.oidc.session?.accountId ?? ''}`));
provider.on('server_error', (ctx, error) => console.error('server_error', error));

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

// Grants the client exactly what the consent prompt says is missing: a first-party client, no question asked.
async function grantConsent(details) {
  const { prompt: { details: missing }, params, session, grantId } = details;
  const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return { consent: { grantId: await grant.save() } };
}

async function interaction(req, res) {
  const uid = req.url.split('/')[2];
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'POST' && req.url.endsWith('/login')) {
    const { login } = await readForm(req);
    if (!accounts[login]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Unknown account', `<p>No test account ${escape(login)}</p>`));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'consent') {
    await provider.interactionFinished(req, res, await grantConsent(details), { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page('Test provider sign-in', `<form method="post" action="/interaction/${escape(uid)}/login"><label>Account <input name="login" autofocus></label><button type="submit">Sign in</button></form>`));
}

const handleProvider = provider.callback();
http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      console.error('interaction failed', error);
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(error.message ?? error));
    });
    return;
  }
  handleProvider(req, res);
}).listen(Number(args.port), '127.0.0.1', () => console.log(`listening ${issuer}`));
