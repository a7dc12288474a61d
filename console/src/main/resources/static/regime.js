// The court-referral form: which rules and which clock apply, shown as the referral date is typed.
// The rules are chosen by the referral date, never by today's date (DOMAIN.md, "Court referral"):
// before 2025-01-01 the 2016 rules (delegated 30 days; entrusted 15 ordinary / 7 simple), from then on
// the 2025 opinion (no more delegated mediation; entrusted 15 / 7, extendable by consent). The command
// side decides; this only tells the officer what it will decide.
(function () {
  var hint = document.getElementById('regime-hint');
  var date = document.getElementById('f-referredOn');
  var kind = document.getElementById('f-referralKind');
  var procedure = document.getElementById('f-procedure');
  if (!hint || !date || !kind || !procedure) { return; }
  function show() {
    var day = date.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { hint.textContent = hint.dataset.none; return; }
    var regime = day < '2025-01-01' ? '2016' : '2025';
    var delegated = kind.value === 'PRE_FILING_DELEGATED';
    var text = hint.dataset[(delegated ? 'delegated' : 'entrusted') + regime];
    hint.textContent = text.replace('{days}', procedure.value === 'SIMPLE' ? '7' : '15');
  }
  [date, kind, procedure].forEach(function (input) {
    input.addEventListener('input', show);
    input.addEventListener('change', show);
  });
  show();
})();
