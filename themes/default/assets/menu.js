// On a phone the sections fold behind a Menu button (a disclosure: the
// button says whether it is open). Without JavaScript they simply wrap.
(function () {
  'use strict';
  var header = document.querySelector('.site-header');
  var nav = document.getElementById('site-nav');
  var button = header && header.querySelector('.menu-toggle');
  if (!nav || !button) return;
  header.classList.add('has-menu');
  button.hidden = false;
  button.addEventListener('click', function () {
    var open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
    if (open) { var first = nav.querySelector('a'); if (first) first.focus(); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && nav.classList.contains('open')) {
      nav.classList.remove('open');
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    }
  });
})();
