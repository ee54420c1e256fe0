// A meeting's attendees: only the people of the group chosen in the form.
// Each checkbox names its group field (data-group-field) and its groups
// (data-member-of; see participants/admin/meeting_form.py). Those of another
// group are hidden and unticked; before a group is chosen none is shown.
(function () {
  function apply(select) {
    var chosen = select.value;
    var inputs = document.querySelectorAll(
      'input[data-member-of][data-group-field="' + select.id + '"]',
    );
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      var member = !!chosen && input.dataset.memberOf.split(' ').indexOf(chosen) !== -1;
      var option = input.closest('label') || input;
      option.style.display = member ? '' : 'none';
      if (!member) input.checked = false;
    }
  }

  function initAll() {
    var seen = {};
    document.querySelectorAll('input[data-member-of][data-group-field]').forEach(function (input) {
      var id = input.dataset.groupField;
      if (seen[id]) return;
      seen[id] = true;
      var select = document.getElementById(id);
      if (!select || select.dataset.mentoringAttendees) return;
      select.dataset.mentoringAttendees = '1';
      select.addEventListener('change', function () { apply(select); });
      apply(select);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', initAll);
  } else {
    initAll();
  }
})();
