// The auditors' page: one patient's accesses from /api/v1/audit, newest first. No inline script or
// style (the Content-Security-Policy allows this file only); text is set with textContent, never HTML.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value == null ? '' : String(value);
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  function show(page) {
    var body = $('accesses').querySelector('tbody');
    body.replaceChildren();
    page.accesses.forEach(function (a) {
      var row = document.createElement('tr');
      cell(row, new Date(a.occurredAt).toLocaleString());
      cell(row, a.actorKind.toLowerCase() + ' ' + a.actorId);
      cell(row, a.action + (a.detail ? ' (' + a.detail + ')' : ''));
      cell(row, a.purposeKind.toLowerCase() + ' ' + a.purposeId);
      cell(row, a.service);
      cell(row, 'p' + a.partition + ' #' + a.sequence + ' ' + a.hash.substring(0, 16) + '…', 'hash');
      row.lastChild.title = a.hash;
      body.appendChild(row);
    });
    $('summary').textContent = page.accesses.length + ' accesses recorded for ' + page.patientPseudonym
        + ' (this lookup is recorded too).';
    $('accesses').hidden = page.accesses.length === 0;
  }

  function lookup(event) {
    event.preventDefault();
    var patient = $('patient').value.trim();
    $('message').textContent = '';
    fetch('/api/v1/audit/patients/' + encodeURIComponent(patient) + '/accesses', {
      headers: { 'Accept': 'application/json' }, credentials: 'same-origin'
    }).then(function (response) {
      if (response.status === 401) { window.location.href = '/login'; return null; }
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (problem) {
          throw new Error(problem.detail || problem.title || ('HTTP ' + response.status));
        });
      }
      return response.json();
    }).then(function (page) {
      if (page) { show(page); }
    }).catch(function (error) {
      $('accesses').hidden = true;
      $('summary').textContent = '';
      $('message').textContent = 'Could not list the accesses: ' + error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('lookup').addEventListener('submit', lookup);
    $('sign-out').addEventListener('click', RxflowSession.signOut);
  });
})();
