// The gateway's chat API, as the web chat uses it. Every call sends the patient's access token;
// every error is turned into an ApiError carrying the RFC 9457 problem the gateway answered with.
// A 401 (the token expired or was refused) sends the patient to sign in again.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The gateway answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }
}

export class ChatApi {
  /**
   * @param {import('./signin.js').SignIn} signIn the patient's session
   * @param {() => void} onUnauthorized called when the gateway no longer accepts the token
   */
  constructor(signIn, onUnauthorized) {
    this.signIn = signIn;
    this.onUnauthorized = onUnauthorized;
  }

  headers(extra = {}) {
    return { ...this.signIn.authorization(), Accept: 'application/json', ...extra };
  }

  async call(method, path, body, extraHeaders = {}) {
    const init = { method, headers: this.headers(extraHeaders) };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (response.status === 401) {
      this.onUnauthorized();
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return { status: response.status, body: json };
  }

  /** Opens a conversation for the signed-in patient (the gateway takes the patient from the token). */
  async openConversation() {
    const { body } = await this.call('POST', '/api/v1/conversations', { channel: 'web' });
    return body.conversationId;
  }

  async postMessage(conversationId, messageId, text) {
    return this.call('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      { messageId, text });
  }

  async conversation(conversationId) {
    return (await this.call('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}`)).body;
  }

  /** Every line of the transcript, page after page. */
  async transcript(conversationId) {
    const lines = [];
    for (let page = 0; ; page++) {
      const { body } = await this.call('GET',
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?page=${page}&size=100`);
      lines.push(...body.messages);
      if ((page + 1) * body.size >= body.total) {
        return lines;
      }
    }
  }
}
