// reCAPTCHA calls the function named in each widget's data-callback when the box is
// ticked; django-recaptcha defines it in an inline script, which the site's
// Content-Security-Policy refuses. Nothing has to happen on a tick: define them here.
document.querySelectorAll(".g-recaptcha[data-callback]").forEach(function (widget) {
  var name = widget.getAttribute("data-callback");
  if (/^onSubmit_[0-9a-f]+$/.test(name) && typeof window[name] !== "function") {
    window[name] = function () {};
  }
});
