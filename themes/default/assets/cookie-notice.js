// Dismisses the cookie notice without a reload. Without JavaScript the same
// form posts normally and the server redirects back. On a static export (no
// server to post to) the script keeps the choice in the cookie itself.
(function () {
  var form = document.getElementById('cookie-notice');
  if (!form) return;
  var NAME = 'newsdesk_consent';
  var MAX_AGE = 182 * 24 * 3600;
  if (document.cookie.split('; ').indexOf(NAME + '=dismissed') >= 0) {
    form.remove();
    return;
  }
  function rememberHere() {
    document.cookie = NAME + '=dismissed; Max-Age=' + MAX_AGE + '; Path=/; SameSite=Lax' +
                      (location.protocol === 'https:' ? '; Secure' : '');
    form.remove();
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!window.fetch) return rememberHere();
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'X-Requested-With': 'fetch', 'Content-Type': 'application/x-www-form-urlencoded'},
      body: 'return_to=' + encodeURIComponent(location.pathname + location.search)
    }).then(function (response) {
      if (response.ok) { form.remove(); } else { rememberHere(); }
    }, rememberHere);
  });
})();
