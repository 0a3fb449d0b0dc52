/**
 * A stand-in for Stripe.js (js.stripe.com), served to the page by a route: the browser tests cannot
 * reach Stripe. It has what @stripe/stripe-js and @stripe/react-stripe-js call, records every call
 * in `window.__stripeCalls` for the test to check, renders a plain box for the Payment Element, and
 * answers confirmPayment with a succeeded PaymentIntent, or once with a decline when the test sets
 * `window.__declineNext` to Stripe's message.
 */
export const FAKE_STRIPE_JS = `(() => {
  const calls = (window.__stripeCalls = []);
  const record = (name, detail) => calls.push({ name, detail });
  function Stripe(publishableKey) {
    record('Stripe', { publishableKey });
    const unsupported = () => Promise.reject(new Error('not in the stand-in'));
    return {
      elements(options) {
        record('elements', { clientSecret: options && options.clientSecret, locale: options && options.locale });
        return {
          create(type) {
            record('create', { type });
            const handlers = {};
            const element = {
              mount(node) {
                const target = typeof node === 'string' ? document.querySelector(node) : node;
                target.innerHTML = '<div data-testid="fake-payment-element" style="padding:12px;border:1px solid #d9d9d9;border-radius:6px">4242 4242 4242 4242 · 12/34 · 123</div>';
                setTimeout(() => (handlers.ready || []).forEach((handler) => handler({ elementType: type })), 0);
              },
              on(event, handler) { (handlers[event] = handlers[event] || []).push(handler); return element; },
              off(event, handler) { handlers[event] = (handlers[event] || []).filter((h) => h !== handler); return element; },
              update() {}, destroy() {}, unmount() {}, blur() {}, focus() {}, clear() {}, collapse() {},
            };
            return element;
          },
          getElement() { return null; },
          update() {},
          fetchUpdates() { return Promise.resolve({}); },
          submit() { return Promise.resolve({}); },
        };
      },
      confirmPayment(args) {
        record('confirmPayment', { redirect: args.redirect, returnUrl: args.confirmParams && args.confirmParams.return_url });
        if (window.__declineNext) {
          const message = window.__declineNext;
          window.__declineNext = null;
          return Promise.resolve({ error: { type: 'card_error', code: 'card_declined', message } });
        }
        return Promise.resolve({ paymentIntent: { id: 'pi_from_the_page', status: 'succeeded' } });
      },
      createToken: unsupported,
      createPaymentMethod: unsupported,
      confirmCardPayment: unsupported,
      _registerWrapper() {},
      registerAppInfo() {},
    };
  }
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();`;
