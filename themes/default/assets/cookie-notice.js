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
  // Scrolling to whatever gets focus keeps clear of the notice (the CSS
  // reserves 9rem; here the notice's real height, as its text wraps).
  function reserve() {
    document.documentElement.style.scrollPaddingBottom = (form.offsetHeight + 16) + 'px';
  }
  reserve();
  window.addEventListener('resize', reserve);
  // Focus that scrolled the page under the notice anyway is brought back into view.
  document.addEventListener('focusin', function (event) {
    if (!form.isConnected || form.contains(event.target)) return;
    var box = event.target.getBoundingClientRect();
    var top = form.getBoundingClientRect().top;
    if (box.bottom > top) window.scrollBy(0, box.bottom - top + 16);
  });
  // Once the notice is gone, focus goes to the page's content, not to nowhere.
  function gone() {
    var hadFocus = form.contains(document.activeElement);
    form.remove();
    document.documentElement.style.scrollPaddingBottom = '';
    var main = document.getElementById('main');
    if (hadFocus && main) main.focus({preventScroll: true});
  }
  function rememberHere() {
    document.cookie = NAME + '=dismissed; Max-Age=' + MAX_AGE + '; Path=/; SameSite=Lax' +
                      (location.protocol === 'https:' ? '; Secure' : '');
    gone();
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
      if (response.ok) { gone(); } else { rememberHere(); }
    }, rememberHere);
  });
})();
