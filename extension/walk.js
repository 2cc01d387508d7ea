// Lede Reader's DOM walk: a classic script, injected into the tab before content.js (and
// loaded by tests/browser/extension-walk.test.mjs). It turns the children of an element
// (Readability's result, which its `serializer` option hands over as it is) into HTML
// events as arrays (docs/html-events.md, "From JavaScript"): messages are JSON in
// Chromium, so arrays cross them as they are, and the background writes the bytes
// (lede.js's encoder). The article is never serialised and parsed again.
//   element opens: [1, localName, namespace (0 HTML, 1 SVG, 2 MathML), [name, value, …]]
//   text:          [2, data]
//   close:         [3]
globalThis.ledeWalk ??= (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  const TEXT = 3;
  const CDATA = 4;
  const ELEMENT = 1;

  function start(el) {
    const ns = el.namespaceURI === SVG ? 1 : el.namespaceURI === MATHML ? 2 : 0;
    const attrs = [];
    // An attribute in a namespace (xlink:href on SVG) by its local name, as an HTML
    // parser gives it to the core; on HTML elements name and local name are the same.
    for (const a of el.attributes) attrs.push(a.namespaceURI ? a.localName : a.name, a.value);
    return [1, el.localName, ns, attrs];
  }

  // Depth first, with a stack of its own: pages nest deeper than the JS stack allows. A
  // <template>'s content is a fragment of its own in a DOM (an HTML parser such as gumbo
  // puts it below the element): walked as its children.
  const kids = (node) => (node.localName === 'template' && node.content ? node.content : node).firstChild;
  return function walk(root) {
    const events = [];
    const open = [];
    let node = kids(root);
    for (;;) {
      if (!node) {
        if (!open.length) return events;
        events.push([3]);
        node = open.pop().nextSibling;
      } else if (node.nodeType === ELEMENT) {
        events.push(start(node));
        open.push(node);
        node = kids(node);
      } else {
        if (node.nodeType === TEXT || node.nodeType === CDATA) events.push([2, node.data]);
        node = node.nextSibling;
      }
    }
  };
})();
