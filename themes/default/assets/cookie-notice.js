// Dismisses the cookie notice without a reload. Without JavaScript the same
// form posts normally and the server redirects back.
(function () {
  var form = document.getElementById('cookie-notice');
  if (!form || !window.fetch) return;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'X-Requested-With': 'fetch', 'Content-Type': 'application/x-www-form-urlencoded'},
      body: 'return_to=' + encodeURIComponent(location.pathname + location.search)
    }).then(function (response) {
      if (response.ok) { form.remove(); } else { form.submit(); }
    }, function () { form.submit(); });
  });
})();
