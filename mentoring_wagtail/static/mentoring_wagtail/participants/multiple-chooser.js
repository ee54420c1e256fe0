// A list of chosen items filled from Wagtail's chooser modal in its multiple
// mode. Each item is a hidden input named after the form field.
(function () {
  function addItem(root, item) {
    var list = root.querySelector('[data-chosen-list]');
    var inputs = list.querySelectorAll('input');
    for (var i = 0; i < inputs.length; i += 1) {
      if (inputs[i].value === String(item.id)) return;
    }
    var template = root.querySelector('template[data-item-template]');
    var node = template.content.firstElementChild.cloneNode(true);
    node.querySelector('input').value = item.id;
    node.querySelector('[data-title]').textContent = item.title;
    list.appendChild(node);
  }

  function init(root) {
    if (root.dataset.mentoringReady || !window.Chooser) return;
    root.dataset.mentoringReady = '1';
    var options = { modalUrl: root.dataset.chooserUrl };
    // The record's school: another field's value, passed to the modal's URL.
    var linked = JSON.parse(root.dataset.linkedFields || '{}');
    if (Object.keys(linked).length) options.linkedFields = linked;
    var adder = new window.Chooser(root.dataset.adderId, options);
    adder.openChooserModal = function () {
      if (!this.modal) this.modal = new this.chooserModalClass(this.opts.modalUrl);
      var modalOptions = Object.assign(
        { multiple: true },
        (this.getModalOptions && this.getModalOptions()) || {},
      );
      this.modal.open(modalOptions, function (result) {
        (Array.isArray(result) ? result : [result]).forEach(function (item) {
          addItem(root, item);
        });
      });
    };
    root.addEventListener('click', function (event) {
      var button = event.target.closest('[data-remove]');
      if (button) button.closest('[data-chosen-item]').remove();
    });
  }

  function initAll() {
    document.querySelectorAll('[data-mentoring-multiple-chooser]').forEach(init);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', initAll);
  } else {
    initAll();
  }
})();
