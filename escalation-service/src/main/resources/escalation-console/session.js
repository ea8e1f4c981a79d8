// What the console and the auditors' page share about the signed-in session: the CSRF token from
// its cookie, and signing out (a POST with that token, as Spring Security requires). No inline
// script or style anywhere (the Content-Security-Policy allows this service's files only).
var RxflowSession = (function () {
  'use strict';

  function cookie(name) {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
  }

  function csrfToken() {
    return cookie('XSRF-TOKEN') || '';
  }

  function signOut() {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = '/logout';
    var token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = csrfToken();
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
  }

  return { csrfToken: csrfToken, signOut: signOut };
})();
