/** Adds a JSON-LD script to the test document's head: a string as it is, anything else as JSON. */
export function addJsonLd(value: unknown): void {
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  script.textContent = typeof value === 'string' ? value : JSON.stringify(value);
  document.head.append(script);
}
