// The court-referral form: which rules and which clock apply, shown as the referral date is typed.
// The rules are chosen by the referral date, never by today's date (DOMAIN.md, "Court referral").
(function () {
  var hint = document.getElementById('regime-hint');
  var date = document.getElementById('f-referredOn');
  var kind = document.getElementById('f-referralKind');
  var procedure = document.getElementById('f-procedure');
  if (!hint || !date) { return; }
  function days() {
    if (kind && kind.value === 'PRE_FILING_DELEGATED') { return 30; }
    return procedure && procedure.value === 'SIMPLE' ? 7 : 15;
  }
  function show() {
    var day = date.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { hint.textContent = hint.dataset.none; return; }
    var text = day < '2025-01-01' ? hint.dataset.before : hint.dataset.after;
    hint.textContent = text.replace('{days}', String(days()));
  }
  [date, kind, procedure].forEach(function (input) {
    if (input) { input.addEventListener('input', show); input.addEventListener('change', show); }
  });
  show();
})();
