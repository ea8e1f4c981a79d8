// The pharmacist console. Everything shown comes from the API and is written with textContent
// only: nothing a patient or a colleague typed is ever parsed as markup.
(function () {
  'use strict';

  var state = { cases: [], selected: null, current: null, me: null, refreshTimer: null, serverOffset: 0 };
  var $ = function (id) { return document.getElementById(id); };

  var PRIORITY_LABEL = { URGENT: 'Urgent', HIGH: 'High', ROUTINE: 'Routine' };
  var STATUS_LABEL = {
    OPENED: 'Waiting', CLAIMED: 'Claimed', RETURNED: 'Returned', CLOSED: 'Closed', WITHDRAWN: 'Withdrawn',
    SENT: 'Sent to prescriber', MORE_INFO_NEEDED: 'More info needed', APPROVED: 'Approved', DENIED: 'Denied'
  };
  var ROUTE_LABEL = { URGENT: 'Urgent', PHARMACIST: 'Pharmacist', PRESCRIBER: 'Prescriber' };

  function api(method, path, body, idempotencyKey) {
    var headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = RxflowSession.csrfToken();
      headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
    }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      var date = response.headers.get('Date');
      if (date) {
        state.serverOffset = new Date(date).getTime() - Date.now();
      }
      if (response.status === 401) {
        window.location.assign('/login');
        throw new Error('signed out');
      }
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var error = new Error(json.detail || json.title || ('HTTP ' + response.status));
          error.problem = json;
          throw error;
        }
        return json;
      });
    });
  }

  function text(element, value) {
    element.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    return element;
  }

  function el(tag, className, value) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (value !== undefined) { node.textContent = value; }
    return node;
  }

  function now() { return Date.now() + state.serverOffset; }

  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) { return d + 'd ' + h + 'h'; }
    if (h > 0) { return h + 'h ' + m + 'm'; }
    return m + 'm ' + (s % 60) + 's';
  }

  function slaText(c) {
    if (!c.inQueue) { return 'done'; }
    var due = new Date(c.slaDueAt).getTime();
    var left = due - now();
    if (c.slaBreachedAt || left <= 0) { return 'overdue ' + duration(-left); }
    return duration(left) + ' left';
  }

  function slaClass(c) {
    if (!c.inQueue) { return 'sla done'; }
    var left = new Date(c.slaDueAt).getTime() - now();
    return left <= 0 || c.slaBreachedAt ? 'sla breached' : left < 5 * 60 * 1000 ? 'sla soon' : 'sla';
  }

  // ---- the queue

  function loadQueue() {
    var params = new URLSearchParams();
    if ($('route-filter').value) { params.set('route', $('route-filter').value); }
    params.set('status', $('status-filter').value);
    return api('GET', '/api/v1/cases?' + params.toString()).then(function (page) {
      state.cases = page.cases;
      var warning = $('incomplete');
      var fromStandby = page.servedFromStandby && page.servedFromStandby.length > 0;
      warning.hidden = page.complete && !fromStandby;
      text(warning, !page.complete ? 'Part of the queue could not be loaded (' + page.unavailable.join(', ')
        + '); it will be retried.'
        : fromStandby ? 'An instance is not answering: part of the queue was read from a standby copy and may be '
          + 'a few moments behind.' : '');
      renderQueue();
    }).catch(function (error) { showMessage(error.message, true); });
  }

  function renderQueue() {
    var body = $('case-rows');
    var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.id : null;
    body.replaceChildren();
    state.cases.forEach(function (c) {
      var row = el('tr');
      row.tabIndex = 0;
      row.dataset.id = c.escalationId;
      row.className = 'case-row priority-' + c.priority.toLowerCase() + (c.escalationId === state.selected ? ' selected' : '');
      row.setAttribute('aria-selected', c.escalationId === state.selected ? 'true' : 'false');
      var priority = el('td');
      priority.appendChild(el('span', 'badge ' + c.priority.toLowerCase(), PRIORITY_LABEL[c.priority] || c.priority));
      priority.appendChild(el('span', 'route', ROUTE_LABEL[c.route] || c.route));
      row.appendChild(priority);
      var patient = el('td');
      patient.appendChild(el('strong', null, c.patientName || c.patientId || 'Unknown patient'));
      patient.appendChild(el('span', 'sub', c.question));
      row.appendChild(patient);
      var reason = el('td');
      reason.appendChild(el('span', null, (c.reasonCodes || []).join(', ')));
      if (c.medication) { reason.appendChild(el('span', 'sub', c.medication)); }
      row.appendChild(reason);
      var waiting = el('td', 'waiting');
      waiting.dataset.since = c.openedAt;
      row.appendChild(waiting);
      var sla = el('td');
      sla.dataset.sla = c.escalationId;
      row.appendChild(sla);
      var status = el('td');
      status.appendChild(el('span', 'status ' + c.status.toLowerCase(), STATUS_LABEL[c.status] || c.status));
      if (c.owner) { status.appendChild(el('span', 'sub', c.owner.name)); }
      if (c.lastPatientMessageAt) { status.appendChild(el('span', 'sub new-message', 'patient wrote')); }
      row.appendChild(status);
      row.addEventListener('click', function () { select(c.escalationId); });
      row.addEventListener('keydown', function (event) { rowKey(event, row, c.escalationId); });
      body.appendChild(row);
    });
    text($('count'), state.cases.length);
    $('empty').hidden = state.cases.length > 0;
    tick();
    if (focused) {
      var again = body.querySelector('tr[data-id="' + CSS.escape(focused) + '"]');
      if (again) { again.focus(); }
    }
  }

  function rowKey(event, row, id) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(id).then(function () { $('detail').focus(); });
    } else if (event.key === 'ArrowDown' && row.nextElementSibling) {
      event.preventDefault();
      row.nextElementSibling.focus();
    } else if (event.key === 'ArrowUp' && row.previousElementSibling) {
      event.preventDefault();
      row.previousElementSibling.focus();
    }
  }

  function tick() {
    document.querySelectorAll('td.waiting').forEach(function (cell) {
      cell.textContent = duration(now() - new Date(cell.dataset.since).getTime());
    });
    document.querySelectorAll('td[data-sla]').forEach(function (cell) {
      var c = state.cases.filter(function (x) { return x.escalationId === cell.dataset.sla; })[0];
      if (c) {
        cell.replaceChildren(el('span', slaClass(c), slaText(c)));
      }
    });
    if (state.current) {
      var sla = $('case-sla');
      sla.textContent = slaText(state.current);
      sla.className = slaClass(state.current);
    }
  }

  // ---- one case

  function select(id) {
    state.selected = id;
    document.querySelectorAll('#case-rows tr').forEach(function (row) {
      var on = row.dataset.id === id;
      row.classList.toggle('selected', on);
      row.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    return loadCase(id);
  }

  function loadCase(id) {
    return api('GET', '/api/v1/cases/' + encodeURIComponent(id)).then(function (c) {
      if (state.selected === id) { renderCase(c); }
    }).catch(function (error) { showMessage(error.message, true); });
  }

  function renderCase(c) {
    var changedCase = !state.current || state.current.escalationId !== c.escalationId;
    state.current = c;
    $('no-case').hidden = true;
    $('case').hidden = false;
    text($('case-title'), (c.patient && c.patient.name ? c.patient.name : 'Patient ' + (c.patientId || ''))
      + ' · ' + (ROUTE_LABEL[c.route] || c.route));
    var meta = [PRIORITY_LABEL[c.priority] || c.priority, STATUS_LABEL[c.status] || c.status,
      'opened ' + new Date(c.openedAt).toLocaleString()];
    if (c.owner) { meta.push('claimed by ' + c.owner.name); }
    if (c.prescriber) { meta.push('prescriber ' + c.prescriber); }
    if (c.finishedBy && !c.inQueue) { meta.push('by ' + c.finishedBy.name); }
    if (c.note) { meta.push('note: ' + c.note); }
    text($('case-meta'), meta.join(' · '));
    text($('patient-name'), c.patient ? c.patient.name : null);
    text($('patient-allergies'), c.patient && c.patient.allergies.length ? c.patient.allergies.join(', ') : 'none recorded');
    text($('patient-medications'), c.patient && c.patient.medications.length ? c.patient.medications.join(', ') : null);
    text($('case-question'), c.question);
    text($('case-medication'), c.medication);
    text($('case-reasons'), (c.reasonCodes || []).join(', '));
    renderLines($('transcript'), c.transcript);
    renderLines($('thread'), c.messages);
    $('thread-title').hidden = c.messages.length === 0;

    var mine = state.me && c.owner && c.owner.id === state.me.id;
    var pharmacist = state.me && state.me.roles.indexOf('PHARMACIST') >= 0;
    var prescriberRoute = c.route === 'PRESCRIBER';
    $('claim').hidden = !(pharmacist && !prescriberRoute && c.status === 'OPENED');
    $('withdraw').hidden = !(pharmacist && c.inQueue && (!c.owner || mine));
    $('reply-form').hidden = !(mine && c.status === 'CLAIMED');
    $('decision-form').hidden = !(prescriberRoute && c.inQueue);
    if (changedCase) {
      $('action-message').hidden = true;
      $('reply-text').value = '';
      $('resolve-note').value = '';
    }
    tick();
  }

  function renderLines(list, lines) {
    list.replaceChildren();
    (lines || []).forEach(function (line) {
      var item = el('li', 'line ' + line.role);
      var head = el('span', 'who', (line.author ? line.author + ' (' + line.role + ')' : line.role));
      var at = el('time', null, new Date(line.at).toLocaleTimeString());
      at.dateTime = line.at;
      head.appendChild(document.createTextNode(' '));
      head.appendChild(at);
      item.appendChild(head);
      item.appendChild(el('p', 'text', line.text));
      list.appendChild(item);
    });
  }

  function showMessage(message, isError) {
    var box = $('action-message');
    box.hidden = false;
    box.className = isError ? 'notice error' : 'notice';
    box.textContent = message;
  }

  function newKey() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function act(path, body, done) {
    if (!state.current) { return Promise.resolve(); }
    var id = state.current.escalationId;
    var buttons = document.querySelectorAll('#case button');
    buttons.forEach(function (b) { b.disabled = true; });
    return api('POST', '/api/v1/cases/' + encodeURIComponent(id) + path, body, newKey()).then(function (c) {
      if (state.selected === id) { renderCase(c); }
      if (done) { done(c); }
      loadQueue();
    }).catch(function (error) {
      showMessage(error.message, true);
      loadCase(id);
    }).finally(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  function wire() {
    $('route-filter').addEventListener('change', loadQueue);
    $('status-filter').addEventListener('change', loadQueue);
    $('claim').addEventListener('click', function () {
      act('/claim', undefined, function () {
        showMessage('You have this case now; the patient is told you joined.', false);
        $('reply-text').focus();
      });
    });
    $('withdraw').addEventListener('click', function () {
      var reason = window.prompt('Why does this case need no pharmacist?');
      if (reason) { act('/withdraw', { reason: reason }); }
    });
    $('reply-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var message = $('reply-text').value.trim();
      if (!message) { return; }
      act('/replies', { text: message }, function () {
        $('reply-text').value = '';
        showMessage('Sent to the patient.', false);
      });
    });
    $('reply-text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        $('reply-form').requestSubmit();
      }
    });
    $('return').addEventListener('click', function () {
      act('/resolve', { outcome: 'RETURNED_TO_ASSISTANT', note: $('resolve-note').value || null }, function () {
        showMessage('Returned to the assistant.', false);
      });
    });
    $('close').addEventListener('click', function () {
      act('/resolve', { outcome: 'CLOSED', note: $('resolve-note').value || null }, function () {
        showMessage('Conversation closed.', false);
      });
    });
    $('decision-form').addEventListener('submit', function (event) {
      event.preventDefault();
      act('/prescriber-decision', {
        decision: $('decision').value, note: $('decision-note').value || null,
        prescriber: $('decision-prescriber').value || null
      }, function () { showMessage('Decision recorded; the patient is told.', false); });
    });
    $('sign-out').addEventListener('click', RxflowSession.signOut);
  }

  function listen() {
    var source = new EventSource('/api/v1/cases/stream');
    source.onopen = function () { $('live').textContent = 'live'; $('live').className = 'live on'; };
    source.onerror = function () { $('live').textContent = 'reconnecting…'; $('live').className = 'live'; };
    source.addEventListener('case', function (event) {
      var change = JSON.parse(event.data);
      clearTimeout(state.refreshTimer);
      state.refreshTimer = setTimeout(loadQueue, 150);
      if (change.escalationId === state.selected) { loadCase(state.selected); }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wire();
    api('GET', '/api/v1/me').then(function (me) {
      state.me = me;
      text($('me'), me.name);
      $('audit-link').hidden = me.roles.indexOf('AUDITOR') < 0;
      return loadQueue();
    }).then(listen);
    setInterval(tick, 1000);
  });
})();
