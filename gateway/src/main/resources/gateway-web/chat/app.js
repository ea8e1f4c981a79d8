// The patient's web chat. Everything the gateway or the patient says is put on the page with
// textContent, never as markup: a message that contains HTML shows the HTML, it never runs.
import { ApiError, ChatApi } from './api.js';
import { ReplyEvents } from './events.js';
import { renderPanel } from './panel.js';
import { renderProgress } from './progress.js';
import { SignIn } from './signin.js';

const QUICK_ACTIONS = [
  { label: 'Refill a medication', text: "I'd like to refill a prescription." },
  { label: 'Find a pharmacy', text: 'Find a pharmacy near me.' },
  { label: 'Check prices', text: 'What are the prices for my medications?' },
  { label: 'My medications', text: 'Which medications am I on?' },
];
const SESSION = 'rxflow.web-chat';

const $ = id => document.getElementById(id);
const ui = {
  who: $('who'), signOut: $('sign-out'), reset: $('reset'), exportButton: $('export'), togglePanel: $('toggle-panel'),
  panel: $('panel'), messages: $('messages'), typing: $('typing'), quickActions: $('quick-actions'),
  composer: $('composer'), message: $('message'), send: $('send'), status: $('status'),
  signedOut: $('signed-out'), signedOutMessage: $('signed-out-message'), signIn: $('sign-in'),
};

const chat = {
  signIn: null,
  api: null,
  reauthenticating: false,
  patientId: null,
  conversationId: null,
  events: null,
  awaiting: new Set(), // message ids whose final reply has not come yet
  shown: new Set(),    // reply ids already on the page
  live: false,
};

