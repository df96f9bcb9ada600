// The demo shop's own code: a cart in localStorage, a language picker, and the calls a shop makes
// to segmint. Nothing here is part of segmint.
const CART_KEY = 'demo-cart';
const readCart = () => JSON.parse(localStorage.getItem(CART_KEY) || '[]');
const writeCart = (items) => localStorage.setItem(CART_KEY, JSON.stringify(items));

document.querySelectorAll('[data-add-to-cart]').forEach((button) => {
  button.addEventListener('click', () => {
    const item = JSON.parse(button.getAttribute('data-add-to-cart'));
    writeCart([...readCart(), item]);
    segmint('track', 'add_to_cart', { ...item, quantity: 1 });
    button.textContent = 'Added ✓';
  });
});

// segmint's add-to-cart buttons ask the shop to add the offered products: the shop owns the cart.
const PRODUCTS = {
  'SKU-TENT-2P': { id: 'SKU-TENT-2P', name: 'Trail Tent 2P', price: 249 },
  'SKU-MAT': { id: 'SKU-MAT', name: 'Insulated Sleeping Mat', price: 89 },
  'SKU-LAMP': { id: 'SKU-LAMP', name: 'Camp Lamp', price: 29 },
  'SKU-MOKA': { id: 'SKU-MOKA', name: 'Camp Moka Pot', price: 39 },
  'SKU-DRIPPER': { id: 'SKU-DRIPPER', name: 'Pour-Over Dripper', price: 19 },
  'SKU-PRESS': { id: 'SKU-PRESS', name: 'Trail French Press', price: 34 },
};
window.addEventListener('segmint:add-to-cart', (event) => {
  for (const id of event.detail.products) {
    const item = PRODUCTS[id];
    if (!item) continue;
    writeCart([...readCart(), item]);
    segmint('track', 'add_to_cart', { ...item, currency: 'USD', quantity: 1 });
  }
});

const picker = document.getElementById('language');
if (picker) {
  const current = /(?:^|;\s*)demo-locale=([A-Za-z-]+)/.exec(document.cookie);
  picker.value = current ? current[1] : '';
  picker.addEventListener('change', () => {
    document.cookie = picker.value ? `demo-locale=${picker.value}; path=/` : 'demo-locale=; path=/; max-age=0';
    location.reload();
  });
}

const cartTable = document.getElementById('cart-items');
if (cartTable) {
  const items = readCart();
  for (const item of items) {
    const row = cartTable.insertRow();
    row.insertCell().textContent = item.name;
    row.insertCell().textContent = `$${item.price.toFixed(2)}`;
  }
  document.getElementById('cart-total').textContent = `$${items.reduce((sum, item) => sum + item.price, 0).toFixed(2)}`;
  document.getElementById('empty-cart').addEventListener('click', () => {
    writeCart([]);
    location.reload();
  });
  // A real shop tracks the purchase on its thank-you page; the demo places the order here. The
  // purchase is what campaigns convert on, and what `npm run demo:results` counts.
  const placeOrder = document.getElementById('place-order');
  placeOrder.disabled = items.length === 0;
  placeOrder.addEventListener('click', () => {
    const value = items.reduce((sum, item) => sum + item.price, 0);
    segmint('track', 'purchase', {
      value,
      currency: 'USD',
      items: items.map(({ id, price }) => ({ id, price, quantity: 1 })),
      transactionId: `demo-${Date.now().toString(36)}`,
    });
    writeCart([]);
    placeOrder.disabled = true;
    document.getElementById('order-status').textContent = `Thank you: order of $${value.toFixed(2)} placed.`;
  });
}

document.getElementById('forget')?.addEventListener('click', () => {
  segmint('forget');
  localStorage.removeItem(CART_KEY);
  document.getElementById('forget').textContent = 'Profile erased';
});
