// Records every click with the data-id of the element it landed on, for the end-to-end tests.
window.clicks = [];
document.addEventListener("click", (event) => {
  const hit = event.target instanceof Element ? event.target.closest("[data-id]") : null;
  window.clicks.push({ id: hit ? hit.dataset.id : null, x: event.clientX, y: event.clientY, button: event.button, detail: event.detail });
}, true);
document.addEventListener("contextmenu", (event) => {
  event.preventDefault();
  const hit = event.target instanceof Element ? event.target.closest("[data-id]") : null;
  window.clicks.push({ id: hit ? hit.dataset.id : null, x: event.clientX, y: event.clientY, button: 2, detail: 1 });
}, true);