function newMessageId() {
  if (window.crypto && crypto.randomUUID) {
    return `web-${crypto.randomUUID()}`;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
}

function setStatus(text) {
  ui.status.textContent = text;
}

function setTyping() {
  ui.typing.hidden = chat.awaiting.size === 0;
}

function setComposerEnabled(enabled) {
  ui.send.disabled = !enabled;
  ui.quickActions.querySelectorAll('button').forEach(button => { button.disabled = !enabled; });
}

/** One message on the page: who said it, what, and when. */
function showMessage(role, text, at, replyId = null) {
  if (replyId) {
    if (chat.shown.has(replyId)) {
      return;
    }
    chat.shown.add(replyId);
  }
  const item = document.createElement('li');
  item.className = `message ${role}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'patient' ? 'You' : role.charAt(0).toUpperCase() + role.slice(1);
  const body = document.createElement('p');
  body.className = 'text';
  body.textContent = text;
  const when = document.createElement('time');
  const date = at ? new Date(at) : new Date();
  when.dateTime = date.toISOString();
  when.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  item.append(who, body, when);
  ui.messages.append(item);
  item.scrollIntoView({ block: 'end' });
}

function showQuickReplies(options) {
  renderQuickActions(Array.isArray(options) && options.length
    ? options.map(option => ({ label: String(option), text: String(option) }))
    : QUICK_ACTIONS);
}

function renderQuickActions(actions) {
  ui.quickActions.replaceChildren(...actions.map(action => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    button.dataset.text = action.text;
    button.disabled = !chat.live;
    button.addEventListener('click', () => send(action.text));
    return button;
  }));
}

async function refreshConversation() {
  if (!chat.conversationId) {
    return;
  }
  try {
    const view = await chat.api.conversation(chat.conversationId);
    renderPanel(view, chat.patientName);
    renderProgress(view.state, view.step);
    (view.pending || []).forEach(work => work.messageId && chat.awaiting.add(work.messageId));
    setTyping();
  } catch (error) {
    // the side panel can wait; the chat itself goes on
  }
}

function onEvent(name, data) {
  if (name === 'ready') {
    chat.live = true;
    setComposerEnabled(true);
    setStatus('Connected.');
  } else if (name === 'reply') {
    showMessage((data.author || 'assistant').toLowerCase(), data.text, data.at, data.replyId);
    if (data.final) {
      chat.awaiting.delete(data.inReplyTo);
      showQuickReplies(data.quickReplies);
      refreshConversation();
    }
    if (data.state) {
      renderProgress(data.state, data.step);
    }
    setTyping();
  } else if (name === 'state') {
    renderProgress(data.state, data.step);
  } else if (name === 'failed' && data.status === 401) {
    signInAgain();
  } else if (name === 'failed') {
    setStatus('This conversation is no longer available. Press Reset to start a new one.');
    setComposerEnabled(false);
  }
}

function onConnection(connected) {
  if (!connected) {
    chat.live = false;
    setComposerEnabled(false);
    setStatus('Reconnecting…');
  }
}

async function send(text) {
  const trimmed = text.trim();
  if (!trimmed || !chat.conversationId) {
    return;
  }
  const messageId = newMessageId();
  showMessage('patient', trimmed, new Date().toISOString());
  chat.awaiting.add(messageId);
  setTyping();
  try {
    const { status, body } = await chat.api.postMessage(chat.conversationId, messageId, trimmed);
    if (status === 200) {
      body.replies.forEach(reply => onEvent('reply', reply));
    }
  } catch (error) {
    chat.awaiting.delete(messageId);
    setTyping();
    const detail = error instanceof ApiError ? error.message : 'The message could not be sent.';
    const retry = error instanceof ApiError && error.status === 429 ? ' Please wait a moment.' : '';
    showMessage('system', `Not sent: ${detail}${retry}`, new Date().toISOString());
  }
}

function remember() {
  sessionStorage.setItem(SESSION, JSON.stringify({ patientId: chat.patientId, conversationId: chat.conversationId }));
}

function recall() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION)) || {};
  } catch (error) {
    return {};
  }
}

/** Opens (or resumes) the signed-in patient's conversation and its reply stream. */
async function start(patientId, patientName, resumeId = null) {
  if (chat.events) {
    chat.events.close();
  }
  Object.assign(chat, { patientId, patientName, conversationId: null, live: false });
  chat.awaiting.clear();
  chat.shown.clear();
  ui.messages.replaceChildren();
  setComposerEnabled(false);
  renderPanel(null, patientName, patientId);
  renderProgress(null, null);
  showQuickReplies(null);
  let lastSequence = null;
  try {
    if (resumeId) {
      const lines = await chat.api.transcript(resumeId).catch(() => null);
      if (lines) {
        chat.conversationId = resumeId;
        for (const line of lines) {
          showMessage(line.role === 'patient' ? 'patient' : line.role, line.text, line.at, line.replyId);
          if (line.sequence) {
            lastSequence = Math.max(lastSequence || 0, line.sequence);
          }
        }
      }
    }
    if (!chat.conversationId) {
      chat.conversationId = await chat.api.openConversation();
      lastSequence = null;
      showMessage('assistant', "Hi! I'm your pharmacy assistant. How can I help you today?", null);
    }
  } catch (error) {
    setStatus(`Could not start the conversation: ${error.message}`);
    return;
  }
  remember();
  chat.events = new ReplyEvents(`/api/v1/conversations/${encodeURIComponent(chat.conversationId)}/stream`,
    () => chat.signIn.authorization(), onEvent, onConnection);
  chat.events.start(lastSequence === null ? null : lastSequence);
  refreshConversation();
}

async function exportTranscript() {
  if (!chat.conversationId) {
    return;
  }
  const [conversation, transcript] = await Promise.all([
    chat.api.conversation(chat.conversationId), chat.api.transcript(chat.conversationId)]);
  const stamp = new Date().toISOString();
  const data = { exportedAt: stamp, conversationId: chat.conversationId, patientId: chat.patientId,
    state: conversation.state, step: conversation.step, profile: conversation.profile || null,
    messages: transcript };
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  link.download = `rxflow-conversation-${chat.conversationId.slice(0, 8)}-${stamp.replace(/[:.]/g, '-')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function bindControls() {
  ui.composer.addEventListener('submit', event => {
    event.preventDefault();
    if (ui.send.disabled) {
      return;
    }
    const text = ui.message.value;
    ui.message.value = '';
    send(text);
  });
  ui.message.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.composer.requestSubmit();
    }
  });
  ui.reset.addEventListener('click', () => {
    sessionStorage.removeItem(SESSION);
    start(chat.patientId, chat.patientName);
  });
  ui.signOut.addEventListener('click', signOut);
  ui.signIn.addEventListener('click', () => chat.signIn.begin());
  ui.exportButton.addEventListener('click', () => exportTranscript().catch(error => setStatus(error.message)));
  ui.togglePanel.addEventListener('click', () => {
    const open = ui.panel.classList.toggle('open');
    ui.togglePanel.setAttribute('aria-expanded', String(open));
  });
}

/** The token expired or was refused: sign in again (the conversation resumes on return). */
function signInAgain() {
  if (chat.reauthenticating) {
    return;
  }
  chat.reauthenticating = true;
  if (chat.events) {
    chat.events.close();
  }
  chat.signIn.signOut();
  setStatus('Your sign-in expired; signing in again…');
  chat.signIn.begin();
}

function showSignedOut(message) {
  ui.who.textContent = '';
  ui.signOut.hidden = true;
  ui.signedOutMessage.textContent = message;
  ui.signedOut.hidden = false;
  setComposerEnabled(false);
}

function signOut() {
  if (chat.events) {
    chat.events.close();
  }
  chat.signIn.signOut();
  sessionStorage.removeItem(SESSION);
  Object.assign(chat, { conversationId: null, live: false });
  ui.messages.replaceChildren();
  renderPanel(null, '', '');
  showSignedOut('You are signed out of the chat.');
}

async function main() {
  bindControls();
  showQuickReplies(null);
  setComposerEnabled(false);
  try {
    chat.signIn = await SignIn.create();
    const token = await chat.signIn.session();
    if (!token) {
      await chat.signIn.begin();
      return;
    }
    chat.api = new ChatApi(chat.signIn, signInAgain);
    ui.who.textContent = `Signed in as ${token.user}`;
    ui.signOut.hidden = false;
    const saved = recall();
    start(token.patientId, token.user, saved.patientId === token.patientId ? saved.conversationId : null);
  } catch (error) {
    showSignedOut(`Could not sign in: ${error.message}`);
  }
}

main();
