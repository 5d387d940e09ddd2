// The sale page without reloads: buyer search as you type, the card type's
// price filled in, and a submit button that can't be pressed twice.
// Everything here also works without JavaScript, only with more clicks.
// Its words come from the page, in the page's language: data- attributes whose
// {name} marks are filled in here (the CSP allows no inline script).

const searchForm = document.querySelector(".buyer-search");
const query = document.getElementById("buyer-query");
const matches = document.getElementById("buyer-matches");
const buyerId = document.getElementById("buyer_id");
const chosen = document.getElementById("chosen-buyer");
const newBuyer = document.getElementById("new-buyer");
const saleForm = document.getElementById("sale-form");

let pending = null;
let latest = 0;

function text(template, values) {
  return template.replace(/\{(\w+)\}/g, (mark, name) => values[name] ?? mark);
}

function show(element, visible) {
  element.hidden = !visible;
  if (element.tagName === "FIELDSET") element.disabled = !visible;
}

function choose(buyer) {
  buyerId.value = String(buyer.id);
  chosen.querySelector("[data-buyer-summary]").textContent =
    [buyer.name, buyer.email, buyer.phone].filter(Boolean).join(", ");
  show(chosen, true);
  show(newBuyer, false);
  matches.replaceChildren();
  query.value = "";
  document.getElementById("card_type")?.focus();
}

function startNewBuyer(event) {
  event.preventDefault();
  buyerId.value = "";
  show(chosen, false);
  show(newBuyer, true);
  document.getElementById("name").focus();
}

function describe(buyer) {
  const cards = buyer.cards.map((number) => text(searchForm.dataset.card, { number }));
  const parts = [buyer.email, buyer.phone, ...cards];
  return parts.filter(Boolean).join(" · ");
}

function render(buyers, typed) {
  if (buyers.length === 0) {
    const p = document.createElement("p");
    p.textContent = text(searchForm.dataset.noMatches, { query: typed });
    matches.replaceChildren(p);
    return;
  }
  const list = document.createElement("ul");
  list.className = "matches";
  for (const buyer of buyers) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = text(searchForm.dataset.choose, { name: buyer.name });
    button.addEventListener("click", () => choose(buyer));
    const details = document.createElement("span");
    details.className = "muted";
    details.textContent = describe(buyer);
    item.append(button, " ", details);
    list.append(item);
  }
  matches.replaceChildren(list);
}

async function search() {
  const typed = query.value.trim();
  const ticket = ++latest;
  if (typed.length < 2) {
    matches.replaceChildren();
    return;
  }
  const url = `${searchForm.dataset.searchUrl}?q=${encodeURIComponent(typed)}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  // Answers can arrive out of order; only the newest query's answer is shown.
  if (!response.ok || ticket !== latest) return;
  render(await response.json(), typed);
}

query.addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(search, 150);
});
searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
chosen.querySelector("[data-new-buyer]").addEventListener("click", startNewBuyer);

const cardType = document.getElementById("card_type");
const price = document.getElementById("price");
cardType?.addEventListener("change", () => {
  price.value = cardType.selectedOptions[0].dataset.price;
});

saleForm.addEventListener("submit", () => {
  // The sale key already makes a second submit harmless; this just says so.
  const button = saleForm.querySelector("[data-submit]");
  setTimeout(() => {
    button.disabled = true;
    button.textContent = button.dataset.pending;
  }, 0);
});
