// Signs the patient in with the pharmacy's identity provider: OpenID Connect, authorization code
// flow with PKCE (S256), no library. The page holds only the patient's own access token (in memory
// and in this tab's sessionStorage, gone when the tab closes); no key is ever handed to the page.

const TOKEN = 'rxflow.web-chat.token';
const PENDING = 'rxflow.web-chat.sign-in';
const SCOPE = 'openid profile chat';

function base64url(bytes) {
  let text = '';
  bytes.forEach(byte => { text += String.fromCharCode(byte); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The claims of a JWT, read for display only (the gateway verifies the token, not the page). */
function claims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(Array.from(atob(payload),
      c => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
  } catch (error) {
    return {};
  }
}

async function getJson(url, init = {}) {
  const response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return response.json();
}

/** The patient's session: who signed in and the access token to call the gateway with. */
export class SignIn {
  constructor(config, provider) {
    this.config = config;
    this.provider = provider;
    this.redirectUri = `${location.origin}/`;
    this.token = null;
  }

  /** Reads where to sign in (the gateway's /chat/config) and the provider's endpoints (discovery). */
  static async create() {
    const config = await getJson('/chat/config');
    const issuer = config.issuer.replace(/\/+$/, '');
    const provider = await getJson(`${issuer}/.well-known/openid-configuration`);
    if (provider.issuer.replace(/\/+$/, '') !== issuer) {
      throw new Error('The identity provider names another issuer than the gateway trusts.');
    }
    return new SignIn(config, provider);
  }

  /**
   * The access token: the one kept for this tab, or the one the provider's redirect back to the page
   * carries (?code=&state=). Null when the patient has yet to sign in.
   */
  async session() {
    const query = new URLSearchParams(location.search);
    if (query.has('code') || query.has('error')) {
      history.replaceState(null, '', location.pathname);
      return this.complete(query);
    }
    try {
      const saved = JSON.parse(sessionStorage.getItem(TOKEN));
      if (saved && saved.accessToken && saved.expiresAt > Date.now()) {
        this.token = saved;
      }
    } catch (error) {
      sessionStorage.removeItem(TOKEN);
    }
    return this.token;
  }

  /** Sends the browser to the provider's sign-in; it comes back to this page with a code. */
  async begin() {
    const verifier = randomString();
    const state = randomString();
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
    const authorize = new URL(this.provider.authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code', client_id: this.config.clientId, redirect_uri: this.redirectUri, scope: SCOPE,
      state, code_challenge: await s256(verifier), code_challenge_method: 'S256',
    }).toString();
    location.assign(authorize.toString());
  }

  async complete(query) {
    let pending = null;
    try {
      pending = JSON.parse(sessionStorage.getItem(PENDING));
    } catch (error) {
      // handled below
    }
    sessionStorage.removeItem(PENDING);
    if (query.has('error')) {
      throw new Error(`The sign-in failed: ${query.get('error_description') || query.get('error')}.`);
    }
    if (!pending || pending.state !== query.get('state')) {
      throw new Error('The sign-in answer does not match the sign-in this page started; please sign in again.');
    }
    const answer = await getJson(this.provider.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: query.get('code'), redirect_uri: this.redirectUri,
        client_id: this.config.clientId, code_verifier: pending.verifier,
      }),
    });
    const access = claims(answer.access_token);
    this.token = {
      accessToken: answer.access_token,
      expiresAt: Date.now() + (answer.expires_in || 300) * 1000,
      user: access.sub || 'patient',
      patientId: access.patient_id || null,
    };
    sessionStorage.setItem(TOKEN, JSON.stringify(this.token));
    return this.token;
  }

  /** Forgets the token; the next visit signs in again. */
  signOut() {
    this.token = null;
    sessionStorage.removeItem(TOKEN);
  }

  authorization() {
    return this.token ? { Authorization: `Bearer ${this.token.accessToken}` } : {};
  }
}
