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
    var adder = new window.Chooser(root.dataset.adderId, {
      modalUrl: root.dataset.chooserUrl,
    });
    adder.openChooserModal = function () {
      if (!this.modal) this.modal = new this.chooserModalClass(this.opts.modalUrl);
      this.modal.open({ multiple: true }, function (result) {
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
